/**
 * /recommend: the machines that can run a model, filtered by budget, category and
 * minimum speed, ranked by speed, value or price — with what was left out and why,
 * and a useful answer when nothing qualifies.
 */
import type { Category } from '../catalog/schema.ts';
import { notBuyableReason } from '../catalog/price.ts';
import type { ModelSpec, Workload } from '../estimator/index.ts';
import { summariseModel, type ModelSummary } from '../estimator/model-spec.ts';
import { firstInOrder } from '../catalog/first-in-order.ts';
import type { Advisor, IndexedMachine } from './advisor.ts';
import { estimateFor, runningCostOf, type MachineEstimate } from './estimate-machine.ts';
import { measurementsOf } from './measurements.ts';
import { userError, type Outcome } from './outcome.ts';
import { QuestionMemo, sharedEstimate, sharedFirstTokenSeconds, sharedFits, sharedSpeed } from './question-memo.ts';
import { resolveModelQuery, type ModelQuery } from './resolve.ts';
import { resolveWorkload, type WorkloadQuery } from './workload.ts';
import { foldSameGpus, hostVariant, variantsCheapestFirst, type HostVariant } from './variants.ts';
import type { PlacementKind } from '../estimator/placement.ts';

/** Relative difference below which two estimates are the same speed (floating-point noise). */
const SAME_SPEED = 1e-9;

/** speed: per-user generation at the asked number of users; first_token: the last user's wait for a first token at the asked prompt. */
export type Priority = 'speed' | 'value' | 'price' | 'cost' | 'first_token';
export const priorities: readonly Priority[] = ['speed', 'value', 'price', 'cost', 'first_token'];

export interface RecommendQuery extends ModelQuery, WorkloadQuery {
  budgetEur?: number;
  minTgTokensPerSecond?: number;
  category?: Category;
  priority?: Priority;
  /** How many picks to return, and from which rank (for "show more"). */
  limit?: number;
  offset?: number;
  /** Builds and eGPU configurations from builds.yaml (default true). */
  allowBuilds?: boolean;
  /** Clusters: true, false, or (default) only when no single machine qualifies. */
  allowClusters?: boolean | 'auto';
}

export interface Pick extends MachineEstimate {
  rank: number;
  /** tg tokens/s per 1000 EUR of purchase price. */
  tgPer1000Eur: number;
  /** Why it ranks here, as codes and numbers; src/format's reasonText says it in words. */
  reason: PickReason;
  /** For a cluster: how one of its nodes alone would do, to say plainly when the cluster is slower. */
  cluster?: { nodes: number; memberId: string; memberTgTokensPerSecond?: number; slowerThanOneNode: boolean };
  /** The same GPUs on dearer hosts that this question's estimate does not tell apart, cheapest first (see variants.ts). */
  variants?: HostVariant[];
}

/** Why a pick is shown: codes and numbers only, so each front words it (src/format/recommend.ts). */
export type PickReason =
  | {
      code: 'ranked';
      priority: Priority;
      rank: number;
      tgTokensPerSecond: number;
      /** Users generating at once; the speed is each one's. */
      users: number;
      placement: PlacementKind;
      tgPer1000Eur: number;
      headroomGb: number;
      /** Ranked by first token: the wait of the last of `users` prompts of `promptTokens` sent together. */
      firstToken?: { seconds: number; promptTokens: number };
      /** Ranked by cost of ownership: purchase and electricity over `years`. */
      ownership?: { totalCostEur: number; years: number };
      underBudgetEur?: number;
      measuredTgTokensPerSecond?: number;
      /** A cluster, and how fast one of its nodes alone runs the model (absent: one node cannot hold it). */
      cluster?: { nodes: number; memberTgTokensPerSecond?: number };
    }
  | { code: 'cheapest-over-budget'; priceEur: number }
  | { code: 'largest-in-budget'; modelName: string; quantization: string; tgTokensPerSecond: number; priceEur: number };

export interface Exclusion {
  kind:
    | 'category'
    | 'not-sold-new'
    | 'announced'
    | 'builds-off'
    | 'adds-nothing'
    | 'same-gpus'
    | 'clusters-off'
    | 'clusters-held-back'
    | 'does-not-fit'
    | 'over-budget'
    | 'too-slow';
  count: number;
  /** The first three machines' ids; src/format's exclusionText says it in words. */
  examples: string[];
  /** The examples' names, in the same order, for fronts that show people names rather than ids. */
  exampleNames: string[];
}

