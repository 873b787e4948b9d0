/** Counts and sourcing of a loaded catalog, for `npm run catalog:check`. */
import type { Catalog } from './catalog.ts';

export interface CatalogSummary {
  counts: Record<'chips' | 'machines' | 'configurations' | 'models' | 'quantizations' | 'benchmarks', number>;
  /** Build combinations refused by the rules (lanes, power, duplicates), with why. */
  rejectedConfigurations: string[];
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
    machines: catalog.products,
    gpu_offers: catalog.builds.gpu_offers,
    psu_offers: catalog.builds.psu_offers,
    egpu_links: catalog.builds.egpu_links,
    models: catalog.models,
    quantizations: catalog.quantizations,
    benchmarks: catalog.benchmarks,
  })) {
    for (const record of records) visit(`${file} ${record.id}`, record);
  }
  return {
    counts: {
      chips: catalog.chips.length,
      machines: catalog.products.length,
      configurations: catalog.configurations.length,
      models: catalog.models.length,
      quantizations: catalog.quantizations.length,
      benchmarks: catalog.benchmarks.length,
    },
    rejectedConfigurations: catalog.rejectedConfigurations.map((rejected) => `${rejected.id}: ${rejected.reason}`),
    machinesByCategory: countBy(catalog.products, (machine) => machine.category),
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
