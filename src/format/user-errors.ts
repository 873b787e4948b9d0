/** What the user asked wrongly, in words: the core returns the problem as a code with its numbers. */
import type { Refusal, UserError, UserProblem } from '../advisor/outcome.ts';

export function userProblemText(problem: UserProblem): string {
  switch (problem.code) {
    case 'unknown-machine':
      return `unknown machine "${problem.typed}"`;
    case 'same-machine':
      return 'pick two different machines to compare';
    case 'model-and-size':
      return 'give model or model_size_gb, not both';
    case 'params-without-size':
      return 'params_b describes a model together with its file size: add model_size_gb';
    case 'no-model':
      return 'name a model (model) or its file size in GB (model_size_gb)';
    case 'unknown-model':
      return `unknown model "${problem.typed}"`;
    case 'unknown-quantization':
      return `unknown quantization "${problem.typed}"`;
    case 'model-size-range':
      return `a model size is a number of GB between 0 and ${problem.maxGb}`;
    case 'active-over-total':
      return `active_params_b (${problem.activeParamsBillions}) cannot exceed params_b (${problem.paramsBillions})`;
    case 'bits-per-weight-range':
      return `${problem.sizeGb} GB for ${problem.paramsBillions} B parameters is ${problem.bitsPerWeight.toFixed(2)} bits per weight; a model file holds ${problem.minBits} to ${problem.maxBits}`;
    case 'context-range':
      return `context must be a whole number of tokens, at least ${problem.minTokens} (got ${problem.contextTokens})`;
    case 'context-over-native':
      return `${problem.modelName} handles at most ${problem.nativeContext} tokens of context; ${problem.contextTokens} is more`;
    case 'prompt-range':
      return `prompt_tokens must be a whole number of at least 1 (got ${problem.promptTokens})`;
    case 'prompt-over-context':
      return `prompt_tokens ${problem.promptTokens} does not fit in context ${problem.contextTokens}: raise context to at least ${problem.neededTokens} (the prompt plus ${problem.generatedTokens} generated tokens)`;
    case 'users-range':
      return `users is a whole number from 1 to ${problem.maxUsers} (got ${problem.users})`;
    case 'kv-cache-choice':
      return `kv_cache is one of ${problem.choices.join(', ')}`;
    case 'backend-choice':
      return `backend is one of ${problem.choices.join(', ')}`;
    case 'budget-range':
      return `budget is in EUR, more than 0 and at most ${problem.maxBudgetEur}`;
    case 'min-speed-range':
      return `min_speed is tokens per second, from 0 to ${problem.maxTokensPerSecond}`;
    case 'priority-choice':
      return `priority is one of ${problem.choices.join(', ')}`;
  }
}

/** A refusal of the core as the fronts show it: the sentence and the suggestions. */
export function userErrorOf(refusal: Refusal): UserError {
  return { message: userProblemText(refusal.problem), suggestions: refusal.suggestions };
}