export interface RecommendResult {
  model: ModelSummary;
  workload: Workload;
  budgetEur?: number;
  minTgTokensPerSecond?: number;
  category?: Category;
  priority: Priority;
  picks: Pick[];
  /** How many machines qualified in all (picks is one page of them). */
  qualifying: number;
  /** Price and speed of the qualifying machines in rank order, the first 500: what a chart plots. */
  qualifyingPoints: { id: string; name: string; priceEur: number; tgTokensPerSecond: number }[];
  offset: number;
  excluded: Exclusion[];
  /** When nothing qualifies: the cheapest machine that would, and the largest model the budget runs. */
  cheapestOverBudget?: Pick;
  largestModelInBudget?: { modelId: string; name: string; quantization: string; pick: Pick };
}

export const defaultPickCount = 5;
/** More points than this make a chart unreadable and a result heavy. */
export const maxChartPoints = 500;

/** How many machines an exclusion covers, and the first few to name. */
class Tally {
  count = 0;
  readonly examples: string[] = [];

  push(id: string): void {
    this.count += 1;
    if (this.examples.length < 3) this.examples.push(id);
  }
}
export const maxBudgetEur = 1_000_000;
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

/**
 * A qualifying machine during ranking: its position in advisor.machines and the speed
 * of its hardware group. Thousands are ranked and five are shown, so ranking works on
 * positions and numbers; `finish` builds the full pick for the shown ones.
 */
interface Ranking {
  /** Sort key that agrees with `compare`: smaller ranks first. */
  key(position: number): number;
  compare(a: number, b: number): number;
}

function rankingFor(
  advisor: Advisor,
  priority: Priority,
  tgAt: (position: number) => number,
  firstTokenAt: (position: number) => number = () => 0,
): Ranking {
  const machines = advisor.machines;
  const price = (position: number) => machines[position]?.summary.priceEur ?? Number.POSITIVE_INFINITY;
  const value = (position: number) => (tgAt(position) / price(position)) * 1000;
  // Machines whose power draw is unknown sort last rather than looking free to run.
  const cost = (position: number) => machines[position]?.ownershipCostEur ?? Number.POSITIVE_INFINITY;
  // Full ties keep catalog order, as a stable sort of the catalog would.
  const rankings: Record<Priority, Ranking> = {
    speed: { key: (p) => -tgAt(p), compare: (a, b) => tgAt(b) - tgAt(a) || price(a) - price(b) || a - b },
    value: { key: (p) => -value(p), compare: (a, b) => value(b) - value(a) || tgAt(b) - tgAt(a) || a - b },
    price: { key: price, compare: (a, b) => price(a) - price(b) || tgAt(b) - tgAt(a) || a - b },
    cost: { key: cost, compare: (a, b) => (cost(a) === cost(b) ? 0 : cost(a) - cost(b)) || tgAt(b) - tgAt(a) || a - b },
    first_token: {
      key: firstTokenAt,
      compare: (a, b) => firstTokenAt(a) - firstTokenAt(b) || tgAt(b) - tgAt(a) || a - b,
    },
  };
  return rankings[priority];
}

/** One question's speeds by machine position, from the shared assessments. */
function speedsOf(
  advisor: Advisor,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): (position: number) => number {
  return (position) => {
    const indexed = advisor.machines[position];
    return indexed ? sharedSpeed(advisor, indexed, spec, workload, memo) : 0;
  };
}

function firstTokensOf(
  advisor: Advisor,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): (position: number) => number {
  return (position) => {
    const indexed = advisor.machines[position];
    return indexed ? sharedFirstTokenSeconds(advisor, indexed, spec, workload, memo) : Number.POSITIVE_INFINITY;
  };
}

function finish(
  advisor: Advisor,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
  indexed: IndexedMachine,
  rank: number,
  reason: (pick: Pick) => PickReason,
  variants: readonly number[] = [],
): Pick {
  const machine = indexed.machine;
  const estimate = sharedEstimate(advisor, indexed, spec, workload, memo);
  const cost = runningCostOf(advisor, machine, estimate);
  const tg = estimate.tg?.tokensPerSecond ?? 0;
  const pick: Pick = {
    machine: indexed.summary,
    estimate,
    measurements: measurementsOf(advisor, machine, estimate),
    rank,
    tgPer1000Eur: (tg / indexed.summary.priceEur) * 1000,
    reason: { code: 'cheapest-over-budget', priceEur: indexed.summary.priceEur },
    ...(cost ? { runningCost: cost } : {}),
    ...(variants.length === 0
      ? {}
      : {
          variants: variants.flatMap((position) => {
            const variant = advisor.machines[position];
            return variant ? [hostVariant(advisor, variant)] : [];
          }),
        }),
  };
  const configuration = machine.configuration;
  const member = configuration?.kind === 'cluster' ? advisor.catalog.machine(configuration.member) : undefined;
  if (configuration?.kind === 'cluster' && member) {
    const alone = estimateFor(advisor, member, spec, estimate.workload);
    const memberTg = alone.fits ? alone.tg?.tokensPerSecond : undefined;
    pick.cluster = {
      nodes: configuration.nodes,
      memberId: member.id,
      ...(memberTg === undefined ? {} : { memberTgTokensPerSecond: memberTg }),
      slowerThanOneNode: memberTg !== undefined && memberTg >= tg,
    };
  }
  return { ...pick, reason: reason(pick) };
}

