import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogFileNames, parseCatalog, type Catalog, type CatalogTexts } from '../../src/catalog/index.ts';
import type { PriceBasis } from '../../src/catalog/price.ts';

export const fixtureDirectory = 'test/fixtures/catalog';

export function fixtureTexts(): CatalogTexts {
  return Object.fromEntries(
    catalogFileNames.map((name) => [name, readFileSync(path.join(fixtureDirectory, `${name}.yaml`), 'utf8')]),
  ) as CatalogTexts;
}

/**
 * Round numbers for hand-worked cases: 1 USD = 0.8 EUR and 25 % VAT, so the fixture's
 * 1000 USD US list price is 1000 × 0.8 × 1.25 = 1000 EUR for an EU buyer.
 */
export const fixturePriceBasis: PriceBasis = {
  vatPercent: 25,
  rates: { USD: { eurPerUnit: 0.8, date: '2026-06-01', source: 'estimate: test fixture rate' } },
};

export const displayName = (name: string) => `data/${name}.yaml`;

/** The fixture catalog, with any file replaced by the given text. */
export function parseFixture(overrides: Partial<CatalogTexts> = {}) {
  return parseCatalog({ ...fixtureTexts(), ...overrides }, displayName, fixturePriceBasis);
}

export function fixtureCatalog(): Catalog {
  const result = parseFixture();
  if (!result.ok) throw new Error(`fixture catalog is broken: ${JSON.stringify(result.problems)}`);
  return result.catalog;
}
