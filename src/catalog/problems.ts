/** A problem found in a catalog file, located to the line and column an editor can jump to. */
export interface CatalogProblem {
  /** Path as shown to people, e.g. data/machines.yaml. */
  file: string;
  line: number;
  column: number;
  /** Path inside the file, e.g. machines[3].memory.bandwidth_gbps; empty for the whole file. */
  path: string;
  message: string;
}

export type PathSegment = string | number;

/** machines, 3, memory → machines[3].memory */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}

/** data/machines.yaml:42:7 machines[3].memory.bandwidth_gbps: expected number */
export function formatProblem(problem: CatalogProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path === '' ? `${where} ${problem.message}` : `${where} ${problem.path}: ${problem.message}`;
}
