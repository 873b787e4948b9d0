/**
 * One estimate: does the model fit, where does it run, how fast are prompt processing
 * and generation, with a back-tested range and the reasons, for one hardware profile.
 */
import type { Backend } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import { activeWeightsGb, summariseModel, type ModelSpec, type ModelSummary } from './model-spec.ts';
import { candidatePlacements, formatGb, memoryNeed, type EngineClass, type Placement, type PlacementKind } from './placement.ts';
import { generationStages, promptStages } from './physics.ts';
import { predictGeneration, predictPrompt, rangeFor, type Calibration, type Range } from './calibration.ts';

export interface Workload {
  /** Context the KV cache is sized for. */
  contextTokens: number;
  /** Prompt processed at once: the pp figure and the time to first token are for this prompt. */
  promptTokens: number;
  /** Tokens already in context before the prompt. */
  depthTokens: number;
  /** Tokens generated after the prompt; tg is their average. */
  generatedTokens: number;
  /** auto: the fastest engine common runtimes support; cpu: CPU only; gpu: no CPU-only answer. */
  engine: 'auto' | 'cpu' | 'gpu';
  backend?: Backend;
}

export const defaultWorkload: Workload = { contextTokens: 4096, promptTokens: 512, depthTokens: 0, generatedTokens: 128, engine: 'auto' };

export interface SpeedEstimate {
  tokensPerSecond: number;
  low: number;
  high: number;
  bound: 'bandwidth' | 'compute' | 'link';
  range: Range['basis'];
}

export interface Estimate {
  hardware: { id: string; name: string };
  model: ModelSummary;
  workload: Workload;
  fits: boolean;
  placement: { kind: PlacementKind; backend: Backend; engineClass: EngineClass; description: string };
  memory: { weightsGb: number; kvCacheGb: number; buffersGb: number; neededGb: number; availableGb: number; headroomGb: number };
  /** Present when the model fits. */
  tg?: SpeedEstimate;
  pp?: SpeedEstimate;
  timeToFirstTokenSeconds?: number;
  /** Why it does not fit, or what it gives up to fit. */
  reason?: string;
  /** The figures used and what was assumed, in words. */
  notes: string[];
}

const placementWords: Record<PlacementKind, string> = {
  gpu: 'all on the GPU',
  'multi-gpu': 'split by layers across the GPUs',
  'unified-gpu': 'on the integrated GPU, in the GPU-addressable share of unified memory',
  'gpu+igpu': 'split by layers between the external GPU and the integrated GPU',
  'gpu+cpu': 'partly on the GPU, the rest in system RAM on the CPU',
  cpu: 'on the CPU only',
};

interface Evaluated {
  placement: Placement;
  tgTokensPerSecond: number;
  pp: ReturnType<typeof predictPrompt>;
  mainClass: EngineClass;
}

function evaluate(spec: ModelSpec, placement: Placement, workload: Workload, calibration: Calibration): Evaluated {
  const generation = generationStages(spec, placement, workload);
  const prompt = promptStages(spec, placement, workload);
  const heaviest = generation.reduce<(typeof generation)[number] | undefined>((best, stage) => (!best || stage.readSeconds > best.readSeconds ? stage : best), undefined);
  return {
    placement,
    tgTokensPerSecond: predictGeneration(generation, calibration, spec.architecture),
    pp: predictPrompt(prompt, calibration, spec.architecture),
    mainClass: heaviest?.engineClass ?? 'cpu-cpu',
  };
}

/**
 * Fitting placements first, then the shorter time for the request: reading the prompt
 * and generating the answer. Generation speed alone would pick a CPU that matches an
 * iGPU on paper but reads prompts several times slower.
 */
function better(workload: Workload) {
  const seconds = (evaluated: Evaluated) =>
    Math.max(1, workload.promptTokens) / evaluated.pp.tokensPerSecond + Math.max(1, workload.generatedTokens) / evaluated.tgTokensPerSecond;
  return (a: Evaluated, b: Evaluated): number => {
    if (a.placement.fits !== b.placement.fits) return a.placement.fits ? -1 : 1;
    return seconds(a) - seconds(b);
  };
}

