import { describe, expect, it } from 'vitest';
import { compare, createAdvisor, recommend, specs, type CompareResult } from '../../src/advisor/index.ts';
import { fixtureCatalog, fixtureTexts, parseFixture } from '../helpers/catalog.ts';
import { reasonText, userProblemText } from '../../src/format/index.ts';

/** A pick's reason in the words both fronts print; empty when there is no pick. */
const reasonWords = (pick?: { reason: Parameters<typeof reasonText>[0] }): string =>
  pick ? reasonText(pick.reason) : '';

const advisor = createAdvisor(fixtureCatalog());
const seventyB = { model: 'test-dense-70b', quant: 'Q4_0' };
/** The products of machines.yaml alone, without the builds, eGPUs and clusters of builds.yaml. */
const productsOnly = { allowBuilds: false, allowClusters: false } as const;

function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value;
}

describe('recommend', () => {
  it('drops machines over budget and says how many', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, ...productsOnly, budgetEur: 2500 }));
    // test-desktop-gpu costs 3000 EUR; the mini (2000) and the CPU desktop (1000 USD × 0.8 × 1.25 VAT = 1000 EUR) remain
    expect(result.picks.map((pick) => pick.machine.id).sort()).toEqual(['test-desktop-cpu', 'test-mini']);
    expect(result.excluded.find((exclusion) => exclusion.kind === 'over-budget')).toMatchObject({
      count: 1,
      examples: ['test-desktop-gpu'],
    });
  });

  it('prices a US list price as an EU buyer pays: converted, then VAT added', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, priority: 'price' }));
    // 1000 USD × 0.8 EUR/USD = 800 EUR before tax; + 25 % VAT = 1000 EUR.
    expect(result.picks[0]?.machine).toMatchObject({
      id: 'test-desktop-cpu',
      priceEur: 1000,
      priceBasisCode: { code: 'us-list-plus-vat', vatPercent: 25 },
      originalPrice: { amount: 1000, currency: 'USD' },
    });
  });

  it('ranks by speed, value or price as asked', () => {
    for (const priority of ['speed', 'value', 'price'] as const) {
      const picks = unwrap(recommend(advisor, { ...seventyB, priority })).picks;
      const key = {
        speed: (index: number) => -(picks[index]?.estimate.tg?.tokensPerSecond ?? 0),
        value: (index: number) => -(picks[index]?.tgPer1000Eur ?? 0),
        price: (index: number) => picks[index]?.machine.priceEur ?? 0,
      }[priority];
      for (let index = 1; index < picks.length; index += 1) expect(key(index)).toBeGreaterThanOrEqual(key(index - 1));
      expect(picks.map((pick) => pick.rank)).toEqual(picks.map((_, index) => index + 1));
    }
  });

  it('drops machines that cannot hold the model at the requested context', () => {
    // F16 70B: 140 GB of weights, more than any fixture machine holds
    const result = unwrap(recommend(advisor, { model: 'test-dense-70b', quant: 'F16', ...productsOnly }));
    expect(result.picks).toEqual([]);
    expect(result.excluded.find((exclusion) => exclusion.kind === 'does-not-fit')).toMatchObject({ count: 3 });
  });

  it('answers an empty result with the cheapest machine that would run it', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, ...productsOnly, budgetEur: 500 }));
    expect(result.picks).toEqual([]);
    expect(result.cheapestOverBudget?.machine.id).toBe('test-desktop-cpu');
  });

  it('answers an empty result with the largest model the budget runs', () => {
    // 70B F16 fits nowhere; the 30B MoE at F16 (60 GB) fits the 1000 EUR CPU desktop (128 GB)
    const result = unwrap(
      recommend(advisor, { model: 'test-dense-70b', quant: 'F16', ...productsOnly, budgetEur: 1500 }),
    );
    expect(result.largestModelInBudget).toMatchObject({
      modelId: 'test-moe-30b-a3b',
      quantization: 'F16',
      pick: { machine: { id: 'test-desktop-cpu' } },
    });
  });

  it('filters on the minimum generation speed', () => {
    const all = unwrap(recommend(advisor, { ...seventyB, ...productsOnly })).picks;
    const slowest = Math.min(...all.map((pick) => pick.estimate.tg?.tokensPerSecond ?? 0));
    const result = unwrap(recommend(advisor, { ...seventyB, ...productsOnly, minTgTokensPerSecond: slowest + 0.01 }));
    expect(result.picks).toHaveLength(all.length - 1);
    expect(result.excluded.find((exclusion) => exclusion.kind === 'too-slow')?.count).toBe(1);
  });

  it('pages with an offset', () => {
    const page = unwrap(recommend(advisor, { ...seventyB, ...productsOnly, limit: 1, offset: 1 }));
    expect(page.picks.map((pick) => pick.rank)).toEqual([2]);
    expect(page.qualifying).toBe(3);
  });

  it('refuses a context beyond what the model handles, naming the limit', () => {
    const outcome = recommend(advisor, { model: 'test-moe-30b-a3b', quant: 'Q4_0', contextTokens: 65536 });
    expect(outcome).toEqual({
      ok: false,
      error: {
        problem: {
          code: 'context-over-native',
          modelName: 'Test MoE 30B A3B',
          nativeContext: 32768,
          contextTokens: 65536,
        },
        suggestions: ['32768'],
      },
    });
    expect(outcome.ok ? '' : userProblemText(outcome.error.problem)).toBe(
      'Test MoE 30B A3B handles at most 32768 tokens of context; 65536 is more',
    );
  });

  it('refuses a negative budget', () => {
    const outcome = recommend(advisor, { ...seventyB, budgetEur: -1 });
    expect(outcome.ok).toBe(false);
  });

  it('suggests close model ids', () => {
    const outcome = recommend(advisor, { model: 'test-dense-7b', quant: 'Q4_0' });
    expect(outcome.ok ? [] : outcome.error.suggestions).toContain('test-dense-70b');
  });
});

