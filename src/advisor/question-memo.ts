/** Estimates shared across machines of the same hardware and across recent questions. */
import type { Machine } from '../catalog/schema.ts';
import type { Estimate, ModelSpec, Workload } from '../estimator/index.ts';
import { LruMap } from '../lru-map.ts';
import type { Advisor, IndexedMachine } from './advisor.ts';

/**
 * The shared estimates of the last few questions asked: "Show more" and a team asking
 * about the same model again reuse them. Bounded; a reload makes a new advisor and so a
 * new cache.
 */
export class MemoCache {
  private readonly memos: LruMap<string, QuestionMemo>;

  constructor(
    private readonly hardwareGroups: number,
    maxQuestions = 16,
  ) {
    this.memos = new LruMap(maxQuestions);
  }

  for(spec: ModelSpec, workload: Workload): QuestionMemo {
    const key = `${spec.id}|${spec.quantization}|${spec.bitsPerWeight}|${spec.paramsBillions}|${JSON.stringify(workload)}`;
    const memo = this.memos.get(key) ?? new QuestionMemo(this.hardwareGroups);
    this.memos.set(key, memo); // asked again: the most recent question now
    return memo;
  }

  get size(): number {
    return this.memos.size;
  }
}

/**
 * What one question (model and workload) has learned about each hardware group: machines
 * with the same hardware share it, since a catalog lists the same board under many names
 * and prices and the physics does not care. Ranking needs only each group's speed, kept
 * as one number so that many questions stay cheap to hold; the full estimate is made for
 * the machines shown. Shared estimates carry the first machine's id; `forMachine` puts
 * the right one.
 */
export class QuestionMemo {
  /** Generation tokens/s by hardware group: NaN not yet assessed, 0 does not fit. */
  readonly speeds: Float64Array;
  /** Seconds until the last user's first token by hardware group, set with `speeds`: infinite when it does not fit. */
  readonly firstTokenSeconds: Float64Array;
  readonly estimates: (Estimate | undefined)[] = [];
  /** Whether the model fits, by hardware group, for groups only counted so far: 0 not known, 1 fits, 2 does not. */
  readonly fitting: Uint8Array;
  /** 1 where the assessed placement keeps the whole model in the discrete GPUs' memory (Assessment.allInVram), set with `speeds`. */
  readonly allInVram: Uint8Array;

  constructor(hardwareGroups: number) {
    this.fitting = new Uint8Array(hardwareGroups);
    this.allInVram = new Uint8Array(hardwareGroups);
    this.speeds = new Float64Array(hardwareGroups).fill(Number.NaN);
    this.firstTokenSeconds = new Float64Array(hardwareGroups).fill(Number.NaN);
  }
}

function assessInto(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): void {
  const assessment = advisor.estimator.assess(indexed.profile, spec, workload);
  memo.speeds[indexed.hardwareGroup] = assessment.tgTokensPerSecond;
  memo.firstTokenSeconds[indexed.hardwareGroup] = assessment.firstTokenSeconds;
  memo.allInVram[indexed.hardwareGroup] = assessment.allInVram ? 1 : 0;
}

/** The machine's generation speed for this question, 0 when the model does not fit. */
export function sharedSpeed(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): number {
  if (Number.isNaN(memo.speeds[indexed.hardwareGroup] ?? Number.NaN))
    assessInto(advisor, indexed, spec, workload, memo);
  return memo.speeds[indexed.hardwareGroup] ?? 0;
}

/**
 * Whether the model fits this machine at all: a known speed answers it, else a fit check
 * that places but times nothing (what a machine ranking only counts needs).
 */
export function sharedFits(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): boolean {
  const group = indexed.hardwareGroup;
  const speed = memo.speeds[group] ?? Number.NaN;
  if (!Number.isNaN(speed)) return speed !== 0;
  if (memo.fitting[group] === 0) memo.fitting[group] = advisor.estimator.fits(indexed.profile, spec, workload) ? 1 : 2;
  return memo.fitting[group] === 1;
}

/** Seconds until the last of the question's users gets a first token on this machine; infinite when it does not fit. */
export function sharedFirstTokenSeconds(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): number {
  if (Number.isNaN(memo.firstTokenSeconds[indexed.hardwareGroup] ?? Number.NaN))
    assessInto(advisor, indexed, spec, workload, memo);
  return memo.firstTokenSeconds[indexed.hardwareGroup] ?? Number.POSITIVE_INFINITY;
}

export function sharedEstimate(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): Estimate {
  let estimate = memo.estimates[indexed.hardwareGroup];
  if (!estimate) {
    estimate = advisor.estimator.estimate(indexed.profile, spec, workload);
    memo.estimates[indexed.hardwareGroup] = estimate;
  }
  return forMachine(estimate, indexed.machine);
}

export function forMachine(estimate: Estimate, machine: Machine): Estimate {
  return estimate.hardware.id === machine.id
    ? estimate
    : { ...estimate, hardware: { id: machine.id, name: machine.name } };
}
