/** The range around an estimate: the back-tested leave-one-out errors of its engine class. */
import type { EngineClass } from './placement.ts';
import type { Calibration, Metric } from './calibration.ts';
import { engineGroup } from './calibration-predict.ts';

export interface Range {
  low: number;
  high: number;
  /** Measurements behind the range; below `minimumForClassRange`, the engine group's spread is used. */
  basis: { engineClass: EngineClass; measurements: number; pooled: boolean };
}

export const minimumForClassRange = 3;

interface Spread {
  /** ln of the low and high factors around an estimate. */
  lowLog: number;
  highLog: number;
  basis: Omit<Range['basis'], 'engineClass'>;
}

/** Spreads are the same for every estimate of a class: work them out once per calibration. */
const spreadCache = new WeakMap<Calibration, Map<string, Spread>>();

function spreadFor(calibration: Calibration, metric: Metric, engineClass: EngineClass): Spread {
  let cache = spreadCache.get(calibration);
  if (!cache) {
    cache = new Map();
    spreadCache.set(calibration, cache);
  }
  const key = `${metric}|${engineClass}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const own = calibration.residuals[metric][engineClass] ?? [];
  const pooled = own.length < minimumForClassRange;
  const residuals = pooled
    ? Object.entries(calibration.residuals[metric])
        .filter(([other]) => engineGroup(other as EngineClass) === engineGroup(engineClass))
        .flatMap(([, values]) => values ?? [])
    : own;
  // A pooled spread is widened: the class itself has not been measured enough to know.
  const widen = pooled ? 1.5 : 1;
  const low = quantile(residuals, 0.1) ?? Math.log(0.7);
  const high = quantile(residuals, 0.9) ?? Math.log(1.3);
  const spread = {
    lowLog: Math.min(low, -0.05) * widen,
    highLog: Math.max(high, 0.05) * widen,
    basis: { measurements: own.length, pooled },
  };
  cache.set(key, spread);
  return spread;
}

/** The 10th-90th percentile of back-tested errors around an estimate. */
export function rangeFor(calibration: Calibration, metric: Metric, engineClass: EngineClass, estimate: number): Range {
  const spread = spreadFor(calibration, metric, engineClass);
  return {
    low: Math.min(estimate, estimate * Math.exp(spread.lowLog)),
    high: Math.max(estimate, estimate * Math.exp(spread.highLog)),
    basis: { engineClass, ...spread.basis },
  };
}

export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lowerValue = sorted[lower] ?? 0;
  const upperValue = sorted[upper] ?? lowerValue;
  return lowerValue + (upperValue - lowerValue) * (position - lower);
}
