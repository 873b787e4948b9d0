/** Turns the catalog's published benchmarks into physics observations for calibration. */
import type { Catalog } from '../catalog/catalog.ts';
import type { Benchmark } from '../catalog/schema.ts';
import { profileFromChip, profileFromMachine, type HardwareProfile } from './hardware.ts';
import { specFromCatalog, specFromSize, type ModelSpec } from './model-spec.ts';
import {
  candidatePlacements,
  engineClassOf,
  memoryNeed,
  withCpuThreads,
  type EngineClass,
  type Placement,
} from './placement.ts';
import { generationStages, promptStages } from './physics.ts';
import type { Observation, Runtime } from './calibration.ts';

export interface BenchmarkSetup {
  benchmark: Benchmark;
  profile: HardwareProfile;
  spec: ModelSpec;
  placement: Placement;
}

export function profileForBenchmark(catalog: Catalog, benchmark: Benchmark): HardwareProfile | undefined {
  const hardware = benchmark.hardware;
  if ('machine' in hardware) {
    const machine = catalog.machine(hardware.machine);
    return machine ? profileFromMachine(catalog, machine) : undefined;
  }
  const chip = catalog.chip(hardware.chip);
  return chip ? profileFromChip(catalog, chip, hardware.count) : undefined;
}

export function specForBenchmark(catalog: Catalog, benchmark: Benchmark): ModelSpec | undefined {
  const model = benchmark.model === undefined ? undefined : catalog.model(benchmark.model);
  if (model && benchmark.model_size_gb !== undefined) {
    // The file's own size is more exact than a quantization's typical bits per weight
    // (and covers quantizations we do not list, e.g. Unsloth UD-Q4_K_XL).
    const params = benchmark.params_b ?? model.params_b;
    const bitsPerWeight = (benchmark.model_size_gb * 8) / params;
    return {
      ...specFromCatalog(model, { id: 'file', bits_per_weight: bitsPerWeight, source: 'estimate: from the file size' }),
      quantization: benchmark.quant ?? `${Math.round(bitsPerWeight * 100) / 100} bits/weight (file size)`,
    };
  }
  if (model && benchmark.quant !== undefined) {
    const quantization = catalog.quantization(benchmark.quant);
    return quantization ? specFromCatalog(model, quantization) : undefined;
  }
  return benchmark.model_size_gb === undefined
    ? undefined
    : specFromSize(benchmark.model_size_gb, benchmark.params_b, benchmark.active_params_b);
}

/** The placement the benchmark ran: its engine and backend, the model held as measured. */
export function setupForBenchmark(catalog: Catalog, benchmark: Benchmark): BenchmarkSetup | undefined {
  const defaultProfile = profileForBenchmark(catalog, benchmark);
  const spec = specForBenchmark(catalog, benchmark);
  if (!defaultProfile || !spec) return undefined;
  const addressable = benchmark.gpu_addressable_gb;
  const withAddressable =
    addressable !== undefined && defaultProfile.igpu
      ? {
          ...defaultProfile,
          igpu: { ...defaultProfile.igpu, addressableGb: Math.min(addressable, defaultProfile.systemMemoryGb) },
        }
      : defaultProfile;
  // A Vulkan run whose log names another matrix path than the card's usual one (an older driver, coopmat2 off).
  const vulkanMatrix = benchmark.vulkan_matrix;
  const profile =
    vulkanMatrix === undefined
      ? withAddressable
      : { ...withAddressable, dgpus: withAddressable.dgpus.map((card) => ({ ...card, vulkanMatrix })) };
  const context = benchmark.depth_tokens + Math.max(benchmark.pp_tokens, benchmark.tg_tokens);
  const need = memoryNeed(spec, context, undefined, benchmark.parallel_sequences);
  const engineClass: EngineClass = engineClassOf(
    benchmark.engine === 'npu' ? 'cpu' : benchmark.engine,
    benchmark.backend,
  );
  const placements = candidatePlacements(profile, need, {
    engine: benchmark.engine === 'cpu' ? 'cpu' : 'gpu',
    backend: benchmark.backend,
  });
  const placement =
    placements.find((candidate) => candidate.fits && candidate.stages[0]?.engineClass.startsWith(engineClass)) ??
    placements.find((candidate) => candidate.fits);
  return placement ? { benchmark, profile, spec, placement } : undefined;
}

export function observationsFor(setup: BenchmarkSetup): Observation[] {
  const { benchmark, spec, placement } = setup;
  const engineClass = placement.stages[0]?.engineClass ?? 'cpu-cpu';
  // The run's own thread counts where stated; llama-bench's default (one per core) where not.
  const threads = benchmark.threads;
  const batchThreads = benchmark.threads_batch ?? threads;
  const generationPlacement = threads === undefined ? placement : withCpuThreads(placement, threads);
  const promptPlacement = batchThreads === undefined ? placement : withCpuThreads(placement, batchThreads);
  const observations: Observation[] = [];
  const runtime: Runtime | undefined = benchmark.runtime === 'ik_llama.cpp' ? 'ik_llama.cpp' : undefined;
  const measuredBy = runtime === undefined ? {} : { runtime };
  const sequences = benchmark.parallel_sequences;
  if (benchmark.tg_tps !== undefined) {
    // llama-batched-bench generates after each sequence's prompt: its KV cache holds pp_tokens first.
    const workload = {
      promptTokens: sequences > 1 ? benchmark.pp_tokens : 0,
      depthTokens: benchmark.depth_tokens,
      generatedTokens: benchmark.tg_tokens,
      sequences,
      // llama-batched-bench decodes token 0 in every sequence: one set of experts per step.
      identicalSequences: benchmark.identical_sequences,
    };
    observations.push({
      benchmarkId: benchmark.id,
      metric: 'tg',
      architecture: spec.architecture,
      engineClass,
      // Steps per second: the published total over all sequences (S_TG) shared by each of them.
      measuredTokensPerSecond: benchmark.tg_tps / sequences,
      sequences,
      generation: generationStages(spec, generationPlacement, workload),
      contextTokens: benchmark.depth_tokens + benchmark.tg_tokens / 2,
      ...measuredBy,
    });
  }
  if (benchmark.pp_tps !== undefined) {
    const workload = {
      promptTokens: benchmark.pp_tokens,
      depthTokens: benchmark.depth_tokens,
      generatedTokens: 0,
      sequences,
      ...(benchmark.ubatch_tokens === undefined ? {} : { microBatchTokens: benchmark.ubatch_tokens }),
    };
    observations.push({
      benchmarkId: benchmark.id,
      metric: 'pp',
      architecture: spec.architecture,
      engineClass,
      // Prompt tokens per second over all sequences (S_PP): the same rate one long prompt is timed at.
      measuredTokensPerSecond: benchmark.pp_tps,
      sequences,
      prompt: promptStages(spec, promptPlacement, workload),
      contextTokens: benchmark.depth_tokens + benchmark.pp_tokens / 2,
      ...measuredBy,
    });
  }
  return observations;
}

export function catalogObservations(catalog: Catalog): {
  observations: Observation[];
  skipped: { id: string; reason: string }[];
} {
  const observations: Observation[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const benchmark of catalog.benchmarks) {
    const setup = setupForBenchmark(catalog, benchmark);
    if (!setup) {
      skipped.push({
        id: benchmark.id,
        reason: 'the model does not fit the hardware as described, or an id is unknown',
      });
      continue;
    }
    observations.push(...observationsFor(setup));
  }
  return { observations, skipped };
}
