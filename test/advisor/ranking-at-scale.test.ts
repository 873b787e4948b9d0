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
}

/** The ranking written the obvious way, from full estimates. */
function reference(query: RecommendQuery): { ranked: Row[]; overBudget: number; doesNotFit: number; tooSlow: number } {
  const spec = resolveModelQuery(advisor, query);
  if (!spec.ok) throw new Error(spec.error.message);
  const workload = resolveWorkload(spec.value, query);
  if (!workload.ok) throw new Error(workload.error.message);
  const rows: Row[] = [];
  let overBudget = 0;
  let doesNotFit = 0;
  let tooSlow = 0;
  advisor.machines.forEach((indexed, position) => {
    if (query.category !== undefined && indexed.machine.category !== query.category) return;
    if (indexed.machine.configuration?.kind === 'cluster') return; // held back while single machines qualify
    const estimate = advisor.estimator.estimate(advisor.estimator.profile(indexed.machine), spec.value, workload.value);
    if (!estimate.fits || !estimate.tg) return void (doesNotFit += 1);
    const tg = estimate.tg.tokensPerSecond;
    if (query.minTgTokensPerSecond !== undefined && tg < query.minTgTokensPerSecond) return void (tooSlow += 1);
    if (query.budgetEur !== undefined && indexed.summary.priceEur > query.budgetEur) return void (overBudget += 1);
    // Not sold new and without a used price (or only announced): would qualify, but is never ranked.
    if (notBuyableReason(indexed.summary.availability, indexed.summary.priceMarket) !== undefined) return;
    const cost = runningCost(advisor.catalog, indexed.machine, indexed.summary.priceEur, estimate, advisor.costs);
    const firstTokenSeconds =
      estimate.queuedTimeToFirstTokenSeconds ?? estimate.timeToFirstTokenSeconds ?? Number.POSITIVE_INFINITY;
    rows.push({
      position,
      id: indexed.machine.id,
      priceEur: indexed.summary.priceEur,
      tg,
      costEur: cost?.totalCostEur ?? Number.POSITIVE_INFINITY,
      firstTokenSeconds,
    });
  });
  const value = (row: Row) => (row.tg / row.priceEur) * 1000;
  const byPriority: Record<Priority, (a: Row, b: Row) => number> = {
    speed: (a, b) => b.tg - a.tg || a.priceEur - b.priceEur,
    value: (a, b) => value(b) - value(a) || b.tg - a.tg,
    price: (a, b) => a.priceEur - b.priceEur || b.tg - a.tg,
    cost: (a, b) => (a.costEur === b.costEur ? 0 : a.costEur - b.costEur) || b.tg - a.tg,
    first_token: (a, b) => a.firstTokenSeconds - b.firstTokenSeconds || b.tg - a.tg,
  };
  // Array.prototype.sort is stable: full ties stay in catalog order.
  return { ranked: rows.sort(byPriority[query.priority ?? 'speed']), overBudget, doesNotFit, tooSlow };
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
  for (const question of questions) {
    for (const priority of priorities) {
      it(`ranks ${question.model} by ${priority} as a full sort of full estimates would`, () => {
        const expected = reference({ ...question, priority });
        expect(expected.ranked.length).toBeGreaterThan(0);
        for (const offset of [0, 37]) {
          const outcome = recommend(advisor, { ...question, priority, offset, allowClusters: false });
          if (!outcome.ok) throw new Error(outcome.error.message);
          const result = outcome.value;
          expect(result.qualifying).toBe(expected.ranked.length);
          expect(result.qualifyingPoints.map((point) => point.id)).toEqual(
            expected.ranked.slice(0, 500).map((row) => row.id),
          );
          expect(result.picks.map((pick) => pick.machine.id)).toEqual(
            expected.ranked.slice(offset, offset + 5).map((row) => row.id),
          );
          const count = (kind: string) => result.excluded.find((exclusion) => exclusion.kind === kind)?.count ?? 0;
          expect([count('over-budget'), count('does-not-fit'), count('too-slow')]).toEqual([
            expected.overBudget,
            expected.doesNotFit,
            expected.tooSlow,
          ]);
        }
      });
    }
  }
});