function tgOf(pick: Pick): number {
  return pick.estimate.tg?.tokensPerSecond ?? 0;
}

function reasonFor(pick: Pick, priority: Priority, rank: number, budgetEur: number | undefined): PickReason {
  const estimate = pick.estimate;
  const measured = pick.measurements[0]?.tgTokensPerSecond;
  const running = pick.runningCost;
  const wait = estimate.queuedTimeToFirstTokenSeconds ?? estimate.timeToFirstTokenSeconds;
  const cluster = pick.cluster;
  return {
    code: 'ranked',
    priority,
    rank,
    tgTokensPerSecond: tgOf(pick),
    users: estimate.workload.users ?? 1,
    placement: estimate.placement.kind,
    tgPer1000Eur: pick.tgPer1000Eur,
    headroomGb: estimate.memory.headroomGb,
    ...(priority === 'first_token' && wait !== undefined
      ? { firstToken: { seconds: wait, promptTokens: estimate.workload.promptTokens } }
      : {}),
    ...(priority === 'cost' && running
      ? { ownership: { totalCostEur: running.totalCostEur, years: running.settings.years } }
      : {}),
    ...(budgetEur === undefined ? {} : { underBudgetEur: budgetEur - pick.machine.priceEur }),
    ...(measured === undefined ? {} : { measuredTgTokensPerSecond: measured }),
    ...(cluster
      ? {
          cluster: {
            nodes: cluster.nodes,
            ...(cluster.memberTgTokensPerSecond === undefined
              ? {}
              : { memberTgTokensPerSecond: cluster.memberTgTokensPerSecond }),
          },
        }
      : {}),
  };
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

/** The catalog model with the most parameters that some machine within budget runs, at the same quantization. */
function largestModelWithin(
  advisor: Advisor,
  spec: ModelSpec,
  workload: Workload,
  query: RecommendQuery,
): RecommendResult['largestModelInBudget'] {
  const quantization = advisor.catalog.quantization(spec.quantization) ?? advisor.catalog.quantization('Q4_K_M');
  if (!quantization) return undefined;
  const affordable: number[] = [];
  let largestCeilingGb = 0;
  advisor.machines.forEach((indexed, position) => {
    if (
      (query.category !== undefined && indexed.machine.category !== query.category) ||
      indexed.summary.priceEur > (query.budgetEur ?? Number.POSITIVE_INFINITY)
    )
      return;
    if (notBuyableReason(indexed.summary.availability, indexed.summary.priceMarket) !== undefined) return;
    affordable.push(position);
    largestCeilingGb = Math.max(largestCeilingGb, indexed.memoryCeilingGb);
  });
  const models = [...advisor.catalog.models].sort((a, b) => b.params_b - a.params_b);
  for (const model of models) {
    if (model.id === spec.id) continue;
    const resolved = advisor.estimator.resolveModel({ model: model.id, quant: quantization.id });
    if (!resolved.ok) continue;
    const context = { ...workload, contextTokens: Math.min(workload.contextTokens, model.native_context) };
    // Memory first: a model no affordable machine can hold is not worth assessing on each.
    if (advisor.estimator.memoryNeededGb(resolved.value, context.contextTokens) > largestCeilingGb) continue;
    // A side question: its estimates are not kept, so they do not push real questions out of the cache.
    const memo = new QuestionMemo(advisor.hardwareGroups);
    const tgAt = speedsOf(advisor, resolved.value, context, memo);
    const fastest = rankingFor(advisor, 'speed', tgAt).compare;
    let best: number | undefined;
    for (const position of affordable) {
      const speed = tgAt(position);
      if (speed === 0 || (query.minTgTokensPerSecond !== undefined && speed < query.minTgTokensPerSecond)) continue;
      if (best === undefined || fastest(position, best) < 0) best = position;
    }
    const bestMachine = best === undefined ? undefined : advisor.machines[best];
    if (bestMachine) {
      return {
        modelId: model.id,
        name: model.name,
        quantization: quantization.id,
        pick: finish(advisor, resolved.value, context, memo, bestMachine, 1, (pick) => ({
          code: 'largest-in-budget',
          modelName: model.name,
          quantization: quantization.id,
          tgTokensPerSecond: tgOf(pick),
          priceEur: pick.machine.priceEur,
        })),
      };
    }
  }
  return undefined;
}
