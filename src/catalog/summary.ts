/** Counts and sourcing of a loaded catalog, for `npm run catalog:check`. */
import type { Catalog } from './catalog.ts';

export interface CatalogSummary {
  counts: Record<'chips' | 'machines' | 'models' | 'quantizations' | 'benchmarks', number>;
  machinesByCategory: Record<string, number>;
  chipsByKind: Record<string, number>;
  modelsByArchitecture: Record<string, number>;
  benchmarksByBackend: Record<string, number>;
  /** Every `source:` in the catalog, by kind. */
  sources: { urls: number; survey: number; estimates: number };
  /** Where a figure rests on an estimate: `file id: reasoning`. */
  estimates: string[];
}

export function summarise(catalog: Catalog): CatalogSummary {
  const sources = { urls: 0, survey: 0, estimates: 0 };
  const estimates: string[] = [];
  const visit = (where: string, value: unknown, key = ''): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(where, item, key));
    else if (value && typeof value === 'object') for (const [childKey, child] of Object.entries(value)) visit(where, child, childKey);
    else if (typeof value === 'string' && (key === 'source' || key.endsWith('_source'))) {
      if (value.startsWith('estimate:')) {
        sources.estimates += 1;
        estimates.push(`${where}: ${value.slice('estimate:'.length).trim()}`);
      } else if (value.startsWith('survey:')) sources.survey += 1;
      else sources.urls += 1;
    }
  };
  for (const [file, records] of Object.entries({
    chips: catalog.chips,
    machines: catalog.machines,
    models: catalog.models,
    quantizations: catalog.quantizations,
    benchmarks: catalog.benchmarks,
  })) {
    for (const record of records) visit(`${file} ${record.id}`, record);
  }
  return {
    counts: {
      chips: catalog.chips.length,
      machines: catalog.machines.length,
      models: catalog.models.length,
      quantizations: catalog.quantizations.length,
      benchmarks: catalog.benchmarks.length,
    },
    machinesByCategory: countBy(catalog.machines, (machine) => machine.category),
    chipsByKind: countBy(catalog.chips, (chip) => chip.kind),
    modelsByArchitecture: countBy(catalog.models, (model) => model.architecture),
    benchmarksByBackend: countBy(catalog.benchmarks, (benchmark) => benchmark.backend),
    sources,
    estimates,
  };
}

function countBy<T>(records: readonly T[], keyOf: (record: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) counts[keyOf(record)] = (counts[keyOf(record)] ?? 0) + 1;
  return counts;
}
