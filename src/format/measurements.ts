/** How a published measurement differs from the estimate beside it, in words. */
import type { EstimatedAsMeasured, Measurement, MeasurementDifference } from '../advisor/measurements.ts';
import { formatDecimal } from '../number-format.ts';

// Not toLocaleString: the first call maps ~8 MB of ICU data (see src/number-format.ts) and ~15 ms.
const tokens = (count: number): string => formatDecimal(count, 0);
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** "512-token context, not 32,768"; "all in GPU memory, where this estimate keeps part in system RAM". */
function differenceText(difference: MeasurementDifference): string {
  switch (difference.code) {
    case 'context':
      return `${tokens(difference.measuredTokens)}-token context, not ${tokens(difference.askedTokens)}`;
    case 'all-in-gpu-memory':
      return 'all in GPU memory, where this estimate keeps part in system RAM';
    case 'quantization':
    case 'backend':
      return `${difference.measured}, not ${difference.asked}`;
    case 'users':
      return `one user, not ${difference.asked}`;
    case 'kv-cache':
      return `f16 KV cache, not ${difference.asked}`;
  }
}

/** The same difference without what was asked, for a one-line summary: "512-token context", "all in VRAM". */
function conditionText(difference: MeasurementDifference): string {
  switch (difference.code) {
    case 'context':
      return `${tokens(difference.measuredTokens)}-token context`;
    case 'all-in-gpu-memory':
      return difference.unified ? 'all in GPU memory' : 'all in VRAM';
    case 'quantization':
    case 'backend':
      return difference.measured;
    case 'users':
      return 'one user';
    case 'kv-cache':
      return 'f16 KV cache';
  }
}

/**
 * "measured at a 512-token context, not 32,768; vulkan, not rocm (estimated tg 18.2 · pp 410 as
 * measured)": the differences, then the estimate at the measured run's conditions.
 */
export function measurementCaveatText(
  differences: readonly MeasurementDifference[],
  estimatedAsMeasured: EstimatedAsMeasured,
): string {
  const figures = [
    estimatedAsMeasured.tgTokensPerSecond === undefined
      ? undefined
      : `tg ${round1(estimatedAsMeasured.tgTokensPerSecond)}`,
    estimatedAsMeasured.ppTokensPerSecond === undefined
      ? undefined
      : `pp ${Math.round(estimatedAsMeasured.ppTokensPerSecond)}`,
  ].filter((figure): figure is string => figure !== undefined);
  const estimated = figures.length > 0 ? ` (estimated ${figures.join(' · ')} as measured)` : '';
  return `measured at ${differences.map(differenceText).join('; ')}${estimated}`;
}

/** The differences in a few words, without figures: "512-token context, all in VRAM". */
export function measurementConditionsText(differences: readonly MeasurementDifference[]): string {
  return differences.map(conditionText).join(', ');
}

/** A measurement's caveat beside an estimate, when its run differs from the one asked. */
export function measurementCaveat(
  measurement: Pick<Measurement, 'differences' | 'estimatedAsMeasured'>,
): string | undefined {
  return measurement.differences
    ? measurementCaveatText(measurement.differences, measurement.estimatedAsMeasured ?? {})
    : undefined;
}

/** The same differences in a few words for a one-line summary, when there are any. */
export function measurementConditions(measurement: Pick<Measurement, 'differences'>): string | undefined {
  return measurement.differences ? measurementConditionsText(measurement.differences) : undefined;
}
