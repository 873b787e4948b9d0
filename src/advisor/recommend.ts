/**
 * /recommend: the machines that can run a model, filtered by budget, category and
 * minimum speed, ranked by speed, value or price — with what was left out and why,
 * and a useful answer when nothing qualifies.
 */
import { notBuyableReason } from '../catalog/price.ts';
import type { ModelSpec, Workload } from '../estimator/index.ts';
import { summariseModel } from '../estimator/model-spec.ts';
import { firstInOrder } from '../catalog/first-in-order.ts';
import type { Advisor, IndexedMachine } from './advisor.ts';
import { userError, type Outcome } from './outcome.ts';
import { sharedFirstTokenSeconds, sharedFits, sharedSpeed } from './question-memo.ts';
import { resolveModelQuery } from './resolve.ts';
import { resolveWorkload } from './workload.ts';
import { foldSameGpus, variantsCheapestFirst } from './variants.ts';
import {
  defaultPickCount,
  maxBudgetEur,
  maxChartPoints,
  priorities,
  type Exclusion,
  type RecommendQuery,
  type RecommendResult,
} from './recommend-types.ts';
import { finish, firstTokensOf, rankingFor, reasonFor, speedsOf } from './recommend-picks.ts';
import { largestModelWithin } from './recommend-largest.ts';

/** Relative difference below which two estimates are the same speed (floating-point noise). */
const SAME_SPEED = 1e-9;

/** How many machines an exclusion covers, and the first few to name. */
class Tally {
  count = 0;
  readonly examples: string[] = [];

  push(id: string): void {
    this.count += 1;
    if (this.examples.length < 3) this.examples.push(id);
  }
}

const maxMinTgTokensPerSecond = 10_000;

function validate(query: RecommendQuery): Outcome<null> {
  if (
    query.budgetEur !== undefined &&
    !(Number.isFinite(query.budgetEur) && query.budgetEur > 0 && query.budgetEur <= maxBudgetEur)
  )
    return userError({ code: 'budget-range', maxBudgetEur });
  if (
    query.minTgTokensPerSecond !== undefined &&
    !(
      Number.isFinite(query.minTgTokensPerSecond) &&
      query.minTgTokensPerSecond >= 0 &&
      query.minTgTokensPerSecond <= maxMinTgTokensPerSecond
    )
  )
    return userError({ code: 'min-speed-range', maxTokensPerSecond: maxMinTgTokensPerSecond });
  if (query.priority !== undefined && !priorities.includes(query.priority))
    return userError({ code: 'priority-choice', choices: priorities }, [...priorities]);
  return { ok: true, value: null };
}

export function recommend(advisor: Advisor, query: RecommendQuery): Outcome<RecommendResult> {
  const valid = validate(query);
  if (!valid.ok) return valid;
  const spec = resolveModelQuery(advisor, query);
  if (!spec.ok) return spec;
  const workload = resolveWorkload(spec.value, query);
  if (!workload.ok) return workload;
  return { ok: true, value: rankMachines(advisor, spec.value, workload.value, query) };
}

