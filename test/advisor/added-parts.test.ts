/**
 * A build or eGPU set-up whose added GPU the estimate does not use, or that makes it no
 * faster, is never ranked above the machine without it (QA first-use #14).
 */
import { describe, expect, it } from 'vitest';
import { createAdvisor, recommend, type RecommendResult } from '../../src/advisor/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value;
}

const ids = (result: RecommendResult) => result.picks.map((pick) => pick.machine.id);

describe('set-ups whose added part adds nothing', () => {
  const advisor = createAdvisor(fixtureCatalog());

  it('drops a second card when one card already holds the whole model', () => {
    // 8B at Q4_0 is ~4.5 GB: one 24 GB card holds it, and a second card only splits the same
    // layers in a pipeline, so generation is no faster for 700 EUR more.
    const result = unwrap(recommend(advisor, { model: 'test-dense-8b', quant: 'Q4_0', limit: 25 }));
    expect(ids(result)).toContain('build-test-build-1x-test-gpu-used');
    expect(ids(result)).not.toContain('build-test-build-2x-test-gpu-used');
    expect(result.excluded.find((exclusion) => exclusion.kind === 'adds-nothing')?.examples).toEqual([
      'build-test-build-2x-test-gpu-used',
    ]);
  });

  it('keeps a second card that lets the model leave system RAM', () => {
    // 70B at Q4_0 is ~40 GB: one 24 GB card spills to RAM, two hold it.
    const result = unwrap(recommend(advisor, { model: 'test-dense-70b', quant: 'Q4_0', limit: 25 }));
    const one = result.picks.find((pick) => pick.machine.id === 'build-test-build-1x-test-gpu-used');
    const two = result.picks.find((pick) => pick.machine.id === 'build-test-build-2x-test-gpu-used');
    expect(two?.estimate.placement.kind).toBe('multi-gpu');
    expect(two?.rank).toBeLessThan(one?.rank ?? 0);
  });

  it('on the live catalog, no pick with a host is ever as slow as the host (QA #14 query and others)', async () => {
    const live = await liveAdvisor();
    const queries = [
      {
        model: 'gpt-oss-120b',
        quant: 'MXFP4',
        contextTokens: 32768,
        promptTokens: 8000,
        budgetEur: 5000,
        priority: 'price' as const,
        minTgTokensPerSecond: 40,
      },
      { model: 'gpt-oss-120b', quant: 'MXFP4', priority: 'value' as const },
      { model: 'llama-3.1-8b', quant: 'Q4_K_M', priority: 'price' as const },
      // The lab persona: four RTX PRO 5000s estimated 1e-14 tok/s faster than three once ranked above them.
      { model: 'qwen3-235b-a22b', quant: 'Q4_K_M', contextTokens: 32768, budgetEur: 30000, users: 5 },
    ];
    for (const query of queries) {
      const result = unwrap(recommend(live, { ...query, limit: 25 }));
      const tgById = new Map(result.picks.map((pick) => [pick.machine.id, pick.estimate.tg?.tokensPerSecond ?? 0]));
      for (const pick of result.picks) {
        const configuration = live.catalog.machine(pick.machine.id)?.configuration;
        // What the set-up adds parts to: the same build with one card fewer, else its base or host.
        const fewerCards =
          configuration?.kind === 'build' && configuration.gpuCount > 1
            ? `build-${configuration.template}-${configuration.gpuCount - 1}x-${configuration.gpuOffer}`
            : undefined;
        const host =
          configuration?.kind === 'egpu'
            ? configuration.host
            : configuration?.kind === 'build'
              ? configuration.base
              : undefined;
        for (const smaller of [fewerCards, host]) {
          const smallerTg = smaller === undefined ? undefined : tgById.get(smaller);
          if (smallerTg !== undefined)
            expect(pick.estimate.tg?.tokensPerSecond ?? 0, `${pick.machine.id} vs ${smaller ?? ''}`).toBeGreaterThan(
              smallerTg * (1 + 1e-9),
            );
        }
      }
      // The host of QA #14's eGPU set-ups is among the picks, so the check above meets them.
      if (query.minTgTokensPerSecond !== undefined) expect(ids(result)).toContain('gmktec-evo-x2-128gb');
    }
  }, 60_000);
});

describe('the hobbyist persona (QA first-use §3)', () => {
  it('/recommend model_size_gb:10 budget:1500 ranks at least 5 machines, a discrete-GPU desktop among them', async () => {
    const live = await liveAdvisor();
    const result = unwrap(recommend(live, { modelSizeGb: 10, budgetEur: 1500 }));
    expect(result.picks.length).toBeGreaterThanOrEqual(5);
    for (const pick of result.picks) expect(pick.machine.priceEur).toBeLessThanOrEqual(1500);
    const desktops = result.picks.filter(
      (pick) => pick.machine.category === 'desktop' && (live.catalog.machine(pick.machine.id)?.gpus.length ?? 0) > 0,
    );
    expect(desktops.length).toBeGreaterThan(0);
  }, 60_000);
});
