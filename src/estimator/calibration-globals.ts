/**
 * The constants shared by the engine classes: per-layer overheads, CPU thread costs, MoE
 * factors, attention at depth and the batched-decode cost, each chosen on a grid.
 */
import type { AttentionFactors, Globals, Observation } from './calibration.ts';
import {
  attentionKey,
  engineGroup,
  generationBreakdown,
  moeGroupOf,
  predictGeneration,
} from './calibration-predict.ts';
import { bestOnGrid, centre, fitFactors, isBatched, predict } from './calibration-factors.ts';

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
