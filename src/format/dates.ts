/** Dates as answers say them. */

/** "2025-01" or "2025-01 to 2026-06": the span of the dates given (ISO strings sort as dates). */
export function dateSpan(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'unknown';
  return first === last ? first : `${first} to ${last}`;
}
