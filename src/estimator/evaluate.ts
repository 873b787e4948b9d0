/**
 * A placement timed: generation and prompt speeds at the best CPU thread count (a llama-bench
 * -t sweep), and the best of a machine's placements for a request.
 */
import type { Backend } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import type { ModelSpec } from './model-spec.ts';
import {
  candidatePlacements,
  cpuCoresOf,
  type EngineClass,
  type MemoryNeed,
  type Placement,
  type PlacementRequest,
  withCpuThreads,
} from './placement.ts';
import { generationStages, promptStages } from './physics.ts';
import { firstLeastOfUnimodal } from './unimodal.ts';
import type { Calibration } from './calibration.ts';
import { generationBreakdown, predictPrompt, stepSeconds, type GenerationBreakdown } from './calibration-predict.ts';
import type { Workload } from './workload.ts';

export interface Evaluated {
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
    tgTokensPerSecond: 1 / stepSeconds(tgBreakdown),
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
/**
 * Never below one user's total: every published batched run (2-32 sequences) gives all of them
 * together at least what one sequence alone gets, though an MoE's users each read their own
 * experts. Applied to the placement chosen, after the thread sweep, which it would make uneven.
 */
function floored(spec: ModelSpec, evaluated: Evaluated, workload: Workload, calibration: Calibration): Evaluated {
  const users = workload.users ?? 1;
  if (users <= 1) return evaluated;
  const alone = generationStages(spec, evaluated.placement, { ...workload, sequences: 1 });
  const aloneSeconds = stepSeconds(generationBreakdown(alone, calibration, spec.architecture));
  return evaluated.tgTokensPerSecond * users * aloneSeconds >= 1
    ? evaluated
    : { ...evaluated, tgTokensPerSecond: 1 / (users * aloneSeconds) };
}

function evaluate(spec: ModelSpec, placement: Placement, workload: Workload, calibration: Calibration): Evaluated {
  const cores = cpuCoresOf(placement);
  const pp = promptOf(spec, placement, workload, calibration);
  if (cores === undefined || cores <= 1)
    return floored(spec, evaluateAt(spec, placement, pp, workload, calibration), workload, calibration);
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
  const best = floored(spec, at(chosen), workload, calibration);
  return { ...best, cpuThreads: { generation: choices[chosen] ?? cores, cores } };
}

/** The placement's flags with the thread counts a sweep chose: -t, and -tb when prompts use more cores. */
export function threadFlags(flags: readonly string[], threads: Evaluated['cpuThreads']): string[] {
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
/**
 * How much faster Vulkan must be estimated than CUDA on an NVIDIA machine for `auto` to take it.
 * CUDA is what NVIDIA owners install and what nearly every published run of theirs uses; the two
 * measure within a few per cent of each other on one card (RTX 3090, Llama 3 8B Q4_0: 4,753 pp /
 * 147 tg on Vulkan coopmat2, PR 21024; 5,175 / 158 on CUDA for Llama 2 7B Q4_0), and each estimate
 * rests on its own class's runs with ~10 % (tg) to ~20 % (pp) leave-one-out error, so a smaller
 * lead is not a measured one. AMD and Intel have no such default: there `auto` takes the faster.
 */
export const vulkanLeadOverCudaShare = 0.15;

function hasCuda(profile: HardwareProfile): boolean {
  return [...profile.dgpus.flatMap((card) => card.backends), ...(profile.igpu?.backends ?? [])].includes('cuda');
}

function better(workload: Workload, cudaFirst = false) {
  const seconds = (evaluated: Evaluated) =>
    requestSeconds(workload, evaluated) *
    (cudaFirst && evaluated.placement.backend === 'vulkan' ? 1 / (1 - vulkanLeadOverCudaShare) : 1);
  return (a: Evaluated, b: Evaluated): number => {
    if (a.placement.fits !== b.placement.fits) return a.placement.fits ? -1 : 1;
    return seconds(a) - seconds(b);
  };
}

/** The engines and backend a workload allows, as placing takes them. */
export function placementRequest(workload: Workload): PlacementRequest {
  return { engine: workload.engine, ...(workload.backend ? { backend: workload.backend } : {}) };
}

/**
 * The best placement: fitting if any does, else the one that comes closest; none when no
 * engine can run it. Also the best on each backend, for saying what `auto` chose over.
 */
export function bestPlacement(
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
  // A named backend has no rival; under `auto` Vulkan must clearly beat CUDA on NVIDIA hardware.
  const first = better(workload, workload.backend === undefined && hasCuda(profile));
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
