/**
 * One estimate: does the model fit, where does it run, how fast are prompt processing
 * and generation, with a back-tested range and the reasons, for one hardware profile.
 */
import { Backend } from '../catalog/schema.ts';
import { noEngineText, placementDescription } from '../format/placement.ts';
import { thinEvidenceText } from '../format/estimate-notes.ts';
import { placementShortfallText } from '../format/placement-reasons.ts';
import type { HardwareProfile } from './hardware.ts';
import type { EstimateNote, TokenReads } from './notes.ts';
import { activeWeightsGb, summariseModel, type KvCacheType, type ModelSpec, type ModelSummary } from './model-spec.ts';
import {
  candidatePlacements,
  cardUsableGb,
  cpuCoresOf,
  decimalGb,
  memoryNeed,
  systemUsableGb,
  type EngineClass,
  type MemoryNeed,
  type Placement,
  type PlacementKind,
  type PlacementRequest,
  withCpuThreads,
} from './placement.ts';
import { generationStages, promptStages } from './physics.ts';
import { firstLeastOfUnimodal } from './unimodal.ts';
import {
  generationBreakdown,
  minimumForClassRange,
  predictPrompt,
  rangeFor,
  type Calibration,
  type GenerationBreakdown,
  type Range,
} from './calibration.ts';

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
  /** KV-cache element type (llama.cpp -ctk/-ctv); f16 when not given. */
  kvCache?: KvCacheType;
  /** People generating at once, one parallel sequence each (llama-server -np N); 1 when not given. */
  users?: number;
}

export const defaultWorkload: Workload = {
  contextTokens: 4096,
  promptTokens: 512,
  depthTokens: 0,
  generatedTokens: 128,
  engine: 'auto',
};

/**
 * Most people the estimate serves at once (llama-server -np): beyond a few dozen parallel
 * sequences a llama.cpp box is compute-bound and vLLM-class servers are the tool, which
 * this model does not describe.
 */
export const maxUsers = 64;

/** What a user may ask for as the backend: one llama.cpp backend, or `auto`, the fastest the hardware supports. */
export const backendChoices = ['auto', ...Backend.options] as const;
export type BackendChoice = (typeof backendChoices)[number];

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
    description: string;
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
  /** Why it does not fit, or what it gives up to fit. */
  reason?: string;
  /**
   * In words, when the engine class and model type behind this answer rest on fewer than
   * three published measurements; its ranges are widened then.
   */
  uncertainty?: string;
  /** The figures used and what was assumed, as codes and numbers (src/format/estimate-notes.ts words them). */
  notes: EstimateNote[];
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

interface Evaluated {
  placement: Placement;
  tgTokensPerSecond: number;
  tgBreakdown: GenerationBreakdown;
  pp: ReturnType<typeof predictPrompt>;
  mainClass: EngineClass;
  /** After a thread sweep: the -t it chose and the cores (-tb) prompts run on. */
  cpuThreads?: { generation: number; cores: number };
}

function promptOf(spec: ModelSpec, promptPlacement: Placement, workload: Workload, calibration: Calibration) {
  return predictPrompt(promptStages(spec, promptPlacement, workload), calibration, spec.architecture);
}

/**
 * The workload as generation reads it, one sequence per user: kept for the last workload
 * seen, as ranking times one question on every machine and a sweep times each several times.
 */
let lastGeneration: { workload: Workload; generation: Workload & { sequences: number } } | undefined;
function generationWorkload(workload: Workload): Workload & { sequences: number } {
  if (lastGeneration?.workload !== workload)
    lastGeneration = { workload, generation: { ...workload, sequences: workload.users ?? 1 } };
  return lastGeneration.generation;
}

/** `pp` is passed in: the prompt runs on every core whatever the generation's thread count, so a sweep times it once. */
function evaluateAt(
  spec: ModelSpec,
  generationPlacement: Placement,
  pp: Evaluated['pp'],
  workload: Workload,
  calibration: Calibration,
): Evaluated {
  const generation = generationStages(spec, generationPlacement, generationWorkload(workload));
  const heaviest = generation.reduce<(typeof generation)[number] | undefined>(
    (best, stage) => (!best || stage.readSeconds > best.readSeconds ? stage : best),
    undefined,
  );
  const tgBreakdown = generationBreakdown(generation, calibration, spec.architecture);
  return {
    placement: generationPlacement,
    tgTokensPerSecond: 1 / (tgBreakdown.readSeconds + tgBreakdown.overheadSeconds + tgBreakdown.fixedSeconds),
    tgBreakdown,
    pp,
    mainClass: heaviest?.engineClass ?? 'cpu-cpu',
  };
}

