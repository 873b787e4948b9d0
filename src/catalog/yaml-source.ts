/**
 * A parsed YAML file that remembers where each value stood, so that a problem found
 * on the parsed data can be reported at its line and column.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import type { CatalogProblem, PathSegment } from './problems.ts';
import { formatPath } from './problems.ts';

export interface YamlSource {
  file: string;
  data: unknown;
  /** Syntax errors; when there are any, data should not be trusted. */
  syntaxProblems: CatalogProblem[];
  locate(path: readonly PathSegment[], message: string, options?: { key?: string }): CatalogProblem;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const syntaxProblems = document.errors.map((error): CatalogProblem => {
    const [line, column] = positionAt(lineCounter, error.pos[0]);
    return { file, line, column, path: '', message: firstLine(error.message) };
  });

  let data: unknown;
  if (syntaxProblems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount });
    } catch (error) {
      // yaml throws (ReferenceError) for an alias without its anchor and for too many
      // aliases: a mistake in the file like any other, reported where the alias stands.
      const message = error instanceof Error ? firstLine(error.message) : String(error);
      const [line, column] = positionAt(lineCounter, aliasOffset(document, message));
      syntaxProblems.push({ file, line, column, path: '', message });
    }
  }

  return {
    file,
    data,
    syntaxProblems,
    locate(path, message, options) {
      const offset = offsetOf(document, path, options?.key);
      const [line, column] = positionAt(lineCounter, offset);
      const shownPath = options?.key ? formatPath([...path, options.key]) : formatPath(path);
      return { file, line, column, path: shownPath, message };
    },
  };
}

/** How often one anchor may be referred to; more looks like an alias bomb (yaml's own guard). */
export const maxAliasCount = 100;

/** Where the alias that broke toJS stands: the unresolved one named in the message, else the last alias. */
function aliasOffset(document: Document, message: string): number {
  const aliases: Alias[] = [];
  visit(document, { Alias: (_key, node) => void aliases.push(node) });
  const unresolved = aliases.find((alias) => alias.resolve(document) === undefined && message.includes(alias.source));
  const chosen = unresolved ?? aliases.at(-1);
  return chosen?.range?.[0] ?? 0;
}

/**
 * The offset of the value at `path`, or of the deepest ancestor that exists (a missing
 * field is reported where its object starts). With `key`, the offset of that key itself.
 */
function offsetOf(document: Document, path: readonly PathSegment[], key?: string): number {
  let deepest: Node | null = isNode(document.contents) ? document.contents : null;
  for (let depth = 1; depth <= path.length; depth += 1) {
    const node = document.getIn(path.slice(0, depth), true);
    if (!isNode(node)) break;
    deepest = node;
  }
  if (key !== undefined && isMap(deepest)) {
    const pair = deepest.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return deepest?.range?.[0] ?? 0;
}

function positionAt(lineCounter: LineCounter, offset: number): [number, number] {
  const { line, col } = lineCounter.linePos(offset);
  return [line, col];
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
