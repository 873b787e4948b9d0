import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogFileNames, parseCatalog, type Catalog, type CatalogTexts } from '../../src/catalog/index.ts';

export const fixtureDirectory = 'test/fixtures/catalog';

export function fixtureTexts(): CatalogTexts {
  return Object.fromEntries(
    catalogFileNames.map((name) => [name, readFileSync(path.join(fixtureDirectory, `${name}.yaml`), 'utf8')]),
  ) as CatalogTexts;
}

export const displayName = (name: string) => `data/${name}.yaml`;

/** The fixture catalog, with any file replaced by the given text. */
export function parseFixture(overrides: Partial<CatalogTexts> = {}) {
  return parseCatalog({ ...fixtureTexts(), ...overrides }, displayName);
}

export function fixtureCatalog(): Catalog {
  const result = parseFixture();
  if (!result.ok) throw new Error(`fixture catalog is broken: ${JSON.stringify(result.problems)}`);
  return result.catalog;
}
