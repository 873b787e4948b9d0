/** Published measurements of a machine's hardware, and how each differs from an estimate's conditions. */
import type { Catalog } from '../catalog/catalog.ts';
import type { Benchmark, Machine } from '../catalog/schema.ts';
import type { Estimate } from '../estimator/index.ts';
import type { Advisor } from './advisor.ts';
import { asList } from './summary.ts';

/** A published measurement that matches an estimate's hardware and model. */
export interface Measurement {
  benchmarkId: string;
  modelId?: string;
  /** The model's name, for people (the id is for machines). */
  modelName?: string;
  /** The measured file's quantization, or its bits per weight when only the file size is known. */
  quantization: string;
  backend: string;
  ppTokensPerSecond?: number;
  tgTokensPerSecond?: number;
  ppTokens: number;
  tgTokens: number;
  depthTokens: number;
  measured?: string;
  source: string[];
  /** How close the match is: this exact machine, or another box with the same chip and memory. */
  match: 'same machine' | 'same chip';
  /**
   * Beside an estimate: how the measured run differs from the asked one; absent when alike
   * (src/format/measurements.ts words them: "measured at a 512-token context, not 32,768").
   */
  differences?: MeasurementDifference[];
  /** With differences: the estimate at the measured run's conditions, for the figures it measured. */
  estimatedAsMeasured?: EstimatedAsMeasured;
}

export interface EstimatedAsMeasured {
  tgTokensPerSecond?: number;
  ppTokensPerSecond?: number;
}

/** How a measured run differs from the estimate beside it, as data (src/format/measurements.ts words it). */
export type MeasurementDifference =
  | { code: 'context'; measuredTokens: number; askedTokens: number }
  /** The run was all in GPU memory (a unified-memory iGPU's, or VRAM) where the estimate keeps part in RAM. */
  | { code: 'all-in-gpu-memory'; unified: boolean }
  | { code: 'quantization'; measured: string; asked: string }
  | { code: 'backend'; measured: string; asked: string }
  /** Runs are of one user. */
  | { code: 'users'; asked: number }
  /** Runs are with an f16 KV cache. */
  | { code: 'kv-cache'; asked: string };

/**
 * Machines whose measurements count for each other: same chip, GPUs and memory bandwidth
 * (capacity may differ). Looser than Estimator.hardwareKey, which decides equal estimates.
 */
function measurementKey(machine: Machine): string {
  const gpus = machine.gpus.map((gpu) => `${gpu.count}x${gpu.chip}`).join('+');
  return `${machine.chip}|${gpus}|${Math.round(machine.memory.bandwidth_gbps)}`;
}

/** Quantizations within this share of each other's bits per weight count as comparable. */
export const comparableBitsShare = 0.12;

function benchmarkBitsPerWeight(catalog: Catalog, benchmark: Catalog['benchmarks'][number]): number | undefined {
  const params = benchmark.params_b ?? (benchmark.model ? catalog.model(benchmark.model)?.params_b : undefined);
  if (benchmark.model_size_gb !== undefined && params !== undefined) return (benchmark.model_size_gb * 8) / params;
  return benchmark.quant ? catalog.quantization(benchmark.quant)?.bits_per_weight : undefined;
}

/**
 * Published measurements of this hardware; with a model, only those of that model at a
 * comparable quantization (bits per weight within 12 %: Q4_K_M beside Q4_K_XL, not Q8_0).
 */
export function measurementsFor(
  catalog: Catalog,
  machine: Machine,
  model?: { id: string; bitsPerWeight: number },
): Measurement[] {
  const key = measurementKey(machine);
  const matches: Measurement[] = [];
  for (const benchmark of catalog.benchmarks) {
    // Batched runs publish totals over several sequences, not one user's speed: they calibrate, not show.
    if (benchmark.parallel_sequences > 1) continue;
    const match = matchOf(catalog, benchmark, machine, key);
    if (!match) continue;
    const bits = benchmarkBitsPerWeight(catalog, benchmark);
    if (
      model &&
      (benchmark.model !== model.id ||
        bits === undefined ||
        Math.abs(bits - model.bitsPerWeight) > model.bitsPerWeight * comparableBitsShare)
    )
      continue;
    matches.push({
      benchmarkId: benchmark.id,
      ...(benchmark.model
        ? { modelId: benchmark.model, modelName: catalog.model(benchmark.model)?.name ?? benchmark.model }
        : {}),
      quantization: benchmark.quant ?? (bits === undefined ? 'unknown' : `${Math.round(bits * 100) / 100} bits/weight`),
      backend: benchmark.backend,
      ...(benchmark.pp_tps === undefined ? {} : { ppTokensPerSecond: benchmark.pp_tps }),
      ...(benchmark.tg_tps === undefined ? {} : { tgTokensPerSecond: benchmark.tg_tps }),
      ppTokens: benchmark.pp_tokens,
      tgTokens: benchmark.tg_tokens,
      depthTokens: benchmark.depth_tokens,
      ...(benchmark.measured ? { measured: benchmark.measured } : {}),
      source: asList(benchmark.source),
      match,
    });
  }
  return matches.sort((a, b) => (a.match === b.match ? 0 : a.match === 'same machine' ? -1 : 1));
}

