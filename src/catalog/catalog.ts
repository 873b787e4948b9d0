/** The validated catalog with its lookups, built once per load. */
import type { Benchmark, BuildsData, Chip, Machine, Model, Quantization } from './schema.ts';
import { SearchIndex } from './search.ts';
import { modelNameKey } from './model-names.ts';
import { deriveConfigurations, type CatalogMachine, type RejectedConfiguration } from './derive.ts';
import { buyerPrice, defaultPriceBasis, type BuyerPrice, type PriceBasis } from './price.ts';

export interface CatalogData {
  chips: Chip[];
  machines: Machine[];
  models: Model[];
  quantizations: Quantization[];
  benchmarks: Benchmark[];
  builds: BuildsData;
}

export interface Catalog extends Omit<CatalogData, 'machines'> {
  /** Products from machines.yaml, then the configurations derived from builds.yaml. */
  machines: CatalogMachine[];
  /** Just the products of machines.yaml. */
  products: Machine[];
  configurations: CatalogMachine[];
  /** Combinations the build rules refused, with why. */
  rejectedConfigurations: RejectedConfiguration[];
  /** VAT and exchange rates every EUR figure was computed with. */
  priceBasis: PriceBasis;
  /** What an EU buyer pays for a machine or configuration, EUR incl. VAT, with the basis in words. */
  buyerPrice(machine: Pick<Machine, 'price'>): BuyerPrice;
  chip(id: string): Chip | undefined;
  machine(id: string): CatalogMachine | undefined;
  /** By id or alias, without case; a Hugging Face id (`Qwen/Qwen3-Coder-30B-A3B-Instruct`) finds its model. */
  model(id: string): Model | undefined;
  /** Case-insensitive: q4_k_m finds Q4_K_M. */
  quantization(id: string): Quantization | undefined;
  machineSearch: SearchIndex<CatalogMachine>;
  modelSearch: SearchIndex<Model>;
  quantizationSearch: SearchIndex<Quantization & { name: string }>;
}

export function buildCatalog(data: CatalogData, basis: PriceBasis = defaultPriceBasis): Catalog {
  const chipById = new Map(data.chips.map((chip) => [chip.id, chip]));
  const productById = new Map(data.machines.map((machine) => [machine.id, machine]));
  const derived = deriveConfigurations(
    data.builds,
    { machine: (id) => productById.get(id), chip: (id) => chipById.get(id) },
    data.machines,
    basis,
  );
  const machines: CatalogMachine[] = [...data.machines, ...derived.configurations];
  const machineById = new Map(machines.map((machine) => [machine.id, machine]));
  const modelById = new Map(data.models.map((model) => [model.id, model]));
  const modelByName = new Map<string, Model>();
  // Ids first, so an alias can never take an id's place (checks.ts refuses the clash).
  for (const model of data.models) modelByName.set(modelNameKey(model.id), model);
  for (const model of data.models)
    for (const alias of model.aliases)
      if (!modelByName.has(modelNameKey(alias))) modelByName.set(modelNameKey(alias), model);
  const quantizationById = new Map(
    data.quantizations.map((quantization) => [quantization.id.toUpperCase(), quantization]),
  );
  return {
    ...data,
    machines,
    products: data.machines,
    configurations: derived.configurations,
    rejectedConfigurations: derived.rejected,
    priceBasis: basis,
    buyerPrice: (machine) => buyerPriceOrFace(machine.price, basis),
    chip: (id) => chipById.get(id),
    machine: (id) => machineById.get(id),
    model: (id) => modelById.get(id) ?? modelByName.get(modelNameKey(id)),
    quantization: (id) => quantizationById.get(id.toUpperCase()),
    // A machine is also found by its chips and their product lines: "strix halo", "gb10", "rtx 3090".
    machineSearch: new SearchIndex(machines, (machine) =>
      [machine.chip, ...machine.gpus.map((gpu) => gpu.chip)]
        .flatMap((id) => {
          const chip = chipById.get(id);
          return chip ? [chip.name, ...chip.known_as] : [];
        })
        .join(' '),
    ),
    modelSearch: new SearchIndex(data.models, (model) => model.aliases.join(' ')),
    quantizationSearch: new SearchIndex(
      data.quantizations.map((quantization) => ({ ...quantization, name: quantization.id })),
    ),
  };
}

/** The loader refused unknown currencies already; a record built in code falls back to face value. */
function buyerPriceOrFace(price: Machine['price'], basis: PriceBasis): BuyerPrice {
  const result = buyerPrice(price, basis);
  if (result.ok) return { ...result.value, ...(price.basis ? { basis: { code: 'stated', text: price.basis } } : {}) };
  return {
    eur: price.amount,
    market: price.market,
    basis: { code: 'no-rate', currency: price.currency },
    date: price.date,
    estimate: true,
  };
}
