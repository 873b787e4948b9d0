/**
 * Numbers as a person types them in a chat: `32k`, `5k`, `5,000`, `€5000`, `5000 EUR`.
 * A token count's `k` is 1024 (a "32k context" is 32768 tokens, as model cards and
 * llama.cpp count); a euro amount's is 1000. Anything else is refused with an example.
 */
import type { UserError } from '../advisor/index.ts';

/** What an option's number counts: tokens (binary k), euros (a currency sign allowed), or plain. */
export type QuantityUnit = 'tokens' | 'eur' | 'plain';

/** Options whose numbers carry a unit; the rest are plain numbers (k = 1000). */
export const optionUnits: Readonly<Record<string, QuantityUnit>> = {
  context: 'tokens',
  prompt_tokens: 'tokens',
  budget: 'eur',
};

export const currencyWords = /^(?:€|eur|euro|euros)$/i;
const otherCurrency = /[$£¥]|\b(?:usd|gbp|chf|dollars?)\b/i;
// 5000, 5_000, 5,000, 1,234,567, 1.5, 5e3; then an optional k/m multiplier.
const numeral = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.\d+)?(?:e[+-]?\d+)?)([km]?)$/i;

function example(unit: QuantityUnit): string {
  if (unit === 'tokens') return '32768 or 32k';
  if (unit === 'eur') return '5000, 5k, 5,000 or €5000';
  return '5000 or 5k';
}

/** The number in `raw`, or why it is none; `whole` refuses fractions (after the multiplier). */
export function parseQuantity(
  raw: string,
  unit: QuantityUnit,
  name: string,
  whole: boolean,
): { ok: true; value: number } | { ok: false; error: UserError } {
  const fail = (message: string) => ({ ok: false as const, error: { message, suggestions: [] } });
  const kind = whole ? 'a whole number' : 'a number';
  let text = raw.trim();
  if (unit === 'eur') {
    if (otherCurrency.test(text))
      return fail(`${name} is in EUR (prices are compared in euros, incl. VAT), not "${raw}"`);
    text = text.replace(/^(?:€|eur)\s*/i, '').replace(/\s*(?:€|eur|euros?)$/i, '');
  }
  const match = numeral.exec(text);
  if (!match) return fail(`${name} takes ${kind} such as ${example(unit)}, not "${raw}"`);
  const thousand = unit === 'tokens' ? 1024 : 1000;
  const multiplier = { '': 1, k: thousand, m: thousand * thousand }[(match[2] ?? '').toLowerCase()] ?? 1;
  const value = Number((match[1] ?? '').replace(/[,_]/g, '')) * multiplier;
  if (!Number.isFinite(value)) return fail(`${name} takes ${kind} such as ${example(unit)}, not "${raw}"`);
  if (whole && !Number.isInteger(value)) return fail(`${name} takes ${kind} such as ${example(unit)}, not "${raw}"`);
  return { ok: true, value };
}
