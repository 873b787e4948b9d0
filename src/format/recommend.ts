/** /recommend's words: what was left out and why, the same in Discord and the terminal. */
import type { Exclusion, RecommendResult } from '../advisor/index.ts';
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
