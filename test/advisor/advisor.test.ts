import { describe, expect, it } from 'vitest';
import { compare, createAdvisor, recommend, specs } from '../../src/advisor/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const advisor = createAdvisor(fixtureCatalog());
const seventyB = { model: 'test-dense-70b', quant: 'Q4_0' };

function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe('recommend', () => {
  it('drops machines over budget and says how many', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, budgetEur: 2500 }));
    // test-desktop-gpu costs 3000 EUR; the mini (2000) and the CPU desktop (1200 USD = 1000 EUR) remain
    expect(result.picks.map((pick) => pick.machine.id).sort()).toEqual(['test-desktop-cpu', 'test-mini']);
    expect(result.excluded).toEqual([expect.objectContaining({ kind: 'over-budget', count: 1, examples: ['test-desktop-gpu'] })]);
  });

  it('prices machines in EUR, converting with the catalog rate', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, priority: 'price' }));
    expect(result.picks[0]?.machine).toMatchObject({ id: 'test-desktop-cpu', priceEur: 1000, originalPrice: { amount: 1200, currency: 'USD' } });
  });

  it('ranks by speed, value or price as asked', () => {
    for (const priority of ['speed', 'value', 'price'] as const) {
      const picks = unwrap(recommend(advisor, { ...seventyB, priority })).picks;
      const key = { speed: (index: number) => -(picks[index]?.estimate.tg?.tokensPerSecond ?? 0), value: (index: number) => -(picks[index]?.tgPer1000Eur ?? 0), price: (index: number) => picks[index]?.machine.priceEur ?? 0 }[priority];
      for (let index = 1; index < picks.length; index += 1) expect(key(index)).toBeGreaterThanOrEqual(key(index - 1));
      expect(picks.map((pick) => pick.rank)).toEqual(picks.map((_, index) => index + 1));
    }
  });

  it('drops machines that cannot hold the model at the requested context', () => {
    // F16 70B: 140 GB of weights, more than any fixture machine holds
    const result = unwrap(recommend(advisor, { model: 'test-dense-70b', quant: 'F16' }));
    expect(result.picks).toEqual([]);
    expect(result.excluded[0]).toMatchObject({ kind: 'does-not-fit', count: 3 });
  });

  it('answers an empty result with the cheapest machine that would run it', () => {
    const result = unwrap(recommend(advisor, { ...seventyB, budgetEur: 500 }));
    expect(result.picks).toEqual([]);
    expect(result.cheapestOverBudget?.machine.id).toBe('test-desktop-cpu');
  });

  it('answers an empty result with the largest model the budget runs', () => {
    // 70B F16 fits nowhere; the 30B MoE at F16 (60 GB) fits the 1000 EUR CPU desktop (128 GB)
    const result = unwrap(recommend(advisor, { model: 'test-dense-70b', quant: 'F16', budgetEur: 1500 }));
    expect(result.largestModelInBudget).toMatchObject({ modelId: 'test-moe-30b-a3b', quantization: 'F16', pick: { machine: { id: 'test-desktop-cpu' } } });
  });

  it('filters on the minimum generation speed', () => {
    const all = unwrap(recommend(advisor, seventyB)).picks;
    const slowest = Math.min(...all.map((pick) => pick.estimate.tg?.tokensPerSecond ?? 0));
    const result = unwrap(recommend(advisor, { ...seventyB, minTgTokensPerSecond: slowest + 0.01 }));
    expect(result.picks).toHaveLength(all.length - 1);
    expect(result.excluded.map((exclusion) => exclusion.kind)).toEqual(['too-slow']);
  });

  it('pages with an offset', () => {
    const page = unwrap(recommend(advisor, { ...seventyB, limit: 1, offset: 1 }));
    expect(page.picks.map((pick) => pick.rank)).toEqual([2]);
    expect(page.qualifying).toBe(3);
  });

  it('refuses a context beyond what the model handles, naming the limit', () => {
    const outcome = recommend(advisor, { model: 'test-moe-30b-a3b', quant: 'Q4_0', contextTokens: 65536 });
    expect(outcome).toEqual({ ok: false, error: { message: 'Test MoE 30B A3B handles at most 32768 tokens of context; 65536 is more', suggestions: ['32768'] } });
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

describe('compare', () => {
  it('marks the cheaper machine on price and the faster on generation', () => {
    const result = unwrap(compare(advisor, { machineA: 'test-mini', machineB: 'test-desktop-gpu', model: 'test-dense-8b', quant: 'Q4_0' }));
    const row = (key: string) => [...result.specRows, ...result.estimateRows].find((candidate) => candidate.key === key);
    expect(row('price')).toMatchObject({ a: 2000, b: 3000, better: 'a' });
    expect(row('bandwidth')).toMatchObject({ a: 256, b: 96, better: 'a' });
    // the GPU reads 960 GB/s against the mini's 256: it generates faster
    expect(row('tg')?.better).toBe('b');
  });

  it('marks the machine that fits as better when only one does', () => {
    const result = unwrap(compare(advisor, { machineA: 'test-desktop-gpu', machineB: 'test-desktop-cpu', model: 'test-dense-70b', quant: 'Q8_0', contextTokens: 65536 }));
    // 74.4 GB of weights + 21.5 GB of KV (2 × 80 × 8 × 128 × 65536 × 2 bytes) + 2 GB of buffers = 97.9 GB:
    // more than the GPU desktop's 23.5 GB VRAM + 58.9 GB usable RAM, less than the CPU desktop's 117.8 GB
    expect(result.estimateRows.find((row) => row.key === 'fits')).toMatchObject({ a: 'no', b: 'yes', better: 'b' });
    expect(result.betterValue).toBe('b');
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
    expect(unwrap(specs(advisor, { machine: 'test-mini' })).measurements).toEqual([expect.objectContaining({ benchmarkId: 'test-mini-dense-8b-q4', match: 'same machine' })]);
    expect(unwrap(specs(advisor, { machine: 'test-desktop-gpu' })).measurements).toEqual([expect.objectContaining({ benchmarkId: 'test-gpu-dense-8b-q4', match: 'same chip' })]);
    expect(unwrap(specs(advisor, { machine: 'test-desktop-cpu' })).measurements).toEqual([]);
  });

  it('suggests close machine ids for an unknown one', () => {
    const outcome = specs(advisor, { machine: 'test-mimi' });
    expect(outcome).toEqual({ ok: false, error: { message: 'unknown machine "test-mimi"', suggestions: ['test-mini'] } });
  });
});
