/**
 * The per-class factors: the efficiency each measurement implies, centred per engine class,
 * and the in-sample scoring that the shared constants are chosen by.
 */
import type { EngineClass } from './placement.ts';
import type { Calibration, Globals, Metric, Observation } from './calibration.ts';
import {
  attentionFactorOf,
  attentionForRuntime,
  cpuThreadSlowdown,
  moeGenerationFactorFor,
  moePromptFactorOf,
  predictGeneration,
  predictPrompt,
  stageOverheadSeconds,
} from './calibration-predict.ts';

/** The efficiency one observation implies, given the per-layer overheads. */
export function impliedEfficiency(observation: Observation, globals: Globals): number | undefined {
  const measuredSeconds = 1 / observation.measuredTokensPerSecond;
  if (observation.metric === 'tg' && observation.generation) {
    const own = observation.generation.filter((stage) => stage.engineClass === observation.engineClass);
    const others = observation.generation.filter((stage) => stage.engineClass !== observation.engineClass);
    if (others.length > 0) return undefined; // mixed placements are scored, not fitted on
    const overhead = own.reduce((total, stage) => total + stageOverheadSeconds(stage, globals), 0);
    const attention = attentionFactorOf(
      { attention: attentionForRuntime(globals.attention, observation.runtime) },
      'tg',
      observation.engineClass,
    );
    // Seconds at efficiency 1, each part as its own kernels reach it: measured = this / efficiency.
    const readSeconds = own.reduce(
      (total, stage) =>
        total +
        cpuThreadSlowdown(stage, globals) *
          (stage.readSeconds / moeGenerationFactorFor(globals, observation.architecture, stage.engine) +
            (stage.kvReadSeconds ?? 0) / attention),
      0,
    );
    const left = measuredSeconds - overhead;
    return left > 0 ? readSeconds / left : undefined;
  }
  if (observation.metric === 'pp' && observation.prompt) {
    if (observation.prompt.some((stage) => stage.engineClass !== observation.engineClass || stage.transferSeconds > 0))
      return undefined;
    // ik_llama.cpp's CPU prompt matmuls run 2-10x mainline's (PR #518: IQ3_S 295 against 28 pp512 on one
    // Ryzen 7950X): its runs are scored, not fitted on, as the estimate is mainline's.
    if (observation.runtime !== undefined && observation.runtime !== 'llama.cpp') return undefined;
    const attention = attentionFactorOf(globals, 'pp', observation.engineClass);
    const computeSeconds = observation.prompt.reduce(
      (total, stage) =>
        total +
        stage.computeSeconds / (observation.architecture === 'moe' ? moePromptFactorOf(stage, globals) : 1) +
        (stage.attentionSeconds ?? 0) / attention,
      0,
    );
    return computeSeconds / measuredSeconds;
  }
  return undefined;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Geometric median-like centre: the median in log space, robust to one wild measurement. */
export function centre(values: readonly number[]): number | undefined {
  const logMedian = median(values.map(Math.log));
  return logMedian === undefined ? undefined : Math.exp(logMedian);
}

/**
 * Several sequences at once (llama-batched-bench): never fitted on by the single-sequence
 * factors, only by the batched compute factor (fitBatched).
 */
export function isBatched(observation: Pick<Observation, 'sequences'>): boolean {
  return (observation.sequences ?? 1) > 1;
}

export function fitFactors(observations: readonly Observation[], globals: Globals) {
  const efficiency: Calibration['efficiency'] = { tg: {}, pp: {} };
  const measurements: Calibration['measurements'] = { tg: {}, pp: {} };
  const byClass = new Map<string, number[]>();
  for (const observation of observations) {
    if (isBatched(observation)) continue;
    const implied = impliedEfficiency(observation, globals);
    if (implied === undefined) continue;
    const key = `${observation.metric}|${observation.engineClass}`;
    byClass.set(key, [...(byClass.get(key) ?? []), implied]);
  }
  for (const [key, values] of byClass) {
    const [metric, engineClass] = key.split('|') as [Metric, EngineClass];
    const value = centre(values);
    if (value !== undefined) {
      efficiency[metric][engineClass] = value;
      measurements[metric][engineClass] = values.length;
    }
  }
  return { efficiency, measurements };
}

export function predict(observation: Observation, shared: Pick<Calibration, 'efficiency'> & Globals): number {
  const calibration = { ...shared, attention: attentionForRuntime(shared.attention, observation.runtime) };
  if (observation.metric === 'tg' && observation.generation)
    return predictGeneration(observation.generation, calibration, observation.architecture);
  if (observation.metric === 'pp' && observation.prompt)
    return predictPrompt(observation.prompt, calibration, observation.architecture).tokensPerSecond;
  return Number.NaN;
}

/** The candidate whose in-sample fit has the smallest median |log error| on the given observations. */
export function bestOnGrid<T>(
  grid: readonly T[],
  observations: readonly Observation[],
  globalsFor: (value: T) => Globals,
  scored: (observation: Observation) => boolean = () => true,
  statistic: 'median' | 'mean' = 'median',
): T | undefined {
  let best: T | undefined;
  let bestError = Number.POSITIVE_INFINITY;
  for (const candidate of grid) {
    const globals = globalsFor(candidate);
    const { efficiency } = fitFactors(observations, globals);
    const errors = observations
      .filter(scored)
      .map((observation) =>
        Math.abs(Math.log(predict(observation, { ...globals, efficiency }) / observation.measuredTokensPerSecond)),
      )
      .filter(Number.isFinite);
    const error =
      (statistic === 'median' ? median(errors) : errors.reduce((sum, value) => sum + value, 0) / errors.length) ??
      Number.POSITIVE_INFINITY;
    if (error < bestError - 1e-9) {
      bestError = error;
      best = candidate;
    }
  }
  return best;
}
