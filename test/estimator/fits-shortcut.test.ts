import { describe, expect, it } from 'vitest';
import { defaultWorkload, type Workload } from '../../src/estimator/index.ts';
import { fits } from '../../src/estimator/estimate.ts';
import { candidatePlacements, memoryNeed } from '../../src/estimator/placement.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

describe('fits', () => {
  it('says what placing says, on every live machine for every model, engine and backend asked', async () => {
    const advisor = await liveAdvisor();
    const workloads: Workload[] = [
      defaultWorkload,
      { ...defaultWorkload, contextTokens: 131_072, users: 4 },
      { ...defaultWorkload, engine: 'gpu' },
      { ...defaultWorkload, engine: 'cpu' },
      { ...defaultWorkload, backend: 'cpu' },
      { ...defaultWorkload, backend: 'vulkan' },
    ];
    const profiles = [...new Map(advisor.machines.map((indexed) => [indexed.hardwareGroup, indexed.profile])).values()];
    const specs = advisor.catalog.models.flatMap((model) => {
      const resolved = advisor.estimator.resolveModel({ model: model.id, quant: 'Q4_K_M' });
      return resolved.ok ? [resolved.value] : [];
    });
    const answers = { fit: 0, not: 0 };
    for (const profile of profiles)
      for (const spec of specs)
        for (const workload of workloads) {
          const contextTokens = Math.max(
            workload.contextTokens,
            workload.depthTokens + workload.promptTokens + workload.generatedTokens,
          );
          const need = memoryNeed(spec, contextTokens, workload.kvCache, workload.users);
          const request = { engine: workload.engine, ...(workload.backend ? { backend: workload.backend } : {}) };
          const placed = candidatePlacements(profile, need, request).some((placement) => placement.fits);
          if (fits(profile, spec, workload) !== placed)
            throw new Error(`fits disagrees with placing: ${profile.id} ${spec.id} ${JSON.stringify(workload)}`);
          answers[placed ? 'fit' : 'not'] += 1;
        }
    // Both answers occur, so neither path is left untested.
    expect(answers.fit).toBeGreaterThan(100);
    expect(answers.not).toBeGreaterThan(100);
  });
});