describe('builds, eGPUs and clusters', () => {
  it('ranks builds beside the products and prices them from their parts', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, allowClusters: false, limit: 25 }));
    const build = result.picks.find((pick) => pick.machine.id === 'build-test-build-2x-test-gpu-used');
    // base 1000 EUR (1200 USD) + 2 × 700 EUR used GPU + 200 EUR for the 1200 W supply the second card needs
    expect(build?.machine.priceEur).toBe(2600);
  });

  it('offers a cluster only when no single machine or build holds the model', () => {
    const single = unwrap(recommend(advisor, { ...seventyB, limit: 25 }));
    expect(single.picks.some((pick) => pick.machine.id.startsWith('cluster-'))).toBe(false);
    expect(single.excluded.find((exclusion) => exclusion.kind === 'clusters-held-back')?.count).toBe(1);

    // 70B at F16 needs ~145 GB: more than any one fixture machine, not more than two 128 GB minis
    const large = unwrap(recommend(advisor, { model: 'test-dense-70b', quant: 'F16', allowBuilds: false }));
    expect(large.picks.map((pick) => pick.machine.id)).toEqual(['cluster-2x-test-mini-usb4']);
    expect(large.picks[0]?.cluster).toMatchObject({ nodes: 2, memberId: 'test-mini', slowerThanOneNode: false });
    expect(large.picks[0]?.reason).toMatchObject({ code: 'ranked', cluster: { nodes: 2 } });
    expect(reasonWords(large.picks[0])).toMatch(/2 nodes hold what one cannot/);
  });

  it('says plainly when a cluster is slower per token than one of its nodes', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, allowBuilds: false, allowClusters: true, limit: 25 }));
    const cluster = result.picks.find((pick) => pick.machine.id === 'cluster-2x-test-mini-usb4');
    const alone = result.picks.find((pick) => pick.machine.id === 'test-mini');
    expect(cluster?.cluster?.slowerThanOneNode).toBe(true);
    expect(cluster?.estimate.tg?.tokensPerSecond).toBeLessThan(alone?.estimate.tg?.tokensPerSecond ?? 0);
    expect(reasonWords(cluster)).toMatch(/slower per token than one node alone/);
  });
});

