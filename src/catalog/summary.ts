/** Counts and sourcing of a loaded catalog, for `npm run catalog:check`. */
import type { Catalog } from './catalog.ts';
import { buyerEur, isOldPrice } from './price.ts';
import type { Price } from './schema.ts';

/** One catalog price with its age, for the by-age listing. */
export interface DatedPrice {
  /** "machines gmktec-evo-x2-128gb", "gpu_offers rtx-5090", "clusters gmktec-evo-x2-128gb link". */
  record: string;
  date: string;
  eur: number;
  market: Price['market'];
  old: boolean;
  estimate: boolean;
}

export interface CatalogSummary {
  counts: Record<'chips' | 'machines' | 'gpus' | 'configurations' | 'models' | 'quantizations' | 'benchmarks', number>;
  /** Builds, eGPU set-ups and clusters. */
  configurationsByKind: Record<string, number>;
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
  /** Every price in the data files, oldest first. */
  pricesByAge: DatedPrice[];
}

export function summarise(catalog: Catalog, today: Date = new Date()): CatalogSummary {
  const sources = { urls: 0, survey: 0, estimates: 0 };
  const estimates: string[] = [];
  const visit = (where: string, value: unknown, key = ''): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(where, item, key));
    else if (value && typeof value === 'object')
      for (const [childKey, child] of Object.entries(value)) visit(where, child, childKey);
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
      // GPUs a buyer can add to a build or eGPU set-up (builds.yaml gpu_offers), new and used counted apart.
      gpus: catalog.builds.gpu_offers.length,
      configurations: catalog.configurations.length,
      models: catalog.models.length,
      quantizations: catalog.quantizations.length,
      benchmarks: catalog.benchmarks.length,
    },
    rejectedConfigurations: catalog.rejectedConfigurations.map((rejected) => `${rejected.id}: ${rejected.reason}`),
    configurationsByKind: countBy(catalog.configurations, (machine) => machine.configuration?.kind ?? 'other'),
    machinesByCategory: countBy(catalog.products, (machine) => machine.category),
    chipsByKind: countBy(catalog.chips, (chip) => chip.kind),
    modelsByArchitecture: countBy(catalog.models, (model) => model.architecture),
    benchmarksByBackend: countBy(catalog.benchmarks, (benchmark) => benchmark.backend),
    sources,
    estimates,
    pricesByAge: pricesByAge(catalog, today),
  };
}

function pricesByAge(catalog: Catalog, today: Date): DatedPrice[] {
  const priced: [string, Price][] = [
    ...catalog.products.map((machine): [string, Price] => [`machines ${machine.id}`, machine.price]),
    ...catalog.builds.gpu_offers.map((offer): [string, Price] => [`gpu_offers ${offer.id}`, offer.price]),
    ...catalog.builds.psu_offers.map((psu): [string, Price] => [`psu_offers ${psu.id}`, psu.price]),
    ...catalog.builds.egpu_links.map((link): [string, Price] => [`egpu_links ${link.id}`, link.price]),
    ...catalog.builds.clusters.map((cluster): [string, Price] => [
      `clusters ${cluster.machine} ${cluster.link} link`,
      cluster.link_cost,
    ]),
  ];
  return priced
    .map(([record, price]) => ({
      record,
      date: price.date,
      eur: Math.round(buyerEur(price, catalog.priceBasis)),
      market: price.market,
      old: isOldPrice(price.date, today),
      estimate: [price.source].flat().every((text) => text.startsWith('estimate:')),
    }))
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.record < b.record ? -1 : a.record > b.record ? 1 : 0,
    );
}

function countBy<T>(records: readonly T[], keyOf: (record: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) counts[keyOf(record)] = (counts[keyOf(record)] ?? 0) + 1;
  return counts;
}
