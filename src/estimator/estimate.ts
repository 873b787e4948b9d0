/**
 * One estimate: does the model fit, where does it run, how fast are prompt processing
 * and generation, with a back-tested range and the reasons, for one hardware profile.
 */
import type { Backend } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import type { EstimateNote, TokenReads } from './notes.ts';
import { activeWeightsGb, summariseModel, type KvCacheType, type ModelSpec, type ModelSummary } from './model-spec.ts';
import { memoryNeed, type EngineClass, type PlacementKind, type PlacementShortfall } from './placement.ts';
import type { Calibration } from './calibration.ts';
import { attentionShareOf, deepAttentionShare } from './calibration-globals.ts';
import { minimumForClassRange, quantile, rangeFor, type Range } from './calibration-range.ts';
import { generationStages, promptStages } from './physics.ts';
import { queuedFirstTokenSeconds, sizedContext } from './assess.ts';
import { bestPlacement, threadFlags } from './evaluate.ts';
import type { BackendChoice, Workload } from './workload.ts';

export { defaultWorkload, maxUsers, backendChoices, type BackendChoice, type Workload } from './workload.ts';
export { assess, fits, memoryCeilingGb, queuedFirstTokenSeconds, type Assessment } from './assess.ts';
export { threadChoices, threadSweepSeconds } from './evaluate.ts';

export interface SpeedEstimate {
  tokensPerSecond: number;
  low: number;
  high: number;
  /** sync: a CPU's threads spend longer meeting at per-layer barriers than reading weights. */
  bound: 'bandwidth' | 'compute' | 'link' | 'sync';
  range: Range['basis'];
  /** Generation only, with several users: tokens/s summed over all of them (tokensPerSecond is each one's). */
  aggregateTokensPerSecond?: number;
}

export interface Estimate {
  hardware: { id: string; name: string };
  model: ModelSummary;
  workload: Workload;
  fits: boolean;
  placement: {
    kind: PlacementKind;
    backend: Backend;
    engineClass: EngineClass;
    /** The devices that hold a share of the model, in stage order (src/format/placement.ts words the placement). */
    devices: string[];
    /** With backend `auto`: the other backends the hardware runs that this one was faster than. */
    passedOver: Backend[];
    /** Cluster nodes the layers are split over (1 for one machine). */
    nodes: number;
    /** llama.cpp options that run this placement, e.g. ["-ngl 99", "--n-cpu-moe 40"]. */
    llamaCppFlags: string[];
  };
  memory: {
    weightsGb: number;
    kvCacheGb: number;
    buffersGb: number;
    neededGb: number;
    availableGb: number;
    headroomGb: number;
  };
  /** How it is run: what the answer must state beside its numbers. */
  setup: RunSetup;
  /** Present when the model fits. */
  tg?: SpeedEstimate;
  pp?: SpeedEstimate;
  timeToFirstTokenSeconds?: number;
  /** With several users whose prompts arrive together: the last one's wait for a first token. */
  queuedTimeToFirstTokenSeconds?: number;
  /** Why it does not fit, or what it gives up to fit (src/format/placement-reasons.ts words it). */
  shortfall?: EstimateShortfall;
  /**
   * Present when the engine class and model type behind this answer rest on fewer than three
   * published measurements; its ranges are widened then (src/format/estimate-notes.ts words it).
   */
  thinEvidence?: ThinEvidence;
  /** The figures used and what was assumed, as codes and numbers (src/format/estimate-notes.ts words them). */
  notes: EstimateNote[];
}

/** Why an estimate does not fit or what it gives up: its placement's shortfall, or no engine runs it at all. */
export type EstimateShortfall =
  PlacementShortfall | { code: 'no-engine'; machineName: string; backend?: Backend | undefined };

/** Fewer than three published measurements of this engine class and model type. */
export interface ThinEvidence {
  /** The fewer of the generation and prompt-processing counts. */
  measurements: number;
  architecture: 'dense' | 'moe';
  engineClass: EngineClass;
  /** Which of generation and prompt processing are thin. */
  metrics: 'both' | 'tg' | 'pp';
}

export interface RunSetup {
  /** The backend the estimate runs on, and whether the user named it or `auto` chose it. */
  backend: Backend;
  backendAsked: BackendChoice;
  /** The best placement on each other backend the hardware supports, for "ROCm and Vulkan side by side". */
  otherBackends: { backend: Backend; fits: boolean; tgTokensPerSecond: number; ppTokensPerSecond: number }[];
  kvCache: KvCacheType;
  /** Assumed on: llama.cpp's -fa auto enables it where the backend has it, and a quantized V cache needs it. */
  flashAttention: true;
  users: number;
}

