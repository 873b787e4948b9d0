/** Dates as answers say them. */

/** "2025-01" or "2025-01 to 2026-06": the span of the dates given (ISO strings sort as dates). */
export function dateSpan(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'unknown';
  return first === last ? first : `${first} to ${last}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sep 2025" for "2025-09" or "2025-09-14"; the text as given when it is not such a date. */
export function monthYear(date: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(date);
  const month = match ? monthNames[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : date;
}
