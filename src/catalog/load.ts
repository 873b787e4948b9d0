/**
 * Reads the catalog's YAML files, validates them with the zod schemas and the
 * cross-record checks, and reports every problem at its file:line:column.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { catalogFiles, type CatalogFileName } from './schema.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';
import type { CatalogProblem, PathSegment } from './problems.ts';
import { crossCheck } from './checks.ts';
import { defaultPriceBasis, type PriceBasis } from './price.ts';
import { buildCatalog, type Catalog, type CatalogData } from './catalog.ts';
import { compareCodeUnits } from '../code-unit-order.ts';

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

export const catalogFileNames = Object.keys(catalogFiles) as CatalogFileName[];

/** Texts of the catalog's files, keyed by file name (without .yaml). */
export type CatalogTexts = Record<CatalogFileName, string>;

/**
 * Reads and validates the catalog in `directory`. Synchronous: a few hundred kB of YAML,
 * and a reload must answer within one interaction, so one reader serves start-up and reload.
 */
export function loadCatalogSync(directory: string, basis: PriceBasis = defaultPriceBasis): LoadResult {
  const read = readCatalogTexts(directory);
  if (!read.ok) return read;
  return parseCatalog(read.texts, (name) => path.join(directory, `${name}.yaml`), basis);
}

/** The catalog's files as text, or a problem for each that cannot be read. */
export function readCatalogTexts(
  directory: string,
): { ok: true; texts: CatalogTexts } | { ok: false; problems: CatalogProblem[] } {
  const texts: Partial<CatalogTexts> = {};
  const problems: CatalogProblem[] = [];
  for (const name of catalogFileNames) {
    const file = path.join(directory, `${name}.yaml`);
    try {
      texts[name] = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({
        file,
        line: 1,
        column: 1,
        path: '',
        message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, texts: texts as CatalogTexts };
}

/** The same load, for callers that await. */
export async function loadCatalog(directory: string, basis: PriceBasis = defaultPriceBasis): Promise<LoadResult> {
  return loadCatalogSync(directory, basis);
}

/** Pure: validates texts already read. `displayName` says how each file is named in messages. */
export function parseCatalog(
  texts: CatalogTexts,
  displayName: (name: CatalogFileName) => string,
  basis: PriceBasis = defaultPriceBasis,
): LoadResult {
  const sources = {} as Record<CatalogFileName, YamlSource>;
  const problems: CatalogProblem[] = [];
  const parsed: Partial<Record<CatalogFileName, unknown>> = {};

  for (const name of catalogFileNames) {
    const source = parseYamlSource(displayName(name), texts[name]);
    sources[name] = source;
    if (source.syntaxProblems.length > 0) {
      problems.push(...source.syntaxProblems);
      continue;
    }
    const result = catalogFiles[name].safeParse(source.data);
    if (result.success) parsed[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => locateIssue(source, issue)));
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const data = {
    chips: (parsed.chips as z.infer<typeof catalogFiles.chips>).chips,
    machines: (parsed.machines as z.infer<typeof catalogFiles.machines>).machines,
    models: (parsed.models as z.infer<typeof catalogFiles.models>).models,
    quantizations: (parsed.quantizations as z.infer<typeof catalogFiles.quantizations>).quantizations,
    benchmarks: (parsed.benchmarks as z.infer<typeof catalogFiles.benchmarks>).benchmarks,
    builds: parsed.builds as z.infer<typeof catalogFiles.builds>,
  } satisfies CatalogData;

  const crossProblems = crossCheck(data, basis).map((found) =>
    sources[found.file].locate(found.path, found.message, found.key === undefined ? undefined : { key: found.key }),
  );
  if (crossProblems.length > 0) return { ok: false, problems: sortProblems(crossProblems) };
  return { ok: true, catalog: buildCatalog(data, basis) };
}

function locateIssue(source: YamlSource, issue: z.core.$ZodIssue): CatalogProblem {
  const issuePath = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const [firstKey] = issue.keys;
    const allowedHint = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    return source.locate(issuePath, allowedHint, firstKey === undefined ? undefined : { key: firstKey });
  }
  if (issue.code === 'invalid_union') {
    // A union (such as a source: text or list) fails in every branch; the branch that
    // got the right type has the message that helps.
    const helpful = issue.errors.flat().find((inner) => inner.code !== 'invalid_type') ?? issue.errors.flat()[0];
    if (helpful) return locateIssue(source, { ...helpful, path: [...issue.path, ...helpful.path] });
  }
  return source.locate(issuePath, issue.message);
}

function sortProblems(problems: CatalogProblem[]): CatalogProblem[] {
  return [...problems].sort((a, b) => compareCodeUnits(a.file, b.file) || a.line - b.line || a.column - b.column);
}
