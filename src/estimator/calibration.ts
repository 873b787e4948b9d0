/**
 * Few fitted factors on top of the physics: one bandwidth efficiency (tg) and one
 * compute efficiency (pp) per engine class, plus one per-layer launch cost shared by
 * GPUs. Fitted as medians of measured/physics ratios on data/benchmarks.yaml, and
 * scored leave-one-out so the error we report is never the fit grading itself.
 */
import type { RunnableEngineKind } from '../catalog/schema.ts';
import type { EngineClass } from './placement.ts';
import type { GenerationStage, PromptStage } from './physics.ts';

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

/**
 * The key an attention factor is fitted and looked up under: the class for mainline llama.cpp,
 * the class and runtime for another (its flash-attention kernels are its own).
 */
export function attentionKey(engineClass: EngineClass, runtime: Runtime | undefined): string {
  return runtime === undefined || runtime === 'llama.cpp' ? engineClass : `${engineClass} ${runtime}`;
}

/**
 * The attention factors as one runtime sees them, keyed by class: a runtime other than mainline
 * takes its own fitted factors, and 1 (the bytes and FLOPs at the class's efficiency) where it has
 * none, never mainline's. ubergarm, ik_llama.cpp PR #797: CPU-only, ik_llama.cpp "can saturate the
 * theoretical max speeds based on measured memory bandwidth during TG" where mainline falls away
 * with depth (https://github.com/ikawrakow/ik_llama.cpp/pull/797).
 */
export function attentionForRuntime(
  attention: AttentionFactors | undefined,
  runtime: Runtime | undefined,
): AttentionFactors | undefined {
  if (runtime === undefined || runtime === 'llama.cpp' || attention === undefined) return attention;
  const suffix = ` ${runtime}`;
  const own = (factors: Partial<Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(factors)
        .filter(([key]) => key.endsWith(suffix))
        .map(([key, value]) => [key.slice(0, -suffix.length), value]),
    );
  return { tg: own(attention.tg), pp: own(attention.pp) };
}

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

/**
 * Before any measurement, efficiencies are guessed (estimate: llama.cpp typically reaches
 * 60-80 % of memory bandwidth in tg, and a third of peak FP16 in pp on GPUs).
 */
export const priorEfficiency: Record<Metric, Record<'gpu' | 'cpu', number>> = {
  tg: { gpu: 0.7, cpu: 0.6 },
  pp: { gpu: 0.35, cpu: 0.5 },
};

/** Link efficiency for weights shipped to a GPU over PCIe (estimate: ~80 % of the nominal rate). */
export const linkEfficiency = 0.8;

/** Per-layer GPU overheads tried: 0-50 µs (estimate: kernel launch and sync costs per layer in llama.cpp decode). */
const overheadGrid = Array.from({ length: 21 }, (_, step) => step * 2.5e-6);

/**
 * CPU barrier cost per layer per thread tried: 0-20 µs. Estimate: a decode layer is
 * 15-30 graph nodes, each ending in a barrier whose cache-line hand-offs grow with the
 * thread count at ~0.1-0.5 µs each across chiplets; it is what makes a 96-core server
 * slow on an MoE whose per-layer reads are small.
 */
const cpuSyncGrid = Array.from({ length: 21 }, (_, step) => step * 1e-6);

/** Fixed CPU seconds per layer tried: 0-300 µs (estimate: ~20 graph nodes per layer at a few µs each, plus serial small ops). */
const cpuFixedGrid = Array.from({ length: 13 }, (_, step) => step * 25e-6);

const engineGroup = (engineClass: EngineClass): 'gpu' | 'cpu' => (engineClass.startsWith('cpu') ? 'cpu' : 'gpu');

/** Seconds per token a stage spends on per-layer launches, syncs and barriers. */
export function stageOverheadSeconds(
  stage: Pick<GenerationStage, 'engine' | 'layers' | 'syncThreads'>,
  calibration: Pick<Calibration, 'layerOverheadSeconds' | 'cpuLayerSeconds'>,
): number {
  const fixed = stage.engine === 'cpu' ? calibration.cpuLayerSeconds : 0;
  return stage.layers * (stage.syncThreads * calibration.layerOverheadSeconds[stage.engine] + fixed);
}

