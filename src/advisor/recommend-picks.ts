/** Ranking the machines for a priority, and building a shown pick with its reason. */
import type { ModelSpec, Workload } from '../estimator/index.ts';
import type { Advisor, IndexedMachine } from './advisor.ts';
import { estimateFor, runningCostOf } from './estimate-machine.ts';
import { measurementsOf } from './measurements.ts';
import { sharedEstimate, sharedFirstTokenSeconds, sharedSpeed, type QuestionMemo } from './question-memo.ts';
import { hostVariant } from './variants.ts';
import type { Pick, PickReason, Priority } from './recommend-types.ts';

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

export function rankingFor(
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
export function speedsOf(
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

export function firstTokensOf(
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

export function finish(
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

export function tgOf(pick: Pick): number {
  return pick.estimate.tg?.tokensPerSecond ?? 0;
}

export function reasonFor(pick: Pick, priority: Priority, rank: number, budgetEur: number | undefined): PickReason {
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
