/** Numbers and units as every front writes them (Discord, terminal, charts): one precision rule, grouped thousands, no Intl. */
import { formatDecimal } from '../number-format.ts';

/** Precision that suits the size: 1,367 · 49.3 · 5.5 · 0.37; `digits` fixes the most decimals shown. */
export function formatNumber(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const auto = magnitude >= 100 ? 0 : magnitude >= 1 ? 1 : 2;
  return formatDecimal(value, digits ?? auto);
}

export const formatRate = (tokensPerSecond: number): string => formatNumber(tokensPerSecond);
export const formatEur = (amount: number): string => `${formatNumber(amount, 0)} EUR`;
export const formatGb = (gigabytes: number): string => `${formatNumber(gigabytes)} GB`;
export const formatTokens = (tokens: number): string => formatNumber(tokens, 0);

/** "7.9 s", "2.5 min" past two minutes. */
export function formatSeconds(seconds: number): string {
  return seconds >= 120 ? `${formatNumber(seconds / 60)} min` : `${formatNumber(seconds)} s`;
}

/**
 * "4.3 (4.0–4.7)", "498 (387–853)": an estimate and its likely range, all three at the
 * estimate's precision (or `fractionDigits`) with trailing zeros kept, so "4" never stands
 * beside "4.7".
 */
export function formatWithRange(value: number, low: number, high: number, fractionDigits?: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const digits = fractionDigits ?? (magnitude >= 100 ? 0 : magnitude >= 1 ? 1 : 2);
  const fixed = (number: number) => {
    const text = formatDecimal(number, digits);
    if (digits === 0 || !Number.isFinite(number)) return text;
    const [, fraction = ''] = text.split('.');
    return `${text}${fraction === '' ? '.' : ''}${'0'.repeat(digits - fraction.length)}`;
  };
  return `${fixed(value)} (${fixed(low)}–${fixed(high)})`;
}
