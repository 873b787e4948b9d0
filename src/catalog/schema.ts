/**
 * The catalog's shapes, declared once. Every type the rest of the code uses is
 * inferred from these schemas; `npm run catalog:schema` turns them into JSON
 * Schema for editors. Each data file's records are declared in its own schema-*.ts; this module
 * lists the files and is the one import the rest of the code uses.
 */
import { ChipsFile } from './schema-chips.ts';
import { MachinesFile } from './schema-machines.ts';
import { ModelsFile, QuantizationsFile } from './schema-models.ts';
import { BenchmarksFile } from './schema-benchmarks.ts';
import { BuildsFile } from './schema-builds.ts';
export { Id, IsoDate, Source, SourceText } from './schema-common.ts';
export * from './schema-price.ts';
export * from './schema-chips.ts';
export * from './schema-machines.ts';
export * from './schema-models.ts';
export * from './schema-benchmarks.ts';
export * from './schema-builds.ts';

export const catalogFiles = {
  chips: ChipsFile,
  machines: MachinesFile,
  models: ModelsFile,
  quantizations: QuantizationsFile,
  benchmarks: BenchmarksFile,
  builds: BuildsFile,
} as const;
export type CatalogFileName = keyof typeof catalogFiles;
