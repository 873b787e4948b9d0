/**
 * Strings in UTF-16 code-unit order, as `<` compares them. Ids, file names and search
 * words here are ASCII, so this is alphabetical for them; `localeCompare` would load
 * ICU's collation data (~3 MB) for an order that is the same.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
