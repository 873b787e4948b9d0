/**
 * The on-disk catalog cache must give exactly the catalog the YAML gives, and never a
 * stale or damaged one: each case below changes one thing and expects a fresh parse.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogCached } from '../../src/catalog/cache.ts';
import { loadCatalogSync, type Catalog } from '../../src/catalog/index.ts';
import { priceBasisWithVat, type PriceBasis } from '../../src/catalog/price.ts';
import { calibrateCatalog } from '../../src/estimator/index.ts';

let directory: string;
let cache: { file: string; codeVersion: string };

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'catalog-cache-'));
  cpSync('data', path.join(directory, 'data'), { recursive: true });
  cache = { file: path.join(directory, 'catalog-cache.json'), codeVersion: 'build-a' };
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const dataDir = () => path.join(directory, 'data');
const records = (catalog: Catalog) => ({
  chips: catalog.chips,
  products: catalog.products,
  machines: catalog.machines,
  models: catalog.models,
  quantizations: catalog.quantizations,
  benchmarks: catalog.benchmarks,
  builds: catalog.builds,
  rejected: catalog.rejectedConfigurations,
});
/** Through the cache, with the estimator's calibration kept beside the records as main.ts keeps it. */
const load = (options = cache, basis?: PriceBasis) => loadCatalogCached(dataDir(), options, calibrateCatalog, basis);
function mustLoad(result: { ok: true; catalog: Catalog } | { ok: false; problems: unknown[] }): Catalog {
  if (!result.ok) throw new Error(`the catalog must load: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.catalog;
}
const fresh = () => mustLoad(loadCatalogSync(dataDir()));

describe('the catalog cache', () => {
  it('gives back exactly the records the YAML gives, with every derived configuration', () => {
    const first = load();
    expect(first.fromCache).toBe(false);
    const second = load();
    expect(second.fromCache).toBe(true);
    // Strict: a field lost or turned undefined by the JSON round trip fails here.
    expect(records(mustLoad(second))).toStrictEqual(records(fresh()));
    // The calibration too: every efficiency, residual and count as fitted afresh.
    expect(second.ok && second.derived).toStrictEqual(calibrateCatalog(fresh()));
    expect(mustLoad(second).machine('framework-desktop-128gb')?.name).toBe(
      fresh().machine('framework-desktop-128gb')?.name,
    );
  });

  it('is not used once a data file changed', () => {
    load();
    const file = path.join(dataDir(), 'machines.yaml');
    const text = readFileSync(file, 'utf8');
    // One record's name changed: the YAML must be read again for the new name to show.
    const edited = text.replace(/^(\s+name: )(.+)$/m, '$1$2 (edited)');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const after = load();
    expect(after.fromCache).toBe(false);
    expect(records(mustLoad(after))).toStrictEqual(records(fresh()));
    expect(mustLoad(after).products.some((machine) => machine.name.endsWith('(edited)'))).toBe(true);
  });

  it('is not used by other code, nor under another price basis', () => {
    load();
    expect(load({ ...cache, codeVersion: 'build-b' }).fromCache).toBe(false);
    const otherVat = load({ ...cache, codeVersion: 'build-b' }, priceBasisWithVat(19));
    expect(otherVat.fromCache).toBe(false);
    expect(otherVat.ok && otherVat.catalog.priceBasis.vatPercent).toBe(19);
  });

  it('is not used when damaged: garbage, cut short, or its data edited', () => {
    load();
    const whole = readFileSync(cache.file, 'utf8');
    const damaged = [
      'not json at all',
      whole.slice(0, Math.floor(whole.length / 2)),
      // Still valid JSON with the right key, but one price changed: the stored data hash catches it.
      whole.replace(/"amount":(\d+)/, (_match, amount: string) => `"amount":${Number(amount) + 1}`),
      whole.split('\n')[0] ?? '',
    ];
    for (const text of damaged) {
      expect(text).not.toBe(whole);
      writeFileSync(cache.file, text);
      const result = load();
      expect(result.fromCache).toBe(false);
      expect(records(mustLoad(result))).toStrictEqual(records(fresh()));
      // Rewritten whole: the next load uses it again.
      expect(load().fromCache).toBe(true);
    }
  });

  it('never keeps a catalog with problems', () => {
    const file = path.join(dataDir(), 'machines.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/bandwidth_gbps: \d+/, 'bandwidth_gbps: fast'));
    const result = load();
    expect(result.ok).toBe(false);
    expect(existsSync(cache.file)).toBe(false);
    expect(load().ok).toBe(false);
  });
});