/**
 * Thread counts tried for a CPU's share of generation, as a llama-bench -t sweep would: fewer
 * threads than cores often generate faster on a many-core server, whose barriers grow with the
 * threads while a few dozen of them already fill the memory bus.
 */
export function threadChoices(cores: number): readonly number[] {
  let choices = threadChoicesByCores.get(cores);
  if (!choices) {
    const counts = [1, 3 / 4, 1 / 2, 3 / 8, 1 / 4, 1 / 6, 1 / 8].map((share) => Math.max(1, Math.ceil(cores * share)));
    choices = [...new Set(counts)];
    threadChoicesByCores.set(cores, choices);
  }
  return choices;
}
const threadChoicesByCores = new Map<number, readonly number[]>();

/**
 * The request's seconds at each of threadChoices, most threads first (none without a CPU
 * stage): what the sweep searches, laid out in full for tests of its shape.
 */
export function threadSweepSeconds(
  spec: ModelSpec,
  placement: Placement,
  workload: Workload,
  calibration: Calibration,
): number[] {
  const cores = cpuCoresOf(placement);
  if (cores === undefined || cores <= 1) return [];
  const pp = promptOf(spec, placement, workload, calibration);
  return threadChoices(cores).map((threads) =>
    requestSeconds(workload, evaluateAt(spec, withCpuThreads(placement, threads), pp, workload, calibration)),
  );
}

/** Where the last thread sweep ended, by core count: the next machine's least is usually there too. */
const lastThreadChoice = new Map<number, number>();

/**
 * A placement timed at the best CPU thread count for generation; prompts run on every core
 * (llama.cpp --threads-batch), where compute, not barriers, sets the pace.
 */
function evaluate(spec: ModelSpec, placement: Placement, workload: Workload, calibration: Calibration): Evaluated {
  const cores = cpuCoresOf(placement);
  const pp = promptOf(spec, placement, workload, calibration);
  if (cores === undefined || cores <= 1) return evaluateAt(spec, placement, pp, workload, calibration);
  // The sweep is unimodal (see unimodal.ts): searched from where the last sweep on as many cores ended.
  const choices = threadChoices(cores);
  const timed: (Evaluated | undefined)[] = [];
  const at = (index: number): Evaluated =>
    (timed[index] ??= evaluateAt(spec, withCpuThreads(placement, choices[index] ?? cores), pp, workload, calibration));
  const chosen = firstLeastOfUnimodal(
    choices.length,
    (index) => requestSeconds(workload, at(index)),
    lastThreadChoice.get(cores) ?? 0,
  );
  lastThreadChoice.set(cores, chosen);
  const best = at(chosen);
  return { ...best, cpuThreads: { generation: choices[chosen] ?? cores, cores } };
}

/** The placement's flags with the thread counts a sweep chose: -t, and -tb when prompts use more cores. */
function threadFlags(flags: readonly string[], threads: Evaluated['cpuThreads']): string[] {
  if (!threads) return [...flags];
  const { generation, cores } = threads;
  const others = flags.filter((flag) => !flag.startsWith('-t '));
  return generation < cores ? [...others, `-t ${generation}`, `-tb ${cores}`] : [...others, `-t ${cores}`];
}

/** Seconds for the request: reading the prompt (all users' prompts, for the last of them) and generating the answer. */
function requestSeconds(workload: Workload, evaluated: Evaluated): number {
  return (
    ((workload.users ?? 1) * Math.max(1, workload.promptTokens)) / evaluated.pp.tokensPerSecond +
    Math.max(1, workload.generatedTokens) / evaluated.tgTokensPerSecond
  );
}

/**
 * Fitting placements first, then the shorter time for the request (requestSeconds). Generation
 * speed alone would pick a CPU that matches an iGPU on paper but reads prompts several times slower.
 */