function rankMachines(advisor: Advisor, spec: ModelSpec, workload: Workload, query: RecommendQuery): RecommendResult {
  const priority = query.priority ?? 'speed';
  const limit = Math.max(1, Math.min(query.limit ?? defaultPickCount, 25));
  const offset = Math.max(0, query.offset ?? 0);
  const buckets: Record<Exclusion['kind'], Tally> = {
    category: new Tally(),
    'not-sold-new': new Tally(),
    announced: new Tally(),
    'builds-off': new Tally(),
    'adds-nothing': new Tally(),
    'same-gpus': new Tally(),
    'clusters-off': new Tally(),
    'clusters-held-back': new Tally(),
    'does-not-fit': new Tally(),
    'over-budget': new Tally(),
    'too-slow': new Tally(),
  };
  const allowClusters = query.allowClusters ?? 'auto';
  let qualifying: number[] = [];
  const qualifyingClusters: number[] = [];
  const memo = advisor.memos.for(spec, workload);
  const tgAt = speedsOf(advisor, spec, workload, memo);
  const cheapestFirst = rankingFor(advisor, 'price', tgAt);
  /** Buyable machines over budget that run the question, in catalog order. */
  const overBudget: number[] = [];
  const machines = advisor.machines;
  // A GPU the estimate leaves idle (or that makes it no faster) only adds cost: the same
  // machine without it is the better pick, so the set-up is never ranked above it (QA #14).
  const addsNothing = (indexed: IndexedMachine, speed: number): boolean => {
    const host = indexed.hostPosition === undefined ? undefined : machines[indexed.hostPosition];
    if (host === undefined || notBuyableReason(host.summary.availability, host.summary.priceMarket) !== undefined)
      return false;
    // Ranked by first token, the added GPU must shorten the wait instead. "No faster" allows for
    // rounding: a fourth card that moves the same layers around gains ~1e-14 tok/s, not speed.
    return priority === 'first_token'
      ? sharedFirstTokenSeconds(advisor, indexed, spec, workload, memo) >=
          sharedFirstTokenSeconds(advisor, host, spec, workload, memo) * (1 - SAME_SPEED)
      : speed <= sharedSpeed(advisor, host, spec, workload, memo) * (1 + SAME_SPEED);
  };

  for (let position = 0; position < machines.length; position += 1) {
    const indexed = machines[position];
    if (!indexed) continue;
    const machine = indexed.machine;
    const kind = machine.configuration?.kind;
    if (query.category !== undefined && machine.category !== query.category) {
      buckets.category.push(machine.id);
      continue;
    }
    // A product no longer sold new is ranked only at a sourced used price. It is named as such only
    // where it would otherwise qualify; one that cannot run the question is counted with the rest.
    const notBuyable = notBuyableReason(indexed.summary.availability, indexed.summary.priceMarket);
    if (query.allowBuilds === false && (kind === 'build' || kind === 'egpu')) {
      buckets['builds-off'].push(machine.id);
      continue;
    }
    if (allowClusters === false && kind === 'cluster') {
      buckets['clusters-off'].push(machine.id);
      continue;
    }
    // Over budget is said first: a set-up one cannot afford needs no second reason. Such a
    // machine is only counted, so whether it fits is all that is needed of it now; its speed
    // matters only when nothing qualifies, for "the cheapest that would run it" (below).
    if (query.budgetEur !== undefined && indexed.summary.priceEur > query.budgetEur) {
      if (!sharedFits(advisor, indexed, spec, workload, memo)) buckets['does-not-fit'].push(machine.id);
      else {
        buckets['over-budget'].push(machine.id);
        // Only something one can buy is offered as "the cheapest that would run it".
        if (!notBuyable) overBudget.push(position);
      }
      continue;
    }
    const speed = sharedSpeed(advisor, indexed, spec, workload, memo);
    if (speed === 0) {
      buckets['does-not-fit'].push(machine.id);
      continue;
    }
    if (addsNothing(indexed, speed)) buckets['adds-nothing'].push(machine.id);
    else if (query.minTgTokensPerSecond !== undefined && speed < query.minTgTokensPerSecond)
      buckets['too-slow'].push(machine.id);
    else if (notBuyable) buckets[notBuyable].push(machine.id);
    else if (kind === 'cluster' && allowClusters === 'auto') qualifyingClusters.push(position);
    else qualifying.push(position);
  }
  // By default a cluster is offered only when no single machine or build qualifies.
  if (qualifying.length === 0) qualifying = qualifyingClusters;
  else
    for (const position of qualifyingClusters) buckets['clusters-held-back'].push(machines[position]?.machine.id ?? '');

  const firstTokenAt = firstTokensOf(advisor, spec, workload, memo);
  // Every qualifying machine has been assessed by now, so the fold reads known numbers only.
  const folding = foldSameGpus(advisor, qualifying, {
    speeds: memo.speeds,
    firstTokenSeconds: memo.firstTokenSeconds,
    allInVram: memo.allInVram,
    ownershipMatters: priority === 'cost',
  });
  qualifying = folding.kept;
  // Counted, not listed: each is named under the pick it folds into.
  buckets['same-gpus'].count = folding.folded;
  const ranking = rankingFor(advisor, priority, tgAt, firstTokenAt);
  const ranked = firstInOrder(qualifying, ranking.key, ranking.compare, Math.max(offset + limit, maxChartPoints));
  const picks = ranked.slice(offset, offset + limit).flatMap((position, index) => {
    const indexed = machines[position];
    const rank = offset + index + 1;
    return indexed
      ? [
          finish(
            advisor,
            spec,
            workload,
            memo,
            indexed,
            rank,
            (pick) => reasonFor(pick, priority, rank, query.budgetEur),
            variantsCheapestFirst(advisor, folding.variants.get(position) ?? []),
          ),
        ]
      : [];
  });

  const excluded = (Object.keys(buckets) as Exclusion['kind'][])
    .filter((kind) => buckets[kind].count > 0)
    .map((kind) => {
      const { count, examples } = buckets[kind];
      return {
        kind,
        count,
        examples,
        exampleNames: examples.map((id) => advisor.catalog.machine(id)?.name ?? id),
      };
    });

  const result: RecommendResult = {
    model: summariseModel(spec),
    workload,
    ...(query.budgetEur === undefined ? {} : { budgetEur: query.budgetEur }),
    ...(query.minTgTokensPerSecond === undefined ? {} : { minTgTokensPerSecond: query.minTgTokensPerSecond }),
    ...(query.category === undefined ? {} : { category: query.category }),
    priority,
    picks,
    qualifying: qualifying.length,
    qualifyingPoints: ranked.slice(0, maxChartPoints).flatMap((position) => {
      const summary = machines[position]?.summary;
      return summary
        ? [{ id: summary.id, name: summary.name, priceEur: summary.priceEur, tgTokensPerSecond: tgAt(position) }]
        : [];
    }),
    offset,
    excluded,
  };
  if (qualifying.length > 0) return result;

  // The cheapest that would run it, its host being the better offer when the added parts add nothing.
  const runsIt = (position: number) => {
    const indexed = machines[position];
    return indexed !== undefined && !addsNothing(indexed, sharedSpeed(advisor, indexed, spec, workload, memo));
  };
  // The first few cheapest are selected, not all sorted (thousands, in every question nothing qualifies for);
  // the full order only when every one of them adds nothing to its host.
  const firstFew = 8;
  const cheapestPosition =
    firstInOrder(overBudget, cheapestFirst.key, cheapestFirst.compare, firstFew).find(runsIt) ??
    (overBudget.length > firstFew ? [...overBudget].sort(cheapestFirst.compare).find(runsIt) : undefined);
  const cheapest = cheapestPosition === undefined ? undefined : machines[cheapestPosition];
  if (cheapest)
    result.cheapestOverBudget = finish(advisor, spec, workload, memo, cheapest, 1, (pick) => ({
      code: 'cheapest-over-budget',
      priceEur: pick.machine.priceEur,
    }));
  if (query.budgetEur !== undefined) {
    const largest = largestModelWithin(advisor, spec, workload, query);
    if (largest) result.largestModelInBudget = largest;
  }
  return result;
}