describe('compare', () => {
  it('marks the cheaper machine on price and the faster on generation', () => {
    const result = unwrap(
      compare(advisor, { machineA: 'test-mini', machineB: 'test-desktop-gpu', model: 'test-dense-8b', quant: 'Q4_0' }),
    );
    const row = (key: string) =>
      [...result.specRows, ...result.estimateRows].find((candidate) => candidate.key === key);
    expect(row('price')).toMatchObject({ a: 2000, b: 3000, better: 'a' });
    expect(row('bandwidth')).toMatchObject({ a: 256, b: 96, better: 'a' });
    // the GPU reads 960 GB/s against the mini's 256: it generates faster
    expect(row('tg')?.better).toBe('b');
  });

  it('marks the machine that fits as better when only one does', () => {
    const result = unwrap(
      compare(advisor, {
        machineA: 'test-desktop-gpu',
        machineB: 'test-desktop-cpu',
        model: 'test-dense-70b',
        quant: 'Q8_0',
        contextTokens: 65536,
      }),
    );
    // 74.4 GB of weights + 21.5 GB of KV (2 × 80 × 8 × 128 × 65536 × 2 bytes) + 2 GB of buffers = 97.9 GB:
    // more than the GPU desktop's 23.5 GB VRAM + 58.9 GB usable RAM, less than the CPU desktop's 117.8 GB
    expect(result.estimateRows.find((row) => row.key === 'fits')).toMatchObject({ a: 'no', b: 'yes', better: 'b' });
    expect(result.betterValue).toBe('b');
  });

  it('shows the watts its electricity rows use, and price per tok/s even without a power figure (QA #18, #19)', () => {
    const row = (result: CompareResult, key: string) =>
      [...result.specRows, ...result.estimateRows].find((candidate) => candidate.key === key);
    // test-desktop-gpu has no power figure; with a 100 W rating on its CPU its watts are estimated as
    // 100 W CPU + 350 W card + 30 W board = 480 W, and the power row must show those same watts.
    const rated = parseFixture({
      chips: fixtureTexts().chips.replace(
        '  - id: test-cpu\n',
        '  - id: test-cpu\n    tdp_w: { watts: 100, source: "estimate: test fixture with round numbers" }\n',
      ),
    });
    if (!rated.ok) throw new Error(JSON.stringify(rated.problems));
    const estimated = unwrap(
      compare(createAdvisor(rated.catalog), {
        machineA: 'test-desktop-gpu',
        machineB: 'test-desktop-cpu',
        model: 'test-dense-8b',
        quant: 'Q4_0',
      }),
    );
    expect(estimated.a.runningCost?.loadWatts).toBe(480);
    expect(row(estimated, 'power')).toMatchObject({ a: 480, b: 250 });
    // test-mini has no power figure and no rated chip power: no electricity, but price per tok/s is price / speed.
    const unknown = unwrap(
      compare(advisor, { machineA: 'test-mini', machineB: 'test-desktop-cpu', model: 'test-dense-8b', quant: 'Q4_0' }),
    );
    expect(unknown.a.runningCost).toBeUndefined();
    expect(row(unknown, 'power')).toMatchObject({ a: null });
    expect(row(unknown, 'eur-per-tps')?.a).toBeCloseTo(
      2000 / (unknown.a.estimate.tg?.tokensPerSecond ?? Number.NaN),
      6,
    );
  });

  it('refuses to compare a machine with itself', () => {
    expect(compare(advisor, { machineA: 'test-mini', machineB: 'test-mini' }).ok).toBe(false);
  });
});

describe('specs', () => {
  it('puts the asked model first, then the standard sizes the catalog has', () => {
    const result = unwrap(specs(advisor, { machine: 'test-mini', model: 'test-dense-8b', quant: 'Q4_0' }));
    expect(result.estimates[0]?.estimate.model.id).toBe('test-dense-8b');
    expect(result.estimates.map((entry) => entry.estimate.model.id)).toContain('size-10gb');
  });

  it('lists published measurements of the same machine and of the same GPU card', () => {
    expect(unwrap(specs(advisor, { machine: 'test-mini' })).measurements).toEqual([
      expect.objectContaining({ benchmarkId: 'test-mini-dense-8b-q4', match: 'same machine' }),
    ]);
    expect(unwrap(specs(advisor, { machine: 'test-desktop-gpu' })).measurements).toEqual([
      expect.objectContaining({ benchmarkId: 'test-gpu-dense-8b-q4', match: 'same chip' }),
    ]);
    expect(unwrap(specs(advisor, { machine: 'test-desktop-cpu' })).measurements).toEqual([]);
  });

  it('suggests close machine ids for an unknown one', () => {
    const outcome = specs(advisor, { machine: 'test-mimi' });
    expect(outcome.ok ? undefined : outcome.error.problem).toEqual({ code: 'unknown-machine', typed: 'test-mimi' });
    expect(outcome.ok ? undefined : userProblemText(outcome.error.problem)).toBe('unknown machine "test-mimi"');
    expect(outcome.ok ? undefined : outcome.error.suggestions[0]).toBe('test-mini');
  });
});

describe('shared estimates across requests', () => {
  it('answers a repeated question (as "Show more" asks it) exactly as the first time', () => {
    const fresh = createAdvisor(fixtureCatalog());
    const first = unwrap(recommend(fresh, { ...seventyB, limit: 2 }));
    const again = unwrap(recommend(fresh, { ...seventyB, limit: 2 }));
    expect(again).toEqual(first);
    const nextPage = unwrap(recommend(fresh, { ...seventyB, limit: 2, offset: 2 }));
    expect(nextPage.picks.map((pick) => pick.rank)).toEqual([3, 4]);
  });

  it('keeps the estimates of at most 16 questions', () => {
    const fresh = createAdvisor(fixtureCatalog());
    for (let context = 1024; context < 1024 + 100; context += 1)
      recommend(fresh, { ...seventyB, contextTokens: context });
    expect(fresh.memos.size).toBe(16);
  });
});