export function estimate(profile: HardwareProfile, spec: ModelSpec, workload: Workload, calibration: Calibration): Estimate {
  const contextTokens = Math.max(workload.contextTokens, workload.depthTokens + workload.promptTokens + workload.generatedTokens);
  const need = memoryNeed(spec, contextTokens);
  const candidates = candidatePlacements(profile, need, { engine: workload.engine, ...(workload.backend ? { backend: workload.backend } : {}) });
  // Speeds of placements that cannot hold the model matter only when none can.
  const fitting = candidates.filter((placement) => placement.fits);
  const evaluated = (fitting.length > 0 ? fitting : candidates).map((placement) => evaluate(spec, placement, workload, calibration)).sort(better(workload));
  const best = evaluated[0];

  const notes = [...spec.assumptions, ...profile.assumptions, ...profile.unusedEngines];
  const modelSummary = summariseModel(spec);

  if (!best) {
    const reason = workload.backend ? `no engine of ${profile.name} runs the ${workload.backend} backend` : `no engine of ${profile.name} can run it as asked`;
    return {
      hardware: { id: profile.id, name: profile.name },
      model: modelSummary,
      workload,
      fits: false,
      placement: { kind: 'cpu', backend: workload.backend ?? 'cpu', engineClass: 'cpu-cpu', description: reason },
      memory: { weightsGb: need.weightsGb, kvCacheGb: need.kvCacheGb, buffersGb: need.buffersGb, neededGb: need.totalGb, availableGb: 0, headroomGb: -need.totalGb },
      reason,
      notes,
    };
  }

  const { placement } = best;
  const memory = {
    weightsGb: need.weightsGb,
    kvCacheGb: need.kvCacheGb,
    buffersGb: need.buffersGb,
    neededGb: need.totalGb,
    availableGb: placement.availableGb,
    headroomGb: placement.availableGb - need.totalGb,
  };
  const devices: string[] = [];
  for (const stage of placement.stages) if (stage.share > 0 && !devices.includes(stage.device)) devices.push(stage.device);
  const nodes = placement.nodes > 1 ? `, layers split over ${placement.nodes} nodes` : '';
  const description = `${placementWords[placement.kind]} (${devices.join(' + ')}, ${placement.backend}${nodes})`;
  const result: Estimate = {
    hardware: { id: profile.id, name: profile.name },
    model: modelSummary,
    workload: { ...workload, contextTokens },
    fits: placement.fits,
    placement: { kind: placement.kind, backend: placement.backend, engineClass: best.mainClass, description },
    memory,
    ...(placement.reason ? { reason: placement.reason } : {}),
    notes,
  };
  if (!placement.fits) return result;

  const tgRange = rangeFor(calibration, 'tg', best.mainClass, best.tgTokensPerSecond);
  const ppRange = rangeFor(calibration, 'pp', best.mainClass, best.pp.tokensPerSecond);
  const readGb = activeWeightsGb(spec);
  notes.push(
    `tg is bandwidth-bound: each token reads ${formatGb(readGb)} of ${spec.architecture === 'moe' ? `active weights (${spec.activeParamsBillions} B of ${spec.paramsBillions} B parameters)` : 'weights'} plus the KV cache so far`,
    `pp is ${best.pp.bound}-bound at a ${workload.promptTokens}-token prompt`,
  );
  if (placement.interconnect && placement.nodes > 1)
    notes.push(
      `each token crosses ${placement.nodes - 1} network hop${placement.nodes > 2 ? 's' : ''} (${Math.round(placement.interconnect.linkGigabytesPerSecond * 8)} Gbit/s, ${placement.interconnect.hopLatencySeconds * 1000} ms assumed per hop): a cluster adds memory, not speed per token`,
    );
  if (tgRange.basis.pooled)
    notes.push(`only ${tgRange.basis.measurements} measurement${tgRange.basis.measurements === 1 ? '' : 's'} for ${best.mainClass}: its range borrows the spread of similar engines, widened`);
  return {
    ...result,
    tg: { tokensPerSecond: best.tgTokensPerSecond, low: tgRange.low, high: tgRange.high, bound: 'bandwidth', range: tgRange.basis },
    pp: { tokensPerSecond: best.pp.tokensPerSecond, low: ppRange.low, high: ppRange.high, bound: best.pp.bound, range: ppRange.basis },
    timeToFirstTokenSeconds: workload.promptTokens / best.pp.tokensPerSecond,
  };
}