function matchOf(
  catalog: Catalog,
  benchmark: Benchmark,
  machine: Machine,
  key: string,
): Measurement['match'] | undefined {
  const hardware = benchmark.hardware;
  if ('machine' in hardware) {
    if (hardware.machine === machine.id) return 'same machine';
    const other = catalog.machine(hardware.machine);
    return other && measurementKey(other) === key ? 'same chip' : undefined;
  }
  // A bare chip: a SoC matches machines built on it without GPUs; a card matches machines holding exactly that many.
  const chip = catalog.chip(hardware.chip);
  if (!chip) return undefined;
  if (chip.kind === 'gpu') {
    const only = machine.gpus.length === 1 ? machine.gpus[0] : undefined;
    return only && only.chip === hardware.chip && only.count === hardware.count ? 'same chip' : undefined;
  }
  return machine.chip === hardware.chip && machine.gpus.length === 0 ? 'same chip' : undefined;
}

/**
 * Published measurements of this hardware for this model, when it is a catalog model: the one
 * nearest the asked depth first (then on the estimate's backend, then this very machine), each
 * with a caveat where its conditions differ from the estimate's.
 */
export function measurementsOf(advisor: Advisor, machine: Machine, estimate: Estimate): Measurement[] {
  const isCatalogModel = advisor.catalog.model(estimate.model.id) !== undefined;
  if (!isCatalogModel) return [];
  const bitsPerWeight = (estimate.memory.weightsGb * 8) / estimate.model.paramsBillions;
  const found = measurementsFor(advisor.catalog, machine, { id: estimate.model.id, bitsPerWeight });
  const workload = estimate.workload;
  // Generation is read at the depth the prompt leaves; a run at depth d with pp tokens on top is nearest by ratio.
  const askedDepth = workload.depthTokens + workload.promptTokens;
  const distance = (measurement: Measurement) =>
    Math.abs(Math.log((measurement.depthTokens + measurement.ppTokens + 1) / (askedDepth + 1)));
  const rank = (measurement: Measurement) => [
    Math.round(distance(measurement) * 2), // within a factor of ~1.6, depths count as alike
    measurement.backend === estimate.placement.backend ? 0 : 1,
    measurement.match === 'same machine' ? 0 : 1,
  ];
  const sorted = found
    .map((measurement) => ({ measurement, key: rank(measurement) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ measurement }) => measurement);
  return sorted.map((measurement) => {
    const caveat = measurementCaveat(advisor, measurement, estimate);
    return caveat ? { ...measurement, ...caveat } : measurement;
  });
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Two contexts differ in a way worth a word when one is more than twice the other. */
const contextRatioWorthSaying = 2;

/** How the measured run differs from the estimate, and the estimate at its conditions; undefined when alike. */
function measurementCaveat(
  advisor: Advisor,
  measurement: Measurement,
  estimate: Estimate,
): Pick<Measurement, 'differences' | 'estimatedAsMeasured'> | undefined {
  const benchmark = advisor.catalog.benchmarks.find((candidate) => candidate.id === measurement.benchmarkId);
  if (!benchmark) return undefined;
  const measuredRun = advisor.estimator.estimateBenchmark(benchmark);
  const workload = estimate.workload;
  const measuredContext = measurement.depthTokens + Math.max(measurement.ppTokens, measurement.tgTokens);
  const differences: MeasurementDifference[] = [];
  if (
    Math.max(measuredContext, workload.contextTokens) >
    contextRatioWorthSaying * Math.min(measuredContext, workload.contextTokens)
  )
    differences.push({ code: 'context', measuredTokens: measuredContext, askedTokens: workload.contextTokens });
  const inRam = (kind: string) => kind === 'gpu+cpu' || kind === 'gpu+cpu-experts' || kind === 'cpu';
  if (
    measuredRun &&
    !inRam(measuredRun.placementKind) &&
    inRam(estimate.placement.kind) &&
    estimate.placement.kind !== 'cpu'
  )
    differences.push({ code: 'all-in-gpu-memory', unified: measuredRun.placementKind === 'unified-gpu' });
  if (measurement.quantization !== estimate.model.quantization)
    differences.push({ code: 'quantization', measured: measurement.quantization, asked: estimate.model.quantization });
  if (measurement.backend !== estimate.placement.backend)
    differences.push({ code: 'backend', measured: measurement.backend, asked: estimate.placement.backend });
  if ((workload.users ?? 1) > 1) differences.push({ code: 'users', asked: workload.users ?? 1 });
  if ((workload.kvCache ?? 'f16') !== 'f16') differences.push({ code: 'kv-cache', asked: workload.kvCache ?? 'f16' });
  if (differences.length === 0) return undefined;
  const asMeasured = measuredRun?.estimate;
  const tg = measurement.tgTokensPerSecond !== undefined ? asMeasured?.tg?.tokensPerSecond : undefined;
  const pp = measurement.ppTokensPerSecond !== undefined ? asMeasured?.pp?.tokensPerSecond : undefined;
  return {
    differences,
    estimatedAsMeasured: {
      ...(tg === undefined ? {} : { tgTokensPerSecond: tg }),
      ...(pp === undefined ? {} : { ppTokensPerSecond: pp }),
    },
  };
}
