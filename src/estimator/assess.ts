/**
 * What ranking needs of an estimate (fits, speeds, first token) and the cheaper `fits`, for
 * every machine of a catalog; `estimate` gives the full answer for those shown.
 */
import type { HardwareProfile } from './hardware.ts';
import type { ModelSpec } from './model-spec.ts';
import {
  candidatePlacements,
  cardUsableGb,
  decimalGb,
  memoryNeed,
  systemUsableGb,
  type MemoryNeed,
} from './placement.ts';
import type { Calibration } from './calibration.ts';
import { bestPlacement, placementRequest } from './evaluate.ts';
import type { Workload } from './workload.ts';

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

/** The context the memory is sized for: the workload's, or longer when prompt and answer need it. */
export function sizedContext(workload: Workload): number {
  return Math.max(workload.contextTokens, workload.depthTokens + workload.promptTokens + workload.generatedTokens);
}
