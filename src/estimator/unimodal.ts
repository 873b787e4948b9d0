/**
 * The first smallest value of a unimodal sequence without computing all of it. The CPU
 * thread sweep is one: a placement's request time over llama-bench -t choices (most threads
 * first) is convex in the thread count, as its parts are (reads and arithmetic shrink as
 * 1/threads or stay flat once the threads fill the bus, barriers grow linearly), so it falls,
 * may stay level at its least, then rises. Its least lies near where it lay for the last
 * machine, so a search from there times two or three choices instead of all of them.
 */

/**
 * The index of the first least value of `cost` over 0..count-1, the one a scan from index 0
 * that replaces only on a strictly smaller value would keep, when the sequence strictly falls,
 * then holds its least, then strictly rises. Starts at `start`, walks downhill. `cost` may be
 * called more than once for an index; callers cache. NaN anywhere: a full scan decides.
 */
export function firstLeastOfUnimodal(count: number, cost: (index: number) => number, start: number): number {
  if (count <= 1) return 0;
  let index = Math.min(count - 1, Math.max(0, start));
  let here = cost(index);
  if (Number.isNaN(here)) return firstLeastByScan(count, cost);
  const left = index > 0 ? cost(index - 1) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(left)) return firstLeastByScan(count, cost);
  if (left <= here) {
    // Rising towards `index` or level at the least: the first least is to the left.
    index -= 1;
    here = left;
    while (index > 0) {
      const next = cost(index - 1);
      if (Number.isNaN(next)) return firstLeastByScan(count, cost);
      if (next > here) break;
      index -= 1;
      here = next;
    }
    return index;
  }
  // Falling into `index`: go right while it keeps falling strictly.
  while (index < count - 1) {
    const next = cost(index + 1);
    if (Number.isNaN(next)) return firstLeastByScan(count, cost);
    if (!(next < here)) break;
    index += 1;
    here = next;
  }
  return index;
}

/** What a plain scan keeps: the first index whose cost no later one beats strictly. */
export function firstLeastByScan(count: number, cost: (index: number) => number): number {
  let best = 0;
  let bestCost = count > 0 ? cost(0) : Number.NaN;
  for (let index = 1; index < count; index += 1) {
    const value = cost(index);
    if (value < bestCost) {
      best = index;
      bestCost = value;
    }
  }
  return best;
}
