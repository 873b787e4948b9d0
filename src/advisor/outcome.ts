/** Errors as values: what the user asked wrongly, returned to the front that shows it. */
import type { ModelProblem } from '../estimator/index.ts';

/** A mistake in what the user asked, as a code and its figures (src/format/user-errors.ts words it). */
export type UserProblem =
  | ModelProblem
  | { code: 'unknown-machine'; typed: string }
  | { code: 'same-machine' }
  | { code: 'model-and-size' }
  | { code: 'params-without-size' }
  | { code: 'no-model' }
  | { code: 'context-range'; contextTokens: number; minTokens: number }
  | { code: 'context-over-native'; modelName: string; nativeContext: number; contextTokens: number }
  | { code: 'prompt-range'; promptTokens: number }
  | {
      code: 'prompt-over-context';
      promptTokens: number;
      contextTokens: number;
      neededTokens: number;
      generatedTokens: number;
    }
  | { code: 'users-range'; users: number; maxUsers: number }
  | { code: 'kv-cache-choice'; choices: readonly string[] }
  | { code: 'backend-choice'; choices: readonly string[] }
  | { code: 'budget-range'; maxBudgetEur: number }
  | { code: 'min-speed-range'; maxTokensPerSecond: number }
  | { code: 'priority-choice'; choices: readonly string[] };

/** The core's answer to a question it cannot take: what was wrong, and close matches or allowed values. */
export interface Refusal {
  problem: UserProblem;
  suggestions: string[];
}

/** A mistake as the fronts show it, worded (src/format/user-errors.ts for the core's): shown, never thrown. */
export interface UserError {
  message: string;
  /** Close matches or allowed values. */
  suggestions: string[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Refusal };

export const userError = (problem: UserProblem, suggestions: string[] = []): { ok: false; error: Refusal } => ({
  ok: false,
  error: { problem, suggestions },
});
