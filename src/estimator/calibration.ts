/**
 * Few fitted factors on top of the physics: one bandwidth efficiency (tg) and one
 * compute efficiency (pp) per engine class, plus one per-layer launch cost shared by
 * GPUs. Fitted as medians of measured/physics ratios on data/benchmarks.yaml, and
 * scored leave-one-out so the error we report is never the fit grading itself.
 */
import type { RunnableEngineKind } from '../catalog/schema.ts';
import type { EngineClass } from './placement.ts';
import type { GenerationStage, PromptStage } from './physics.ts';
import { engineGroup, priorEfficiency } from './calibration-predict.ts';
import { centre, fitFactors, impliedEfficiency, isBatched, predict } from './calibration-factors.ts';
import { fitGlobals } from './calibration-globals.ts';

export type Metric = 'tg' | 'pp';

/** One published measurement reduced to physics: what the estimator would compute at efficiency 1. */
export interface Observation {
  benchmarkId: string;
  metric: Metric;
  /** The class whose factor this measurement informs (the stage doing most of the work). */
  engineClass: EngineClass;
  architecture: 'dense' | 'moe';
  measuredTokensPerSecond: number;
  /**
   * Sequences decoded together (llama-batched-bench B); 1 for llama-bench. For tg the measured
   * rate is per sequence (steps per second). Scored, not fitted on: the class efficiencies are
   * single-sequence physics, and the batched runs test how the step time grows with N.
   */
  sequences?: number;
  generation?: GenerationStage[];
  prompt?: PromptStage[];
  /**
   * The runtime that measured it; mainline llama.cpp when not given. ik_llama.cpp's CPU kernels
   * differ from mainline's where it matters here: flash attention at depth and prompt matmuls.
   */
  runtime?: Runtime;
  /** Tokens in the context at the middle of the measurement (depth plus half the run), for error buckets. */
  contextTokens?: number;
}

/** Runtimes whose kernels the calibration tells apart. */
export type Runtime = 'llama.cpp' | 'ik_llama.cpp';

export interface Calibration {
  efficiency: Record<Metric, Partial<Record<EngineClass, number>>>;
  measurements: Record<Metric, Partial<Record<EngineClass, number>>>;
  /**
   * Seconds per layer per token beyond reading weights, per synchronising thread: kernel
   * launches and syncs on a GPU (one stream), thread barriers on a CPU (one per core).
   */
  layerOverheadSeconds: Record<RunnableEngineKind, number>;
  /**
   * Tokens per expert at which an MoE expert's prompt matmul reaches half the efficiency it has
   * over a large batch, per engine group: a micro-batch of u tokens gives each of E experts only
   * u·k/E of them (gpt-oss-120b: 512·4/128 = 16), and a matmul over n columns runs at about
   * n / (n + h) of its large-n rate. 0: no such loss. `dgpu`, when fitted, is a discrete GPU's
   * own: it has 3-10 times an iGPU's SMs or CUs to fill, so a few dozen columns per expert leave
   * more of it idle (gpt-oss-20b: 512·4/32 = 64 per expert; an RTX 3090 reaches 4,617-4,739 pp on
   * it where its dense 8B runs 4,753). `gpu` applies to the rest, and to dGPUs when `dgpu` is unset.
   */
  moeHalfTokens: Record<'cpu' | 'gpu', number> & { dgpu?: number };
  /**
   * Memory bandwidth one CPU thread streams, GB/s: T threads read at most T times this, so a
   * 96-core server needs dozens of threads to fill 12 channels while every thread it adds
   * lengthens each per-layer barrier (layerOverheadSeconds.cpu). 0: no per-thread limit.
   */
  cpuThreadGbps: number;
  /**
   * Seconds per layer per token a CPU stage spends whatever its thread count: graph nodes too
   * small to split (norms, routing, top-k) and each barrier's least latency, a cross-chiplet
   * round trip. The part that grows with the threads is layerOverheadSeconds.cpu.
   */
  cpuLayerSeconds: number;
  /**
   * Share of the bandwidth efficiency an MoE reaches in generation: experts are many
   * small matrices read in scattered order, and routing adds work per layer.
   */
  moeGenerationFactor: number;
  /**
   * Share of the class's prompt (pp) compute efficiency that a batched decode step reaches on
   * its extra sequences' arithmetic: a matmul over a few columns runs on kernels built for one
   * (dequantizing dot products, not the prompt's tiled matrix cores), in turn with the weight
   * reads rather than hidden under them. Per model type: an MoE's batched expert matmuls
   * (MUL_MAT_ID) gather each expert's tokens and leave the fused one-token path, which costs far
   * more per token than a dense matmul's extra column. Fitted on the batched runs
   * (llama-batched-bench); 1 without them.
   */
  batchedComputeFactor?: Partial<Record<'dense' | 'moe', number>>;
  /**
   * Seconds per layer a step of several sequences spends whatever their number, per model type:
   * the multi-token kernels' set-up (an MoE sorts the tokens by expert, gathers and scatters them).
   * DGX Spark's published steps jump by ~0.3 ms per layer for MoE models from one sequence to two,
   * ~0.09 ms for dense ones. Fitted with batchedComputeFactor; 0 without batched runs.
   */
  batchedLayerSeconds?: Partial<Record<'dense' | 'moe', number>>;
  /** Batched generation runs each factor rests on. */
  batchedRuns?: Partial<Record<'dense' | 'moe', number>>;
  /** ln(measured / leave-one-out estimate) of the batched generation runs, for the range of an answer for several users. */
  batchedResiduals?: number[];
  /** ln(measured / leave-one-out estimate) per class, for ranges. */
  residuals: Record<Metric, Partial<Record<EngineClass, number[]>>>;
  /**
   * Share of its class's efficiency that attention reaches, by engine class: tg for reading the KV cache, pp for the
   * attention arithmetic. Flash-attention kernels differ by backend far more than weight
   * matmuls do (Strix Halo: HIP's tg falls 48 % over 8k tokens where Vulkan's falls 33 % and
   * the bytes read say 36 %). Per engine class; 1 where no two measurements at depth say otherwise.
   */
  attention?: AttentionFactors;
  /** Long-context runs each attention factor was fitted on, by metric and engine class. */
  attentionRuns?: AttentionFactors;
  /** Measurements per engine class and model type, "dgpu-cuda moe": how much an answer of that kind rests on. */
  measurementsByType?: Record<Metric, Partial<Record<string, number>>>;
}

