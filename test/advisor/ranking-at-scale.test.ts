/**
 * Ranking thousands of machines takes shortcuts: speeds shared by hardware group, a
 * memory ceiling that skips placing, selection instead of a full sort. Here a naive
 * reference — the full estimate of every machine, filtered and fully sorted — must give
 * the same answer on a catalog large enough for every shortcut to apply.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAdvisor,
  priorities,
  recommend,
  type Advisor,
  type Priority,
  type RecommendQuery,
} from '../../src/advisor/index.ts';
import { resolveModelQuery, resolveWorkload } from '../../src/advisor/index.ts';
import { runningCost } from '../../src/advisor/running-cost.ts';
import type { Estimate } from '../../src/estimator/index.ts';
import { notBuyableReason } from '../../src/catalog/price.ts';
import { buildCatalog } from '../../src/catalog/catalog.ts';
import { syntheticCatalogData } from '../../bench/synthetic.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  const live = await liveAdvisor();
  // 3000 machines with ~170 distinct hardware groups: well over twice the 500 points a result keeps.
  advisor = createAdvisor(
    buildCatalog({ ...syntheticCatalogData(live.catalog, 3000, 0), models: [...live.catalog.models] }),
  );
});

interface Row {
  position: number;
  id: string;
  priceEur: number;
  tg: number;
  costEur: number;
  firstTokenSeconds: number;
  gpuSet: string;
  /** The estimator's own key of the hardware: machines with equal keys get equal estimates. */
  hardware: string;
  allInVram: boolean;
}

/** "No faster" as recommend.ts allows for rounding: a relative 1e-9. */
const sameSpeed = 1e-9;

/** The ranking written the obvious way, from full estimates of every machine. */
function reference(query: RecommendQuery): {
  ranked: Row[];
  overBudget: number;
  doesNotFit: number;
  tooSlow: number;
  addsNothing: number;
  sameGpus: number;
  cheapestOverBudget?: string;
} {
  const spec = resolveModelQuery(advisor, query);
  if (!spec.ok) throw new Error(JSON.stringify(spec.error));
  const workload = resolveWorkload(spec.value, query);
  if (!workload.ok) throw new Error(JSON.stringify(workload.error));
  const rows: Row[] = [];
  let overBudget = 0;
  let doesNotFit = 0;
  let tooSlow = 0;
  let addsNothing = 0;
  const estimates = advisor.machines.map((indexed) =>
    advisor.estimator.estimate(advisor.estimator.profile(indexed.machine), spec.value, workload.value),
  );
  const firstToken = (estimate: Estimate) =>
    estimate.queuedTimeToFirstTokenSeconds ?? estimate.timeToFirstTokenSeconds ?? Number.POSITIVE_INFINITY;
  const buyable = (indexed: Advisor['machines'][number]) =>
    notBuyableReason(indexed.summary.availability, indexed.summary.priceMarket) === undefined;
  // An added GPU that makes the set-up no faster (no quicker to a first token) than its buyable host.
  const noBetterThanHost = (position: number): boolean => {
    const hostPosition = advisor.machines[position]?.hostPosition;
    const host = hostPosition === undefined ? undefined : advisor.machines[hostPosition];
    const own = estimates[position];
    const hosts = hostPosition === undefined ? undefined : estimates[hostPosition];
    if (!host || !own || !hosts || !buyable(host)) return false;
    return query.priority === 'first_token'
      ? firstToken(own) >= firstToken(hosts) * (1 - sameSpeed)
      : (own.tg?.tokensPerSecond ?? 0) <= (hosts.fits ? (hosts.tg?.tokensPerSecond ?? 0) : 0) * (1 + sameSpeed);
  };
  const overBudgetRows: Row[] = [];
  advisor.machines.forEach((indexed, position) => {
    if (query.category !== undefined && indexed.machine.category !== query.category) return;
    if (indexed.machine.configuration?.kind === 'cluster') return; // held back while single machines qualify
    const estimate = estimates[position];
    if (!estimate?.fits || !estimate.tg) return void (doesNotFit += 1);
    const tg = estimate.tg.tokensPerSecond;
    const cost = runningCost(advisor.catalog, indexed.machine, indexed.summary.priceEur, estimate, advisor.costs);
    const row = {
      position,
      id: indexed.machine.id,
      priceEur: indexed.summary.priceEur,
      tg,
      costEur: cost?.totalCostEur ?? Number.POSITIVE_INFINITY,
      firstTokenSeconds: firstToken(estimate),
      gpuSet: indexed.gpuSet,
      hardware: advisor.estimator.hardwareKey(advisor.estimator.profile(indexed.machine)),
      allInVram: estimate.placement.kind === 'gpu' || estimate.placement.kind === 'multi-gpu',
    };
    if (query.budgetEur !== undefined && indexed.summary.priceEur > query.budgetEur) {
      overBudget += 1;
      if (buyable(indexed) && !noBetterThanHost(position)) overBudgetRows.push(row);
      return;
    }
    if (noBetterThanHost(position)) return void (addsNothing += 1);
    if (query.minTgTokensPerSecond !== undefined && tg < query.minTgTokensPerSecond) return void (tooSlow += 1);
    // Not sold new and without a used price (or only announced): would qualify, but is never ranked.
    if (!buyable(indexed)) return;
    rows.push(row);
  });
  // The same GPUs with the whole model in them and the same estimate: the dearer (ranked by cost,
  // also no cheaper to run) is a variant of the cheaper; on a full tie, of the one listed first.
  const close = (a: number, b: number) => a === b || Math.abs(a - b) <= Math.max(a, b) * sameSpeed;
  const byCost = query.priority === 'cost';
  // Else only the same hardware to the estimator is the same offer.
  const covered = (row: Row) =>
    rows.some(
      (other) =>
        other !== row &&
        other.gpuSet === row.gpuSet &&
        (row.allInVram ? other.allInVram : !other.allInVram && other.hardware === row.hardware) &&
        close(other.tg, row.tg) &&
        close(other.firstTokenSeconds, row.firstTokenSeconds) &&
        other.priceEur <= row.priceEur &&
        (!byCost || other.costEur <= row.costEur) &&
        (other.priceEur < row.priceEur || (byCost && other.costEur < row.costEur) || other.position < row.position),
    );
  const kept = rows.filter((row) => !covered(row));
  const cheapest = overBudgetRows.sort((a, b) => a.priceEur - b.priceEur || b.tg - a.tg)[0];
  const value = (row: Row) => (row.tg / row.priceEur) * 1000;
  const byPriority: Record<Priority, (a: Row, b: Row) => number> = {
    speed: (a, b) => b.tg - a.tg || a.priceEur - b.priceEur,
    value: (a, b) => value(b) - value(a) || b.tg - a.tg,
    price: (a, b) => a.priceEur - b.priceEur || b.tg - a.tg,
    cost: (a, b) => (a.costEur === b.costEur ? 0 : a.costEur - b.costEur) || b.tg - a.tg,
    first_token: (a, b) => a.firstTokenSeconds - b.firstTokenSeconds || b.tg - a.tg,
  };
  // Array.prototype.sort is stable: full ties stay in catalog order.
  return {
    ranked: kept.sort(byPriority[query.priority ?? 'speed']),
    sameGpus: rows.length - kept.length,
    overBudget,
    doesNotFit,
    tooSlow,
    addsNothing,
    ...(cheapest ? { cheapestOverBudget: cheapest.id } : {}),
  };
}

