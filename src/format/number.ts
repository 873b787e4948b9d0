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
