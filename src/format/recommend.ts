/** /recommend's words: what was left out and why, the same in Discord and the terminal. */
import type { Exclusion, PickReason, Priority, RecommendResult } from '../advisor/index.ts';
import type { PlacementKind } from '../estimator/placement.ts';
import { formatEur, formatNumber, formatTokens } from './number.ts';

/** What an exclusion's words depend on: the question as the result states it. */
export type ExclusionQuestion = Pick<
  RecommendResult,
  'model' | 'workload' | 'priority' | 'category' | 'budgetEur' | 'minTgTokensPerSecond'
>;

/** Exclusions whose words name their examples; the others may be followed by a few names. */
const namesItsExamples: ReadonlySet<Exclusion['kind']> = new Set(['not-sold-new', 'announced']);

export const exclusionNamesExamples = (kind: Exclusion['kind']): boolean => namesItsExamples.has(kind);

/**
 * "3 cannot hold Llama 3.3 70B Q4_K_M at 32,768 tokens of context": numbers grouped as everywhere else in the reply. `names` stand for the
 * examples as the front shows machines (ids in the terminal, short names in Discord).
 */
export function exclusionText(
  exclusion: Exclusion,
  question: ExclusionQuestion,
  names: readonly string[] = exclusion.examples,
): string {
  const { count } = exclusion;
  const examples = `${names.slice(0, 3).join(', ')}${count > 3 ? ', …' : ''}`;
  const label = `${question.model.name} ${question.model.quantization} at ${formatTokens(question.workload.contextTokens)} tokens of context`;
  switch (exclusion.kind) {
    case 'category':
      return `${count} not in category ${question.category ?? ''}`;
    case 'not-sold-new':
      return `${count} no longer sold new and without a sourced used price (${examples})`;
    case 'announced':
      return `${count} announced but not on sale yet (${examples})`;
    case 'builds-off':
      return `${count} builds and eGPU configurations left out (allow_builds:false)`;
    case 'adds-nothing':
      return `${count} whose added GPU makes it no ${question.priority === 'first_token' ? 'quicker to a first token' : 'faster'}`;
    case 'same-gpus':
      return `${count} with a cheaper pick's GPUs and estimate, on a dearer host`;
    case 'clusters-off':
      return `${count} clusters left out (allow_clusters:false)`;
    case 'clusters-held-back':
      return `${count} clusters also qualify but are not shown while single machines do (allow_clusters:true to rank them)`;
    case 'does-not-fit':
      return `${count} cannot hold ${label}`;
    case 'over-budget':
      return `${count} would run it but cost more than ${formatEur(question.budgetEur ?? 0)}`;
    case 'too-slow':
      return `${count} run it slower than ${formatNumber(question.minTgTokensPerSecond ?? 0)} tok/s`;
  }
}

/**
 * The same exclusion in the few words a phone has room for: "126 over 3,000 EUR", "9 cannot hold
 * it", "1 no longer sold new". The question itself is said above the list, so it is not repeated.
 */
export function exclusionShortText(exclusion: Exclusion, question: ExclusionQuestion): string {
  const { count } = exclusion;
  switch (exclusion.kind) {
    case 'category':
      return `${count} not ${question.category ?? ''}`;
    case 'not-sold-new':
      return `${count} no longer sold new, no used price`;
    case 'announced':
      return `${count} not on sale yet`;
    case 'builds-off':
      return `${count} builds and eGPU set-ups (allow_builds:false)`;
    case 'adds-nothing':
      return `${count} whose added GPU makes it no ${question.priority === 'first_token' ? 'quicker' : 'faster'}`;
    case 'same-gpus':
      return `${count} with a pick's GPUs on a dearer host`;
    case 'clusters-off':
      return `${count} cluster${count === 1 ? '' : 's'} (allow_clusters:false)`;
    case 'clusters-held-back':
      return `${count} cluster${count === 1 ? '' : 's'} while single machines qualify (allow_clusters:true ranks them)`;
    case 'does-not-fit':
      return `${count} cannot hold it`;
    case 'over-budget':
      return `${count} over ${formatEur(question.budgetEur ?? 0)}`;
    case 'too-slow':
      return `${count} under ${formatNumber(question.minTgTokensPerSecond ?? 0)} tok/s`;
  }
}

/**
 * Each exclusion as a count and a cause of two or three words, for the one line a phone's
 * answer has room for: "126 over budget", "9 cannot hold it", "1 no longer sold". The budget,
 * model and speed floor are in the question above it; the examples' names are one button away.
 */