/** How much longer a CPU stage's reads take because its threads cannot fill the memory bus. */
export function cpuThreadSlowdown(
  stage: Pick<GenerationStage, 'engine' | 'syncThreads' | 'poolBandwidthGbps'>,
  calibration: Pick<Calibration, 'cpuThreadGbps'>,
): number {
  if (stage.engine !== 'cpu' || !stage.poolBandwidthGbps || calibration.cpuThreadGbps <= 0) return 1;
  return Math.max(1, stage.poolBandwidthGbps / (stage.syncThreads * calibration.cpuThreadGbps));
}

/** The engine group whose MoE prompt loss applies: CPUs, discrete GPUs, other GPUs (iGPUs). */
const moeGroupOf = (engineClass: EngineClass): 'cpu' | 'gpu' | 'dgpu' =>
  engineClass.startsWith('cpu') ? 'cpu' : engineClass.startsWith('dgpu') ? 'dgpu' : 'gpu';

/** An MoE prompt stage's efficiency relative to a dense one at the same micro-batch (see moeHalfTokens). */
export function moePromptFactorOf(
  stage: Pick<PromptStage, 'engineClass' | 'moeBatch'>,
  calibration: Pick<Calibration, 'moeHalfTokens'>,
): number {
  const batch = stage.moeBatch;
  const group = moeGroupOf(stage.engineClass);
  const half =
    group === 'dgpu'
      ? (calibration.moeHalfTokens.dgpu ?? calibration.moeHalfTokens.gpu)
      : calibration.moeHalfTokens[group];
  if (!batch || half <= 0) return 1;
  const rate = (tokens: number) => tokens / (tokens + half);
  return rate(batch.tokensPerExpert) / rate(batch.microBatch);
}

type GenerationCalibration = Pick<
  Calibration,
  | 'efficiency'
  | 'layerOverheadSeconds'
  | 'moeGenerationFactor'
  | 'attention'
  | 'cpuThreadGbps'
  | 'cpuLayerSeconds'
  | 'batchedComputeFactor'
  | 'batchedLayerSeconds'
>;

/** Seconds per generated token by cause: reading weights and KV, per-layer launches and barriers, network hops. */
export interface GenerationBreakdown {
  readSeconds: number;
  overheadSeconds: number;
  fixedSeconds: number;
  /** With several sequences: the extra sequences' arithmetic, after the reads (0 for one sequence). */
  computeSeconds: number;
}

export function attentionFactorOf(
  calibration: Pick<Calibration, 'attention'>,
  metric: Metric,
  engineClass: EngineClass,
): number {
  const factors = calibration.attention?.[metric];
  return factors?.[engineClass] ?? 1;
}

/**
 * The MoE generation factor is a GPU's: scattered expert reads and routing kernels. A CPU's
 * MoE cost is its per-layer barriers (layerOverheadSeconds.cpu), which a factor on top would
 * count twice and tie the CPU fit to the GPUs'.
 */
function moeGenerationFactorFor(
  calibration: Pick<Calibration, 'moeGenerationFactor'>,
  architecture: 'dense' | 'moe',
  engine: RunnableEngineKind,
): number {
  return architecture === 'moe' && engine !== 'cpu' ? calibration.moeGenerationFactor : 1;
}

