/**
 * A parsed YAML file that remembers where each value stood, so that a problem found
 * on the parsed data can be reported at its line and column.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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

  return {
    file,
    data: syntaxProblems.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 }),
    syntaxProblems,
    locate(path, message, options) {
      const offset = offsetOf(document, path, options?.key);
      const [line, column] = positionAt(lineCounter, offset);
      const shownPath = options?.key ? formatPath([...path, options.key]) : formatPath(path);
      return { file, line, column, path: shownPath, message };
    },
  };
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