export function exclusionCountText(exclusion: Exclusion, question: ExclusionQuestion): string {
  const { count } = exclusion;
  const plural = count === 1 ? '' : 's';
  switch (exclusion.kind) {
    case 'category':
      return `${count} not ${question.category ?? ''}`;
    case 'not-sold-new':
      return `${count} no longer sold`;
    case 'announced':
      return `${count} not on sale yet`;
    case 'builds-off':
      return `${count} build${plural} (allow_builds:false)`;
    case 'adds-nothing':
      return `${count} no ${question.priority === 'first_token' ? 'quicker' : 'faster'} for an added GPU`;
    case 'same-gpus':
      return `${count} a pick's GPUs on a dearer host`;
    case 'clusters-off':
      return `${count} cluster${plural} (allow_clusters:false)`;
    case 'clusters-held-back':
      return `${count} cluster${plural} (allow_clusters:true)`;
    case 'does-not-fit':
      return `${count} cannot hold it`;
    case 'over-budget':
      return `${count} over budget`;
    case 'too-slow':
      return `${count} too slow`;
  }
}

/** Where the model runs, as the reason's sentence says it. */
const reasonPlacement: Readonly<Record<PlacementKind, string>> = {
  gpu: 'on the GPU',
  'multi-gpu': 'split across the GPUs',
  'unified-gpu': 'on the iGPU in unified memory',
  'gpu+igpu': 'split between the eGPU and the iGPU',
  'gpu+cpu': 'partly spilled to system RAM',
  'gpu+cpu-experts': 'on the GPU with the routed experts in system RAM',
  cpu: 'on the CPU',
};

function rankWords(priority: Priority, rank: number): string {
  if (rank === 1)
    return {
      speed: 'fastest',
      value: 'best tokens/s per euro',
      price: 'cheapest that fits',
      cost: 'lowest cost over its first years',
      first_token: 'shortest wait for a first token',
    }[priority];
  return {
    speed: `#${rank} by speed`,
    value: `#${rank} by value`,
    price: `#${rank} by price`,
    cost: `#${rank} by cost of ownership`,
    first_token: `#${rank} by time to first token`,
  }[priority];
}

/**
 * A pick's reason in one sentence: "fastest: 9.6 tok/s split across the GPUs, 3.32 tok/s per
 * 1000 EUR, 20.9 GB headroom, 103 EUR under budget". The terminal prints it under each pick;
 * Discord's list shows the same numbers in its own three lines and leaves the sentence out.
 */
export function reasonText(reason: PickReason): string {
  const one = (value: number) => formatNumber(value, 1);
  switch (reason.code) {
    case 'cheapest-over-budget':
      return `the cheapest machine that runs it: ${formatEur(reason.priceEur)}`;
    case 'largest-in-budget':
      return `runs ${reason.modelName} ${reason.quantization} at ${one(reason.tgTokensPerSecond)} tok/s for ${formatEur(reason.priceEur)}`;
    case 'ranked':
      break;
  }
  const { users, cluster } = reason;
  const perUser = users > 1 ? ` per user (${users} at once)` : '';
  const prompt = reason.firstToken ? formatTokens(reason.firstToken.promptTokens) : '';
  const firstToken = reason.firstToken
    ? `, first token after ${formatNumber(reason.firstToken.seconds, 2)} s for ${users > 1 ? `the last of ${users} ${prompt}-token prompts sent together` : `a ${prompt}-token prompt`}`
    : '';
  const ownership = reason.ownership
    ? `, ${formatEur(reason.ownership.totalCostEur)} with ${reason.ownership.years} years of electricity`
    : '';
  const budget = reason.underBudgetEur === undefined ? '' : `, ${formatEur(reason.underBudgetEur)} under budget`;
  const measured =
    reason.measuredTgTokensPerSecond === undefined ? '' : `; measured ${one(reason.measuredTgTokensPerSecond)} tok/s`;
  const clusterNote = !cluster
    ? ''
    : cluster.memberTgTokensPerSecond === undefined
      ? `; ${cluster.nodes} nodes hold what one cannot`
      : `; slower per token than one node alone (${one(cluster.memberTgTokensPerSecond)} tok/s): the cluster only adds memory`;
  const nodes = cluster ? ` on ${cluster.nodes} nodes` : '';
  return `${rankWords(reason.priority, reason.rank)}: ${one(reason.tgTokensPerSecond)} tok/s${perUser} ${reasonPlacement[reason.placement]}${nodes}${firstToken}, ${formatNumber(reason.tgPer1000Eur, 2)} tok/s per 1000 EUR, ${one(reason.headroomGb)} GB headroom${ownership}${budget}${measured}${clusterNote}`;
}