export function generationBreakdown(
  stages: GenerationStage[],
  calibration: GenerationCalibration,
  architecture: 'dense' | 'moe',
): GenerationBreakdown {
  const breakdown: GenerationBreakdown = { readSeconds: 0, overheadSeconds: 0, fixedSeconds: 0, computeSeconds: 0 };
  for (const stage of stages) {
    const moeFactor = moeGenerationFactorFor(calibration, architecture, stage.engine);
    const efficiency = efficiencyOf(calibration, 'tg', stage.engineClass);
    const threadLimit = cpuThreadSlowdown(stage, calibration);
    const kvRead =
      ((stage.kvReadSeconds ?? 0) * threadLimit) /
      (efficiency * attentionFactorOf(calibration, 'tg', stage.engineClass));
    const read = (stage.readSeconds * threadLimit) / (efficiency * moeFactor) + kvRead;
    // A batched step reads, then computes its extra columns: the published steps grow with N even where
    // the reads are far longer than the arithmetic (Qwen2.5-7B on DGX Spark: 34 ms alone, 54 ms for 32).
    const compute =
      stage.computeSeconds === undefined
        ? 0
        : stage.computeSeconds /
          (efficiencyOf(calibration, 'pp', stage.engineClass) *
            (calibration.batchedComputeFactor?.[architecture] ?? 1));
    breakdown.readSeconds += read;
    breakdown.computeSeconds +=
      compute +
      (stage.computeSeconds === undefined ? 0 : stage.layers * (calibration.batchedLayerSeconds?.[architecture] ?? 0));
    breakdown.overheadSeconds += stageOverheadSeconds(stage, calibration);
    breakdown.fixedSeconds += stage.fixedSeconds ?? 0;
  }
  return breakdown;
}

export function predictGeneration(
  stages: GenerationStage[],
  calibration: GenerationCalibration,
  architecture: 'dense' | 'moe',
): number {
  return 1 / stepSeconds(generationBreakdown(stages, calibration, architecture));
}

/** Seconds per generation step (per token of each sequence): the breakdown's parts added. */
export function stepSeconds(breakdown: GenerationBreakdown): number {
  return breakdown.readSeconds + breakdown.overheadSeconds + breakdown.fixedSeconds + breakdown.computeSeconds;
}

export interface PromptPrediction {
  tokensPerSecond: number;
  bound: 'compute' | 'bandwidth' | 'link';
  /** RAM-resident layers are faster computed on the CPU than shipped to the GPU per micro-batch. */
  cpuInsteadOfOffload: boolean;
}

export function predictPrompt(
  stages: PromptStage[],
  calibration: Pick<Calibration, 'efficiency' | 'moeHalfTokens' | 'attention'>,
  architecture: 'dense' | 'moe',
): PromptPrediction {
  let computeTotal = 0;
  let readTotal = 0;
  let transferTotal = 0;
  let seconds = 0;
  let cpuInsteadOfOffload = false;
  const timed = (stage: Omit<PromptStage, 'alternative'>) => {
    const efficiency = efficiencyOf(calibration, 'pp', stage.engineClass);
    const moeFactor = architecture === 'moe' ? moePromptFactorOf(stage, calibration) : 1;
    const compute =
      stage.computeSeconds / (efficiency * moeFactor) +
      (stage.attentionSeconds ?? 0) / (efficiency * attentionFactorOf(calibration, 'pp', stage.engineClass));
    const read = stage.readSeconds / efficiencyOf(calibration, 'tg', stage.readClass);
    const transfer = stage.transferSeconds / linkEfficiency;
    return { compute, read, transfer, total: Math.max(compute, read) + transfer };
  };
  for (const stage of stages) {
    let time = timed(stage);
    if (stage.alternative) {
      const other = timed(stage.alternative);
      if (other.total < time.total) {
        time = other;
        cpuInsteadOfOffload = true;
      }
    }
    computeTotal += time.compute;
    readTotal += time.read;
    transferTotal += time.transfer;
    seconds += time.total;
  }
  const bound =
    transferTotal > Math.max(computeTotal, readTotal) ? 'link' : readTotal > computeTotal ? 'bandwidth' : 'compute';
  return { tokensPerSecond: 1 / seconds, bound, cpuInsteadOfOffload };
}

export function efficiencyOf(
  calibration: Pick<Calibration, 'efficiency'>,
  metric: Metric,
  engineClass: EngineClass,
): number {
  return calibration.efficiency[metric][engineClass] ?? priorEfficiency[metric][engineGroup(engineClass)];
}

