/** The validated catalog with its lookups, built once per load. */
import type { Benchmark, Chip, Machine, Model, Quantization } from './schema.ts';
import { SearchIndex } from './search.ts';

export interface CatalogData {
  chips: Chip[];
  machines: Machine[];
  models: Model[];
  quantizations: Quantization[];
  benchmarks: Benchmark[];
}

export interface Catalog extends CatalogData {
  chip(id: string): Chip | undefined;
  machine(id: string): Machine | undefined;
  model(id: string): Model | undefined;
  /** Case-insensitive: q4_k_m finds Q4_K_M. */
  quantization(id: string): Quantization | undefined;
  machineSearch: SearchIndex<Machine>;
  modelSearch: SearchIndex<Model>;
  quantizationSearch: SearchIndex<Quantization & { name: string }>;
}

export function buildCatalog(data: CatalogData): Catalog {
  const chipById = new Map(data.chips.map((chip) => [chip.id, chip]));
  const machineById = new Map(data.machines.map((machine) => [machine.id, machine]));
  const modelById = new Map(data.models.map((model) => [model.id, model]));
  const quantizationById = new Map(data.quantizations.map((quantization) => [quantization.id.toUpperCase(), quantization]));
  return {
    ...data,
    chip: (id) => chipById.get(id),
    machine: (id) => machineById.get(id),
    model: (id) => modelById.get(id),
    quantization: (id) => quantizationById.get(id.toUpperCase()),
    machineSearch: new SearchIndex(data.machines),
    modelSearch: new SearchIndex(data.models),
    quantizationSearch: new SearchIndex(data.quantizations.map((quantization) => ({ ...quantization, name: quantization.id }))),
  };
}