export type AttentionFactors = Record<Metric, Partial<Record<string, number>>>;

/** The constants shared by all classes, chosen before the per-class factors are fitted. */
export interface Globals {
  layerOverheadSeconds: Record<RunnableEngineKind, number>;
  moeHalfTokens: Calibration['moeHalfTokens'];
  moeGenerationFactor: number;
  cpuThreadGbps: number;
  cpuLayerSeconds: number;
  attention?: AttentionFactors;
  attentionRuns?: AttentionFactors;
  batchedComputeFactor?: Partial<Record<'dense' | 'moe', number>>;
  batchedLayerSeconds?: Partial<Record<'dense' | 'moe', number>>;
  batchedRuns?: Partial<Record<'dense' | 'moe', number>>;
}

/**
 * Falls back, for a class with no measurement of its own, to the centre of its engine
 * group (GPUs or CPUs), and only then to the prior.
 */
function withGroupFallback(
  efficiency: Calibration['efficiency'],
  observations: readonly Observation[],
  globals: Globals,
  target: EngineClass,
  metric: Metric,
): number {
  const own = efficiency[metric][target];
  if (own !== undefined) return own;
  const group = observations
    .filter(
      (observation) =>
        !isBatched(observation) &&
        observation.metric === metric &&
        engineGroup(observation.engineClass) === engineGroup(target),
    )
    .map((observation) => impliedEfficiency(observation, globals))
    .filter((value): value is number => value !== undefined);
  return centre(group) ?? priorEfficiency[metric][engineGroup(target)];
}

export interface LeaveOneOutRow {
  observation: Observation;
  estimatedTokensPerSecond: number;
  /** (estimated − measured) / measured */
  relativeError: number;
}

/**
 * Predicts each observation from a calibration fitted without it. With 'refit' the shared
 * constants are fitted without it too (the check's honest score; slower, so ranges built at
 * start-up keep the shared constants).
 */
export function leaveOneOut(observations: readonly Observation[], shared: Globals | 'refit'): LeaveOneOutRow[] {
  return observations.map((observation, index) => {
    const others = observations.filter((_, otherIndex) => otherIndex !== index);
    const globals = shared === 'refit' ? fitGlobals(others) : shared;
    const { efficiency } = fitFactors(others, globals);
    const classes = new Set<EngineClass>([
      ...(observation.generation ?? []).map((stage) => stage.engineClass),
      ...(observation.prompt ?? []).flatMap((stage) => [stage.engineClass, stage.readClass]),
    ]);
    for (const engineClass of classes) {
      for (const metric of ['tg', 'pp'] as const) {
        efficiency[metric][engineClass] = withGroupFallback(efficiency, others, globals, engineClass, metric);
      }
    }
    const estimated = predict(observation, { ...globals, efficiency });
    return {
      observation,
      estimatedTokensPerSecond: estimated,
      relativeError: (estimated - observation.measuredTokensPerSecond) / observation.measuredTokensPerSecond,
    };
  });
}

export function calibrate(observations: readonly Observation[]): Calibration {
  const globals = fitGlobals(observations);
  const { efficiency, measurements } = fitFactors(observations, globals);
  const residuals: Calibration['residuals'] = { tg: {}, pp: {} };
  const batchedResiduals: number[] = [];
  for (const row of leaveOneOut(observations, globals)) {
    const { metric, engineClass } = row.observation;
    const residual = Math.log(row.observation.measuredTokensPerSecond / row.estimatedTokensPerSecond);
    if (!Number.isFinite(residual)) continue;
    // A class's range is its single-sequence spread; batched runs give the spread of answers for several users.
    if (isBatched(row.observation)) {
      if (metric === 'tg') batchedResiduals.push(residual);
      continue;
    }
    residuals[metric][engineClass] = [...(residuals[metric][engineClass] ?? []), residual];
  }
  const measurementsByType: NonNullable<Calibration['measurementsByType']> = { tg: {}, pp: {} };
  for (const observation of observations) {
    if (isBatched(observation)) continue;
    const key = `${observation.engineClass} ${observation.architecture}`;
    measurementsByType[observation.metric][key] = (measurementsByType[observation.metric][key] ?? 0) + 1;
  }
  return { efficiency, measurements, ...globals, residuals, batchedResiduals, measurementsByType };
}