function better(workload: Workload) {
  return (a: Evaluated, b: Evaluated): number => {
    if (a.placement.fits !== b.placement.fits) return a.placement.fits ? -1 : 1;
    return requestSeconds(workload, a) - requestSeconds(workload, b);
  };
}

/**
 * What ranking needs of an estimate, and no more: whether the model fits and how fast
 * the best placement runs. Cheap enough to compute for every machine of a large catalog
 * and small enough to keep for many; `estimate` gives the full answer for those shown.
 */
export interface Assessment {
  fits: boolean;
  /** 0 when the model does not fit. */
  tgTokensPerSecond: number;
  ppTokensPerSecond: number;
  /** Until the last of the users' prompts (sent together) gets its first token; infinite when it does not fit. */
  firstTokenSeconds: number;
  /**
   * The whole model and its KV cache sit in the discrete GPUs' memory (placement gpu or
   * multi-gpu): the host's RAM holds none of it, so the host adds no room for this question.
   */
  allInVram: boolean;
}

/**
 * Prompts sent together are processed one after another (llama.cpp batches prompt tokens of
 * several slots into one micro-batch, which is as compute-bound as one long prompt): the last
 * of N users waits for all N prompts.
 */
export function queuedFirstTokenSeconds(
  workload: Pick<Workload, 'promptTokens' | 'users'>,
  ppTokensPerSecond: number,
): number {
  return ((workload.users ?? 1) * workload.promptTokens) / ppTokensPerSecond;
}

/** The most memory any placement on this hardware can give a model, GB (see candidatePlacements). */
export function memoryCeilingGb(profile: HardwareProfile): number {
  const vram = profile.dgpus.reduce((total, card) => total + cardUsableGb(card), 0);
  // The iGPU's addressable share is its own limit, and may exceed what the CPU side keeps usable.
  return vram + Math.max(systemUsableGb(profile), decimalGb(profile.igpu?.addressableGb ?? 0));
}

export function assess(
  profile: HardwareProfile,
  spec: ModelSpec,
  workload: Workload,
  calibration: Calibration,
): Assessment {
  const need = questionNeed(spec, workload);
  // Nothing fits beyond the ceiling: skip placing and timing.
  // Ranking needs only the best placement, not the best per backend that an answer states.
  const best =
    need.totalGb > memoryCeilingGb(profile)
      ? undefined
      : bestPlacement(profile, spec, workload, need, calibration, false).best;
  return best?.placement.fits
    ? {
        fits: true,
        tgTokensPerSecond: best.tgTokensPerSecond,
        ppTokensPerSecond: best.pp.tokensPerSecond,
        firstTokenSeconds: queuedFirstTokenSeconds(workload, best.pp.tokensPerSecond),
        allInVram: best.placement.kind === 'gpu' || best.placement.kind === 'multi-gpu',
      }
    : {
        fits: false,
        tgTokensPerSecond: 0,
        ppTokensPerSecond: 0,
        firstTokenSeconds: Number.POSITIVE_INFINITY,
        allInVram: false,
      };
}

/**
 * Whether any placement holds the model, without timing one: the same answer as
 * `assess(...).fits` at a fraction of its cost, for machines ranking only counts (those
 * over budget).
 */
export function fits(profile: HardwareProfile, spec: ModelSpec, workload: Workload): boolean {
  const need = questionNeed(spec, workload);
  if (need.totalGb > memoryCeilingGb(profile)) return false;
  // The CPU placement, when the request allows it, fits in usable RAM (see cpuPlacement): no need to build the rest.
  const cpuAllowed = workload.engine !== 'gpu' && (workload.backend === undefined || workload.backend === 'cpu');
  if (cpuAllowed && need.totalGb <= systemUsableGb(profile)) return true;
  return candidatePlacements(profile, need, placementRequest(workload)).some((placement) => placement.fits);
}

/**
 * The model's memory need depends on the question alone, and ranking asks one question of
 * every machine in a row: the last need is kept, keyed by the (unchanged) spec and workload
 * objects themselves.
 */
let lastNeed: { spec: ModelSpec; workload: Workload; need: MemoryNeed } | undefined;
function questionNeed(spec: ModelSpec, workload: Workload): MemoryNeed {
  if (lastNeed?.spec === spec && lastNeed.workload === workload) return lastNeed.need;
  const need = memoryNeed(spec, sizedContext(workload), workload.kvCache, workload.users);
  lastNeed = { spec, workload, need };
  return need;
}

