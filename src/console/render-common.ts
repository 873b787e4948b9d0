/** What the terminal renderings share: the width, speeds with their range, a measurement, the footer. */
import type { Measurement } from '../advisor/index.ts';
import type { SpeedEstimate } from '../estimator/index.ts';
import { dateSpan, formatNumber, formatWithRange, measurementCaveat } from '../format/index.ts';
import { wrap } from './wrap.ts';

/** Every line fits a 100-column terminal; only a URL longer than that gets a line of its own. */
export const width = 100;

export const speed = (estimate?: SpeedEstimate, digits?: number) =>
  estimate ? formatWithRange(estimate.tokensPerSecond, estimate.low, estimate.high, digits) : '—';

function caveatSuffix(measurement: Measurement): string {
  const caveat = measurementCaveat(measurement);
  return caveat ? ` — ${caveat}` : '';
}

export function measuredText(measurement: Measurement | undefined): string {
  if (!measurement?.tgTokensPerSecond) return '';
  const pp =
    measurement.ppTokensPerSecond === undefined
      ? ''
      : `, pp${measurement.ppTokens} ${formatNumber(measurement.ppTokensPerSecond, 0)}`;
  return `measured tg${measurement.tgTokens} ${formatNumber(measurement.tgTokensPerSecond)}${pp} tok/s (${measurement.quantization}, ${measurement.backend}, ${measurement.match}${measurement.measured ? `, ${measurement.measured}` : ''}) ${measurement.source[0] ?? ''}${caveatSuffix(measurement)}`;
}

export function footer(priceDates: readonly string[]): string {
  const when = priceDates.length === 0 ? '' : `Prices as of ${dateSpan(priceDates)}. `;
  return wrap(`${when}Speeds are estimates, not measurements, unless marked measured.`, width);
}
