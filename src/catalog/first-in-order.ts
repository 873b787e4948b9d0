/**
 * The first few of many items in a given order, without sorting them all: a catalog of
 * thousands of machines is shown five at a time and charted 500 at a time, and a full
 * comparator sort of 10 000 costs more than everything else a request does.
 */

/**
 * The first `count` items in `compare` order. `key` must agree with `compare`: an item
 * with a smaller key sorts first; items with equal keys are ordered by `compare` alone.
 */
export function firstInOrder(
  items: readonly number[],
  key: (item: number) => number,
  compare: (a: number, b: number) => number,
  count: number,
): number[] {
  if (count <= 0) return [];
  // Selecting pays off only when it leaves most items out.
  if (items.length <= Math.max(64, count * 2)) return [...items].sort(compare).slice(0, count);
  const keys = new Float64Array(items.length);
  for (let index = 0; index < items.length; index += 1) keys[index] = key(items[index] ?? 0);
  const threshold = kthSmallest(keys.slice(), count - 1);
  // Everything at or below the count-th key, ties included, so compare settles the ties.
  const chosen: number[] = [];
  for (let index = 0; index < items.length; index += 1)
    if ((keys[index] ?? 0) <= threshold) chosen.push(items[index] ?? 0);
  return chosen.sort(compare).slice(0, count);
}

/** Hoare's selection: the value that would sit at `rank` (0-based) if `values` were sorted. Reorders `values`. */
export function kthSmallest(values: Float64Array, rank: number): number {
  let left = 0;
  let right = values.length - 1;
  const at = (index: number): number => values[index] ?? Number.NaN;
  while (left < right) {
    const pivot = at((left + right) >>> 1);
    let low = left;
    let high = right;
    while (low <= high) {
      while (at(low) < pivot) low += 1;
      while (at(high) > pivot) high -= 1;
      if (low <= high) {
        const swap = at(low);
        values[low] = at(high);
        values[high] = swap;
        low += 1;
        high -= 1;
      }
    }
    if (rank <= high) right = high;
    else if (rank >= low) left = low;
    else return at(rank);
  }
  return at(rank);
}
