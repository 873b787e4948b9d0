/**
 * Applying a calibration: seconds per token of each generation and prompt stage at the fitted
 * efficiencies, overheads and factors (what an estimate and every fit's scoring compute).
 */
import type { RunnableEngineKind } from '../catalog/schema.ts';
import type { EngineClass } from './placement.ts';
import type { GenerationStage, PromptStage } from './physics.ts';
import type { AttentionFactors, Calibration, Metric, Runtime } from './calibration.ts';

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

export const engineGroup = (engineClass: EngineClass): 'gpu' | 'cpu' => (engineClass.startsWith('cpu') ? 'cpu' : 'gpu');

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
export const moeGroupOf = (engineClass: EngineClass): 'cpu' | 'gpu' | 'dgpu' =>
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
export function moeGenerationFactorFor(
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
