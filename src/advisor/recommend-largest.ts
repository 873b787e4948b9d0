/** When nothing qualifies: the largest catalog model the budget runs instead. */
import { notBuyableReason } from '../catalog/price.ts';
import type { ModelSpec, Workload } from '../estimator/index.ts';
import type { Advisor } from './advisor.ts';
import { QuestionMemo } from './question-memo.ts';
import { finish, rankingFor, speedsOf, tgOf } from './recommend-picks.ts';
import type { RecommendQuery, RecommendResult } from './recommend-types.ts';

/** The catalog model with the most parameters that some machine within budget runs, at the same quantization. */
export function largestModelWithin(
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