/** The engines and backend a workload allows, as placing takes them. */
function placementRequest(workload: Workload): PlacementRequest {
  return { engine: workload.engine, ...(workload.backend ? { backend: workload.backend } : {}) };
}

/** The context the memory is sized for: the workload's, or longer when prompt and answer need it. */
function sizedContext(workload: Workload): number {
  return Math.max(workload.contextTokens, workload.depthTokens + workload.promptTokens + workload.generatedTokens);
}

/**
 * The best placement: fitting if any does, else the one that comes closest; none when no
 * engine can run it. Also the best on each backend, for saying what `auto` chose over.
 */
function bestPlacement(
  profile: HardwareProfile,
  spec: ModelSpec,
  workload: Workload,
  need: MemoryNeed,
  calibration: Calibration,
  perBackend = true,
): { best: Evaluated | undefined; byBackend: Map<Backend, Evaluated> } {
  const candidates = candidatePlacements(profile, need, placementRequest(workload));
  // Speeds of placements that cannot hold the model matter only when none can.
  const anyFits = candidates.some((placement) => placement.fits);
  const first = better(workload);
  let best: Evaluated | undefined;
  const byBackend = new Map<Backend, Evaluated>();
  for (const placement of candidates) {
    if (anyFits && !placement.fits) continue;
    const evaluated = evaluate(spec, placement, workload, calibration);
    if (!best || first(evaluated, best) < 0) best = evaluated;
    if (!perBackend) continue;
    const sameBackend = byBackend.get(placement.backend);
    if (!sameBackend || first(evaluated, sameBackend) < 0) byBackend.set(placement.backend, evaluated);
  }
  return { best, byBackend };
}

/** The full estimate, in words and ranges. */
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
    const reason = noEngineText(profile.name, workload.backend);
    return {
      hardware: { id: profile.id, name: profile.name },
      model: modelSummary,
      workload,
      fits: false,
      placement: {
        kind: 'cpu',
        backend: workload.backend ?? 'cpu',
        engineClass: 'cpu-cpu',
        description: reason,
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
  const description = placementDescription({
    kind: placement.kind,
    devices,
    backend: placement.backend,
    passedOver,
    nodes: placement.nodes,
  });
  const result: Estimate = {
    hardware: { id: profile.id, name: profile.name },
    model: modelSummary,
    workload: { ...workload, contextTokens },
    fits: placement.fits,
    placement: {
      kind: placement.kind,
      backend: placement.backend,
      engineClass: best.mainClass,
      description,
      llamaCppFlags: best.pp.cpuInsteadOfOffload
        ? [...threadFlags(placement.llamaCppFlags, best.cpuThreads), '--no-op-offload']
        : threadFlags(placement.llamaCppFlags, best.cpuThreads),
    },
    memory,
    setup,
    ...(placement.shortfall ? { reason: placementShortfallText(placement.shortfall) } : {}),
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
  const tgRange = widened(
    rangeFor(calibration, 'tg', best.mainClass, best.tgTokensPerSecond),
    best.tgTokensPerSecond,
    thin('tg'),
  );
  const ppRange = widened(
    rangeFor(calibration, 'pp', best.mainClass, best.pp.tokensPerSecond),
    best.pp.tokensPerSecond,
    thin('pp'),
  );
  const counts = (['tg', 'pp'] as const).map((metric) => calibration.measurementsByType?.[metric][typeKey] ?? 0);
  const uncertainty =
    thin('tg') || thin('pp')
      ? thinEvidenceText({
          measurements: Math.min(...counts),
          architecture: spec.architecture,
          engineClass: best.mainClass,
          metrics: thin('tg') && thin('pp') ? 'both' : thin('tg') ? 'tg' : 'pp',
        })
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
  if (users > 1) notes.push({ code: 'users', users, moe: spec.architecture === 'moe' });
  if (tgRange.basis.pooled)
    notes.push({ code: 'range-pooled', measurements: tgRange.basis.measurements, engineClass: best.mainClass });
  return {
    ...result,
    ...(uncertainty ? { uncertainty } : {}),
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
