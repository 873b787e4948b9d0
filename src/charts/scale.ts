/** Axis arithmetic: round tick steps (1, 2, 5 × 10ⁿ), nice domains, linear and log maps to pixels. */

export interface Axis {
  kind: 'linear' | 'log';
  min: number;
  max: number;
  ticks: number[];
  /** Decimals the tick labels need to be distinct (linear axes; a log tick takes what its own size needs). */
  tickDigits: number;
}

/** The 1-2-5 step that cuts a span into about `targetCount` intervals. */
export function niceStep(span: number, targetCount: number): number {
  const raw = span / Math.max(1, targetCount);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * An axis that covers every value, starting and ending on a tick. It starts at zero
 * when the values are non-negative and zero would take less than half the axis, so
 * small differences are not blown up without need.
 */
export function niceAxis(values: readonly number[], targetTickCount = 6): Axis {
  const finite = values.filter((value) => Number.isFinite(value));
  let low = finite.length > 0 ? Math.min(...finite) : 0;
  let high = finite.length > 0 ? Math.max(...finite) : 1;
  if (low >= 0 && low <= high * 0.5) low = 0;
  if (high === low) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low = low === 0 ? 0 : low - pad;
    high += pad;
  }
  const step = niceStep(high - low, targetTickCount);
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let index = 0; min + index * step <= max + step * 1e-9; index += 1)
    ticks.push(roundTo(min + index * step, step));
  return {
    kind: 'linear',
    min: roundTo(min, step),
    max: roundTo(max, step),
    ticks,
    tickDigits: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)),
  };
}

/** Removes floating-point dust (0.30000000000000004) at the step's precision. */
function roundTo(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(digits, 12)));
}

/** Maps [domainMin, domainMax] linearly onto [rangeStart, rangeEnd] (pixels; the range may run backwards, as y does). */
export function linearScale(
  domainMin: number,
  domainMax: number,
  rangeStart: number,
  rangeEnd: number,
): (value: number) => number {
  const span = domainMax - domainMin || 1;
  return (value) => rangeStart + ((value - domainMin) / span) * (rangeEnd - rangeStart);
}

/**
 * A log axis over positive values, from a 1-2-5 tick at or below the smallest to one at
 * or above the largest — for speeds that span orders of magnitude (1 GB vs 100 GB models).
 * Past about ten ticks only the powers of ten keep a tick.
 */
export function logAxis(values: readonly number[]): Axis {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  const low = positive.length > 0 ? Math.min(...positive) : 1;
  const high = positive.length > 0 ? Math.max(...positive) : 10;
  const candidates: number[] = [];
  for (let exponent = Math.floor(Math.log10(low)) - 1; exponent <= Math.ceil(Math.log10(high)) + 1; exponent += 1) {
    for (const mantissa of [1, 2, 5]) candidates.push(Number((mantissa * 10 ** exponent).toPrecision(1)));
  }
  const min = [...candidates].reverse().find((candidate) => candidate <= low * (1 + 1e-9)) ?? low;
  const max = candidates.find((candidate) => candidate >= high * (1 - 1e-9) && candidate > min) ?? high * 10;
  let ticks = candidates.filter((candidate) => candidate >= min && candidate <= max);
  if (ticks.length > 10)
    ticks = ticks.filter((tick) => Number.isInteger(Math.log10(tick)) || tick === min || tick === max);
  return { kind: 'log', min, max, ticks, tickDigits: 0 };
}

/** Maps positive values on a log scale onto [rangeStart, rangeEnd]. */
export function logScale(
  domainMin: number,
  domainMax: number,
  rangeStart: number,
  rangeEnd: number,
): (value: number) => number {
  const low = Math.log10(domainMin);
  const span = Math.log10(domainMax) - low || 1;
  return (value) =>
    rangeStart + ((Math.log10(Math.max(value, domainMin * 1e-3)) - low) / span) * (rangeEnd - rangeStart);
}

/** The pixel map for an axis of either kind. */
export function scaleFor(axis: Axis, rangeStart: number, rangeEnd: number): (value: number) => number {
  return axis.kind === 'log'
    ? logScale(axis.min, axis.max, rangeStart, rangeEnd)
    : linearScale(axis.min, axis.max, rangeStart, rangeEnd);
}

/** A tick's label: a linear axis uses one precision for all ticks, a log tick the precision its size needs. */
export function tickLabelDigits(axis: Axis, tick: number): number {
  return axis.kind === 'log' ? Math.max(0, -Math.floor(Math.log10(tick) + 1e-9)) : axis.tickDigits;
}