const questions: RecommendQuery[] = [
  { model: 'llama-3.3-70b', quant: 'Q4_K_M', budgetEur: 4000, contextTokens: 8192 },
  { model: 'qwen3-30b-a3b', quant: 'Q8_0', minTgTokensPerSecond: 20 },
  { model: 'gpt-oss-120b', quant: 'MXFP4', category: 'mini-pc', budgetEur: 3000 },
  // A team: five users' caches in memory and their prompts queued, the cache at q8_0.
  {
    model: 'qwen3-30b-a3b',
    quant: 'Q4_K_M',
    contextTokens: 16384,
    promptTokens: 2000,
    users: 5,
    kvCache: 'q8_0',
    budgetEur: 6000,
  },
];

describe('recommend at scale', () => {
  it('has set-ups whose added GPU adds nothing, so that the reference checks that rule too', () => {
    expect(reference(questions[0] ?? {}).addsNothing).toBeGreaterThan(0);
  });

  it('has the same GPUs on dearer hosts at the same estimate, so that the reference checks the fold too', () => {
    expect(reference(questions[0] ?? {}).sameGpus).toBeGreaterThan(0);
  });

  // Nothing in budget: every machine is only counted, and the cheapest that would run it is named.
  for (const question of [
    { model: 'llama-3.3-70b', quant: 'Q4_K_M', budgetEur: 100, contextTokens: 8192 },
    { model: 'qwen3-235b-a22b', quant: 'Q4_K_M', budgetEur: 100, priority: 'first_token' },
  ] satisfies RecommendQuery[])
    it(`names the cheapest machine over budget for ${question.model} at ${question.budgetEur} EUR as the reference does`, () => {
      const expected = reference(question);
      expect(expected.ranked).toEqual([]);
      expect(expected.cheapestOverBudget).toBeDefined();
      const outcome = recommend(advisor, { ...question, allowClusters: false });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
      expect(outcome.value.qualifying).toBe(0);
      expect(outcome.value.cheapestOverBudget?.machine.id).toBe(expected.cheapestOverBudget);
      const count = (kind: string) => outcome.value.excluded.find((exclusion) => exclusion.kind === kind)?.count ?? 0;
      expect([count('over-budget'), count('does-not-fit')]).toEqual([expected.overBudget, expected.doesNotFit]);
    });

  for (const question of questions) {
    for (const priority of priorities) {
      it(`ranks ${question.model} by ${priority} as a full sort of full estimates would`, () => {
        const expected = reference({ ...question, priority });
        expect(expected.ranked.length).toBeGreaterThan(0);
        for (const offset of [0, 37]) {
          const outcome = recommend(advisor, { ...question, priority, offset, allowClusters: false });
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
          const result = outcome.value;
          expect(result.qualifying).toBe(expected.ranked.length);
          expect(result.qualifyingPoints.map((point) => point.id)).toEqual(
            expected.ranked.slice(0, 500).map((row) => row.id),
          );
          expect(result.picks.map((pick) => pick.machine.id)).toEqual(
            expected.ranked.slice(offset, offset + 5).map((row) => row.id),
          );
          const count = (kind: string) => result.excluded.find((exclusion) => exclusion.kind === kind)?.count ?? 0;
          expect([
            count('over-budget'),
            count('does-not-fit'),
            count('too-slow'),
            count('adds-nothing'),
            count('same-gpus'),
          ]).toEqual([
            expected.overBudget,
            expected.doesNotFit,
            expected.tooSlow,
            expected.addsNothing,
            expected.sameGpus,
          ]);
        }
      });
    }
  }
});
