/** D12: every value Discord lets through an option's bounds is one the estimator accepts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { modelOptions } from '../../commands/options.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

describe('model_size_gb', () => {
  it('accepts both ends of the range Discord allows', () => {
    const option = modelOptions.find((candidate) => candidate.name === 'model_size_gb');
    const bounds = option && 'min_value' in option ? [option.min_value, option.max_value] : [];
    expect(bounds).toHaveLength(2);
    for (const sizeGb of bounds) {
      if (typeof sizeGb !== 'number') throw new Error('model_size_gb must have numeric bounds');
      expect(advisor.estimator.resolveModel({ sizeGb }).ok, `model_size_gb ${sizeGb}`).toBe(true);
    }
  });
});
