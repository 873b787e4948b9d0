/**
 * A validated catalog kept on disk between runs, so that a one-shot terminal answer skips
 * YAML parsing, zod and the cross-checks (most of its start) when nothing changed. The key
 * hashes the files' bytes, the price basis and the version of the code that validates them
 * (the bundle's build hash); the data's own hash is stored beside it. A stale, truncated or
 * edited cache is never used: the catalog is read from the YAML again and the cache rewritten.
 * Beside the records it keeps what the caller derives from them at start (the estimator's
 * calibration, fitted on the measurements).
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog, type Catalog, type CatalogData } from './catalog.ts';
import { catalogFileNames, parseCatalog, readCatalogTexts, type CatalogTexts } from './load.ts';
import type { CatalogProblem } from './problems.ts';
import { defaultPriceBasis, type PriceBasis } from './price.ts';

export interface CatalogCache {
  /** Where the cache is kept: one file, replaced whole. */
  file: string;
  /** Changes whenever the schema or the checks may have: the bundle's input hash. */
  codeVersion: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function catalogCacheKey(texts: CatalogTexts, basis: PriceBasis, codeVersion: string): string {
  const hash = createHash('sha256').update(`rig-advisor catalog cache 1\0${codeVersion}\0${JSON.stringify(basis)}\0`);
  for (const name of catalogFileNames) hash.update(`${name}\0${texts[name]}\0`);
  return hash.digest('hex');
}

/** What buildCatalog is made from, recovered from a catalog: its validated records. */
function dataOf(catalog: Catalog): CatalogData {
  const { chips, products, models, quantizations, benchmarks, builds } = catalog;
  return { chips, machines: products, models, quantizations, benchmarks, builds };
}

/** What the cache holds: the validated records, and what a caller derived from them (the calibration). */
interface Cached<Derived> {
  data: CatalogData;
  derived: Derived;
}

/** The cached records when the file holds exactly the data this key was written with; otherwise undefined. */
function readCache<Derived>(file: string, key: string): Cached<Derived> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header: unknown = JSON.parse(text.slice(0, newline));
    if (typeof header !== 'object' || header === null) return undefined;
    const { key: cachedKey, sha256: cachedSha } = header as Record<string, unknown>;
    const body = text.slice(newline + 1);
    if (cachedKey !== key || cachedSha !== sha256(body)) return undefined;
    return JSON.parse(body) as Cached<Derived>;
  } catch {
    return undefined;
  }
}

function writeCache<Derived>(file: string, key: string, cached: Cached<Derived>): void {
  const body = JSON.stringify(cached);
  // Written aside and renamed: a reader never sees half a file, and two writers leave one whole.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify({ key, sha256: sha256(body) })}\n${body}`);
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written (a read-only install) only costs the next start its parse.
  }
}

/**
 * loadCatalogSync through the cache: the same result, the YAML parsed only when it or the code
 * changed. `derive` computes what else is kept with it (it must be a pure function of the
 * catalog and of code the code version covers, and survive JSON: plain records and finite numbers).
 */
export function loadCatalogCached<Derived>(
  directory: string,
  cache: CatalogCache,
  derive: (catalog: Catalog) => Derived,
  basis: PriceBasis = defaultPriceBasis,
): ({ ok: true; catalog: Catalog; derived: Derived } | { ok: false; problems: CatalogProblem[] }) & {
  fromCache: boolean;
} {
  const read = readCatalogTexts(directory);
  if (!read.ok) return { ...read, fromCache: false };
  const key = catalogCacheKey(read.texts, basis, cache.codeVersion);
  const cached = readCache<Derived>(cache.file, key);
  if (cached) return { ok: true, catalog: buildCatalog(cached.data, basis), derived: cached.derived, fromCache: true };
  const loaded = parseCatalog(read.texts, (name) => path.join(directory, `${name}.yaml`), basis);
  if (!loaded.ok) return { ...loaded, fromCache: false };
  // Only a catalog that passed every check is kept: a broken one is reported again next time.
  const derived = derive(loaded.catalog);
  writeCache(cache.file, key, { data: dataOf(loaded.catalog), derived });
  return { ok: true, catalog: loaded.catalog, derived, fromCache: false };
}