/** The efficiency one observation implies, given the per-layer overheads. */
function impliedEfficiency(observation: Observation, globals: Globals): number | undefined {
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
function centre(values: readonly number[]): number | undefined {
  const logMedian = median(values.map(Math.log));
  return logMedian === undefined ? undefined : Math.exp(logMedian);
}

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
 * Several sequences at once (llama-batched-bench): never fitted on by the single-sequence
 * factors, only by the batched compute factor (fitBatched).
 */
export function isBatched(observation: Pick<Observation, 'sequences'>): boolean {
  return (observation.sequences ?? 1) > 1;
}

function fitFactors(observations: readonly Observation[], globals: Globals) {
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

function predict(observation: Observation, shared: Pick<Calibration, 'efficiency'> & Globals): number {
  const calibration = { ...shared, attention: attentionForRuntime(shared.attention, observation.runtime) };
  if (observation.metric === 'tg' && observation.generation)
    return predictGeneration(observation.generation, calibration, observation.architecture);
  if (observation.metric === 'pp' && observation.prompt)
    return predictPrompt(observation.prompt, calibration, observation.architecture).tokensPerSecond;
  return Number.NaN;
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

/** The candidate whose in-sample fit has the smallest median |log error| on the given observations. */
function bestOnGrid<T>(
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

/** From 1 down, so that without MoE measurements (a tie) the neutral factor wins. */
const moeFactorGrid = Array.from({ length: 16 }, (_, step) => 1 - step * 0.05);

/**
 * The constants shared by classes, each chosen on the measurements it explains: the GPU
 * per-layer overhead and the MoE generation factor on GPU generation, the CPU barrier
 * cost on CPU generation, the MoE prompt factor on prompt processing.
 */
export function fitGlobals(all: readonly Observation[]): Globals {
  const observations = all.filter((observation) => !isBatched(observation));
  const gpuTg = observations.filter(
    (observation) => observation.metric === 'tg' && engineGroup(observation.engineClass) === 'gpu',
  );
  const noMoePromptLoss = { cpu: 0, gpu: 0 };
  const pairs = overheadGrid.flatMap((overhead) => moeFactorGrid.map((moe) => [overhead, moe] as const));
  const [overhead, moeGenerationFactor] = bestOnGrid(pairs, gpuTg, ([layer, moe]) => ({
    layerOverheadSeconds: { cpu: 0, igpu: layer, dgpu: layer },
    moeHalfTokens: noMoePromptLoss,
    moeGenerationFactor: moe,
    cpuThreadGbps: 0,
    cpuLayerSeconds: 0,
  })) ?? [0, 1];
  const cpuTg = observations.filter(
    (observation) => observation.metric === 'tg' && engineGroup(observation.engineClass) === 'cpu',
  );
  // Barrier costs and per-thread bandwidth together: all three set how a CPU's speed depends on its thread count.
  const cpuTriples = cpuSyncGrid.flatMap((sync) =>
    cpuFixedGrid.flatMap((fixed) => cpuThreadGrid.map((perThread) => [sync, fixed, perThread] as const)),
  );
  const [cpuSync, cpuLayerSeconds, cpuThreadGbps] = bestOnGrid(
    cpuTriples,
    cpuTg,
    ([sync, fixed, perThread]) => ({
      layerOverheadSeconds: { cpu: sync, igpu: overhead, dgpu: overhead },
      moeHalfTokens: noMoePromptLoss,
      moeGenerationFactor,
      cpuThreadGbps: perThread,
      cpuLayerSeconds: fixed,
    }),
    undefined,
    'mean',
  ) ?? [0, 0, 0];
  const layerOverheadSeconds = { cpu: cpuSync, igpu: overhead, dgpu: overhead };
  const moeHalfTokens: Globals['moeHalfTokens'] = { ...noMoePromptLoss };
  for (const group of ['cpu', 'gpu', 'dgpu'] as const) {
    const prompt = observations.filter(
      (observation) => observation.metric === 'pp' && moeGroupOf(observation.engineClass) === group,
    );
    // A group without MoE runs of its own keeps the shared GPU value.
    if (!prompt.some((observation) => observation.architecture === 'moe')) continue;
    // Scored on the MoE runs it explains, with every class factor refitted on all runs.
    moeHalfTokens[group] =
      bestOnGrid(
        moeHalfTokensGrid,
        prompt,
        (value) => ({
          layerOverheadSeconds,
          moeHalfTokens: { ...moeHalfTokens, [group]: value },
          moeGenerationFactor,
          cpuThreadGbps,
          cpuLayerSeconds,
        }),
        (observation) => observation.architecture === 'moe',
        'mean',
      ) ?? 0;
  }
  const base = { layerOverheadSeconds, moeHalfTokens, moeGenerationFactor, cpuThreadGbps, cpuLayerSeconds };
  const { attention, attentionRuns } = fitAttention(observations, base);
  const single = { ...base, attention, attentionRuns };
  return { ...single, ...fitBatched(all, single) };
}

/**
 * The batched compute factor: what each batched run's step leaves after its reads and overheads
 * (predicted with the single-sequence fit) is its extra sequences' arithmetic at that share of the
 * pp efficiency; the centre over the runs, 1 when there are none.
 */
function fitBatched(
  all: readonly Observation[],
  globals: Globals,
): Pick<Globals, 'batchedComputeFactor' | 'batchedLayerSeconds' | 'batchedRuns'> {
  const batched = all.filter((observation) => isBatched(observation) && observation.metric === 'tg');
  if (batched.length === 0) return {};
  const { efficiency } = fitFactors(all, globals);
  const batchedComputeFactor: NonNullable<Globals['batchedComputeFactor']> = {};
  const batchedLayerSeconds: NonNullable<Globals['batchedLayerSeconds']> = {};
  const batchedRuns: NonNullable<Globals['batchedRuns']> = {};
  for (const architecture of ['dense', 'moe'] as const) {
    const runs = batched.filter((observation) => observation.architecture === architecture);
    if (runs.length === 0) continue;
    let best: { layer: number; factor: number; error: number } | undefined;
    for (const layer of batchedLayerGrid) {
      // The arithmetic alone at factor 1, the set-up per layer apart: what is left of each step sets the factor.
      const unit = { ...globals, efficiency, batchedComputeFactor: { [architecture]: 1 } };
      const implied: number[] = [];
      for (const observation of runs) {
        const stages = observation.generation ?? [];
        const parts = generationBreakdown(stages, unit, architecture);
        const setup =
          stages.reduce((total, stage) => total + (stage.computeSeconds === undefined ? 0 : stage.layers), 0) * layer;
        const left =
          1 / observation.measuredTokensPerSecond -
          parts.readSeconds -
          parts.overheadSeconds -
          parts.fixedSeconds -
          setup;
        if (left > 0 && parts.computeSeconds > 0) implied.push(parts.computeSeconds / left);
      }
      const factor = centre(implied);
      if (factor === undefined) continue;
      const fitted = {
        ...globals,
        efficiency,
        batchedComputeFactor: { [architecture]: factor },
        batchedLayerSeconds: { [architecture]: layer },
      };
      const errors = runs.map((observation) =>
        Math.abs(
          Math.log(
            predictGeneration(observation.generation ?? [], fitted, architecture) / observation.measuredTokensPerSecond,
          ),
        ),
      );
      const error = errors.reduce((total, value) => total + value, 0) / errors.length;
      if (!best || error < best.error - 1e-9) best = { layer, factor, error };
    }
    if (!best) continue;
    batchedComputeFactor[architecture] = best.factor;
    batchedLayerSeconds[architecture] = best.layer;
    batchedRuns[architecture] = runs.length;
  }
  return { batchedComputeFactor, batchedLayerSeconds, batchedRuns };
}

/** Set-up seconds per layer of a batched step tried: 0-0.5 ms (estimate: a few kernel launches and a sort per layer). */
const batchedLayerGrid = Array.from({ length: 21 }, (_, step) => step * 25e-6);

/**
 * Half-efficiency tokens per expert tried: 0 (no loss, the tie-breaker) to 256. Estimate: GPU
 * matmul tiles are 64-128 columns wide, so a few dozen columns leave most of a tile idle; CPU
 * kernels are dot products that lose less.
 */
const moeHalfTokensGrid = [0, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256];

/**
 * Per-thread CPU bandwidths tried, GB/s: 0 (no limit) and 4-48. Estimate: a Zen 4/5 core streams
 * a few tens of GB/s from DRAM (its outstanding misses over the memory latency), so dozens of cores
 * are needed to fill 12 DDR5 channels.
 */
const cpuThreadGrid = [0, 4, 6, 8, 10, 12, 16, 24, 32];

/** Attention factors tried, from 1 down (a tie keeps 1: attention as fast as the class's other work). */
const attentionGrid = [
  1, 0.85, 0.7, 0.6, 0.5, 0.4, 0.33, 0.27, 0.22, 0.18, 0.15, 0.12, 0.1, 0.08, 0.065, 0.05, 0.04, 0.03, 0.025, 0.02,
];

/** A run counts as at depth when attention is at least this share of its work at efficiency 1. */
export const deepAttentionShare = 0.05;

/** Attention's share of an observation's work at efficiency 1: KV reads in tg, attention FLOPs in pp. */
export function attentionShareOf(observation: Pick<Observation, 'metric' | 'generation' | 'prompt'>): number {
  if (observation.metric === 'tg') {
    const stages = observation.generation ?? [];
    const kv = stages.reduce((total, stage) => total + (stage.kvReadSeconds ?? 0), 0);
    const all = stages.reduce((total, stage) => total + stage.readSeconds + (stage.kvReadSeconds ?? 0), 0);
    return all > 0 ? kv / all : 0;
  }
  const stages = observation.prompt ?? [];
  const attention = stages.reduce((total, stage) => total + (stage.attentionSeconds ?? 0), 0);
  const all = stages.reduce((total, stage) => total + stage.computeSeconds + (stage.attentionSeconds ?? 0), 0);
  return all > 0 ? attention / all : 0;
}

/**
 * Fewer long-context runs than this for a class (and runtime) and its attention factor stays 1: the
 * bytes and FLOPs at the class's efficiency. Three, as for every per-class constant: two runs of one
 * owner's table fit a factor to that table (the EPYC 9B14's two d6000 runs once set mainline CPU
 * attention to 0.04, which then slowed every CPU answer at any depth).
 */
export const minimumDeepRuns = 2;

/**
 * Attention's share of each class's efficiency, fitted where a class has long-context runs of
 * its own; each value is chosen on those runs, scored with the class factors refitted.
 */
function fitAttention(
  observations: readonly Observation[],
  base: Globals,
): { attention: AttentionFactors; attentionRuns: AttentionFactors } {
  const attention: AttentionFactors = { tg: {}, pp: {} };
  const attentionRuns: AttentionFactors = { tg: {}, pp: {} };
  for (const metric of ['tg', 'pp'] as const) {
    const deep = observations.filter(
      (observation) => observation.metric === metric && attentionShareOf(observation) >= deepAttentionShare,
    );
    // Per class, not per backend: Strix Halo's HIP attention falls far faster with depth than a 7900 XTX's on the same
    // backend; and per runtime within a class (ik_llama.cpp's CPU flash attention is not mainline's).
    const keyOf = (observation: Observation) => attentionKey(observation.engineClass, observation.runtime);
    for (const key of new Set(deep.map(keyOf))) {
      const scored = deep.filter((observation) => keyOf(observation) === key);
      if (scored.length < minimumDeepRuns) continue;
      let best = 1;
      let bestError = Number.POSITIVE_INFINITY;
      for (const value of attentionGrid) {
        const globals: Globals = {
          ...base,
          attention: { ...attention, [metric]: { ...attention[metric], [key]: value } },
        };
        const { efficiency } = fitFactors(observations, globals);
        const errors = scored.map((observation) =>
          Math.abs(Math.log(predict(observation, { ...globals, efficiency }) / observation.measuredTokensPerSecond)),
        );
        const error = errors.reduce((total, value) => total + value, 0) / errors.length;
        if (error < bestError - 1e-9) {
          bestError = error;
          best = value;
        }
      }
      attention[metric][key] = best;
      attentionRuns[metric][key] = scored.length;
    }
  }
  return { attention, attentionRuns };
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
