/** Cutting text to a budget, the same way in every front. */

export const ellipsis = '…';

/** At most `max` UTF-16 units, cut at a code point and marked with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ellipsis.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${ellipsis}`;
}

/** At most `max` units, cut at a word break when one is near (labels, chart text). */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -ellipsis.length);
  const wordBreak = cut.lastIndexOf(' ');
  return `${(wordBreak >= cut.length * 0.6 ? cut.slice(0, wordBreak) : cut).trimEnd()}${ellipsis}`;
}
