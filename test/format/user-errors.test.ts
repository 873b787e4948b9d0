/** The core refuses a question with a code and its figures; src/format says it as the fronts always have. */
import { describe, expect, it } from 'vitest';
import { createAdvisor, recommend, resolveModelQuery, resolveWorkload } from '../../src/advisor/index.ts';
import { userErrorOf, userProblemText } from '../../src/format/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const advisor = createAdvisor(fixtureCatalog());

function refusedWorkload(query: Parameters<typeof resolveWorkload>[1]) {
  const spec = resolveModelQuery(advisor, { model: 'test-dense-8b', quant: 'Q4_0' });
  if (!spec.ok) throw new Error(JSON.stringify(spec.error));
  const outcome = resolveWorkload(spec.value, query);
  if (outcome.ok) throw new Error('the workload was taken');
  return outcome.error;
}

describe('user errors as codes, worded by src/format', () => {
  it('asks for a context that holds the prompt and the 128 generated tokens', () => {
    const refusal = refusedWorkload({ contextTokens: 1024, promptTokens: 2000 });
    // 2000 prompt tokens + 128 generated = 2128.
    expect(refusal.problem).toEqual({
      code: 'prompt-over-context',
      promptTokens: 2000,
      contextTokens: 1024,
      neededTokens: 2128,
      generatedTokens: 128,
    });
    expect(userErrorOf(refusal)).toEqual({
      message:
        'prompt_tokens 2000 does not fit in context 1024: raise context to at least 2128 (the prompt plus 128 generated tokens)',
      suggestions: ['context:2128'],
    });
  });

  it('names the allowed range of users and the short context it was given', () => {
    expect(userProblemText(refusedWorkload({ users: 65 }).problem)).toBe(
      'users is a whole number from 1 to 64 (got 65)',
    );
    expect(userProblemText(refusedWorkload({ contextTokens: 100 }).problem)).toBe(
      'context must be a whole number of tokens, at least 256 (got 100)',
    );
  });

  it('says why figures typed for a model cannot describe one', () => {
    // 1 GB for 100 B parameters: 8 Gbit / 100 G = 0.08 bits per weight.
    const tiny = resolveModelQuery(advisor, { modelSizeGb: 1, paramsBillions: 100 });
    expect(tiny.ok ? '' : userProblemText(tiny.error.problem)).toBe(
      '1 GB for 100 B parameters is 0.08 bits per weight; a model file holds 1 to 33',
    );
    const moe = resolveModelQuery(advisor, { modelSizeGb: 10, paramsBillions: 10, activeParamsBillions: 20 });
    expect(moe.ok ? undefined : moe.error.problem).toEqual({
      code: 'active-over-total',
      activeParamsBillions: 20,
      paramsBillions: 10,
    });
  });

  it('lists the priorities a ranking takes', () => {
    const outcome = recommend(advisor, { model: 'test-dense-8b', quant: 'Q4_0', priority: 'fastest' as 'speed' });
    expect(outcome.ok ? '' : userProblemText(outcome.error.problem)).toBe(
      'priority is one of speed, value, price, cost, first_token',
    );
  });
});