/** The full estimate, as codes, numbers and ranges (src/format words them). */
export function estimate(
  profile: HardwareProfile,
  spec: ModelSpec,
  workload: Workload,
  calibration: Calibration,
): Estimate {
  const contextTokens = sizedContext(workload);
  const need = memoryNeed(spec, contextTokens, workload.kvCache, workload.users);
  const { best, byBackend } = bestPlacement(profile, spec, workload, need, calibration);
  const users = workload.users ?? 1;
  const kvCache = workload.kvCache ?? 'f16';
  const setupOf = (backend: Backend): RunSetup => ({
    backend,
    backendAsked: workload.backend ?? 'auto',
    otherBackends: [...byBackend.values()]
      .filter((other) => other.placement.backend !== backend)
      .map((other) => ({
        backend: other.placement.backend,
        fits: other.placement.fits,
        tgTokensPerSecond: other.tgTokensPerSecond,
        ppTokensPerSecond: other.pp.tokensPerSecond,
      })),
    kvCache,
    flashAttention: true,
    users,
  });

  const notes: EstimateNote[] = [...spec.assumptions, ...profile.assumptions, ...profile.unusedEngines];
  const modelSummary = summariseModel(spec);

  if (!best) {
    const shortfall: EstimateShortfall = { code: 'no-engine', machineName: profile.name, backend: workload.backend };
    return {
      hardware: { id: profile.id, name: profile.name },
      model: modelSummary,
      workload,
      fits: false,
      placement: {
        kind: 'cpu',
        backend: workload.backend ?? 'cpu',
        engineClass: 'cpu-cpu',
        devices: [],
        passedOver: [],
        nodes: 1,
        llamaCppFlags: [],
      },
      memory: {
        weightsGb: need.weightsGb,
        kvCacheGb: need.kvCacheGb,
        buffersGb: need.buffersGb,
        neededGb: need.totalGb,
        availableGb: 0,
        headroomGb: -need.totalGb,
      },
      setup: setupOf(workload.backend ?? 'cpu'),
      shortfall,
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
  for (const stage of placement.stages)
    if (stage.share > 0 && !devices.includes(stage.device)) devices.push(stage.device);
  const setup = setupOf(placement.backend);
  // `auto` says which backend it took, and over what: an AMD buyer sees ROCm against Vulkan.
  const passedOver =
    workload.backend === undefined
      ? setup.otherBackends
          .filter((other) => other.fits === placement.fits && other.backend !== 'cpu')
          .map((other) => other.backend)
      : [];
  const result: Estimate = {
    hardware: { id: profile.id, name: profile.name },
    model: modelSummary,
    workload: { ...workload, contextTokens },
    fits: placement.fits,
    placement: {
      kind: placement.kind,
      backend: placement.backend,
      engineClass: best.mainClass,
      devices,
      passedOver,
      nodes: placement.nodes,
      llamaCppFlags: best.pp.cpuInsteadOfOffload
        ? [...threadFlags(placement.llamaCppFlags, best.cpuThreads), '--no-op-offload']
        : threadFlags(placement.llamaCppFlags, best.cpuThreads),
    },
    memory,
    setup,
    ...(placement.shortfall ? { shortfall: placement.shortfall } : {}),
    notes,
  };
  if (!placement.fits) return result;

  // Thin evidence for this class and model type: say so, and widen the range by half again (as a pooled class range is).
  const typeKey = `${best.mainClass} ${spec.architecture}`;
  const thin = (metric: 'tg' | 'pp') => (calibration.measurementsByType?.[metric][typeKey] ?? 0) < minimumForClassRange;
  const widened = (range: ReturnType<typeof rangeFor>, estimateValue: number, widen: boolean) =>
    widen
      ? {
          ...range,
          low: estimateValue * (range.low / estimateValue) ** 1.5,
          high: estimateValue * (range.high / estimateValue) ** 1.5,
        }
      : range;
  // Deep and thin: attention is a large share of the work and this class's depth factor rests on fewer than three
  // long-context runs. Worked out for the chosen placement only (one more pass of the stage physics per answer).
  const deepShare = {
    tg: attentionShareOf({
      metric: 'tg',
      generation: generationStages(spec, placement, { ...workload, sequences: users }),
    }),
    pp: attentionShareOf({ metric: 'pp', prompt: promptStages(spec, placement, workload) }),
  };
  const depthRuns = (metric: 'tg' | 'pp') => calibration.attentionRuns?.[metric][best.mainClass] ?? 0;
  const deepThin = (metric: 'tg' | 'pp') =>
    deepShare[metric] >= deepAttentionShare && depthRuns(metric) < minimumForClassRange;
  const singleTgRange = widened(
    rangeFor(calibration, 'tg', best.mainClass, best.tgTokensPerSecond),
    best.tgTokensPerSecond,
    thin('tg') || deepThin('tg'),
  );
  // Several users: at least the spread of the published batched runs around their estimates.
  const batchedResiduals = users > 1 ? (calibration.batchedResiduals ?? []) : [];
  const tgRange =
    batchedResiduals.length >= minimumForClassRange
      ? {
          ...singleTgRange,
          low: Math.min(
            singleTgRange.low,
            best.tgTokensPerSecond * Math.exp(Math.min(quantile(batchedResiduals, 0.1) ?? 0, -0.05)),
          ),
          high: Math.max(
            singleTgRange.high,
            best.tgTokensPerSecond * Math.exp(Math.max(quantile(batchedResiduals, 0.9) ?? 0, 0.05)),
          ),
        }
      : singleTgRange;
  const ppRange = widened(
    rangeFor(calibration, 'pp', best.mainClass, best.pp.tokensPerSecond),
    best.pp.tokensPerSecond,
    thin('pp') || deepThin('pp'),
  );
  const counts = (['tg', 'pp'] as const).map((metric) => calibration.measurementsByType?.[metric][typeKey] ?? 0);
  const thinEvidence: ThinEvidence | undefined =
    thin('tg') || thin('pp')
      ? {
          measurements: Math.min(...counts),
          architecture: spec.architecture,
          engineClass: best.mainClass,
          metrics: thin('tg') && thin('pp') ? 'both' : thin('tg') ? 'tg' : 'pp',
        }
      : undefined;
  const readGb = activeWeightsGb(spec);
  const { readSeconds, overheadSeconds } = best.tgBreakdown;
  const cpuThreads = placement.stages.find((stage) => stage.engine === 'cpu' && stage.share > 0)?.syncThreads;
  const syncBound = cpuThreads !== undefined && overheadSeconds > readSeconds;
  const reads: TokenReads = {
    weightsGb: readGb,
    ...(spec.architecture === 'moe'
      ? { experts: { activeParamsBillions: spec.activeParamsBillions, paramsBillions: spec.paramsBillions } }
      : {}),
  };
  notes.push(
    syncBound
      ? { code: 'tg-sync-bound', cpuThreads, layers: spec.layers, overheadSeconds, readSeconds, reads }
      : { code: 'tg-bandwidth-bound', reads },
    { code: 'pp-bound', bound: best.pp.bound, promptTokens: workload.promptTokens },
  );
  if (best.pp.cpuInsteadOfOffload) notes.push({ code: 'prompt-on-cpu' });
  if (placement.interconnect && placement.nodes > 1)
    notes.push({ code: 'cluster-hops', hops: placement.nodes - 1, ...placement.interconnect });
  if (kvCache !== 'f16') notes.push({ code: 'kv-cache-quantized', kvCache });
  if (users > 1)
    notes.push({
      code: 'users',
      users,
      moe: spec.architecture === 'moe',
      batchedRuns: calibration.batchedRuns?.[spec.architecture] ?? 0,
    });
  if (tgRange.basis.pooled)
    notes.push({ code: 'range-pooled', measurements: tgRange.basis.measurements, engineClass: best.mainClass });
  if (deepThin('tg') || deepThin('pp'))
    notes.push({
      code: 'depth-thin',
      engineClass: best.mainClass,
      contextTokens: workload.depthTokens + workload.promptTokens,
      attentionShare: {
        ...(deepThin('tg') ? { tg: deepShare.tg } : {}),
        ...(deepThin('pp') ? { pp: deepShare.pp } : {}),
      },
      runs: Math.min(...(['tg', 'pp'] as const).filter(deepThin).map(depthRuns)),
    });
  return {
    ...result,
    ...(thinEvidence ? { thinEvidence } : {}),
    tg: {
      tokensPerSecond: best.tgTokensPerSecond,
      low: tgRange.low,
      high: tgRange.high,
      bound: syncBound ? 'sync' : 'bandwidth',
      range: tgRange.basis,
      ...(users > 1 ? { aggregateTokensPerSecond: users * best.tgTokensPerSecond } : {}),
    },
    pp: {
      tokensPerSecond: best.pp.tokensPerSecond,
      low: ppRange.low,
      high: ppRange.high,
      bound: best.pp.bound,
      range: ppRange.basis,
    },
    timeToFirstTokenSeconds: workload.promptTokens / best.pp.tokensPerSecond,
    // Prompts are processed one after another: the last of N waits for all of them.
    ...(users > 1 ? { queuedTimeToFirstTokenSeconds: queuedFirstTokenSeconds(workload, best.pp.tokensPerSecond) } : {}),
  };
}
