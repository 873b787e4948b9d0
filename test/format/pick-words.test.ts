import { describe, expect, it } from 'vitest';
import type { MachineSummary } from '../../src/advisor/index.ts';
import {
  assumedRunWords,
  exclusionCountText,
  exclusionShortText,
  monthYear,
  priceMarkersFootnote,
  reasonText,
  shortPriceWords,
} from '../../src/format/index.ts';

describe("a pick's reason in words", () => {
  it('says rank, speed, placement, value, headroom and budget in one sentence', () => {
    const text = reasonText({
      code: 'ranked',
      priority: 'speed',
      rank: 1,
      tgTokensPerSecond: 9.64,
      users: 1,
      placement: 'multi-gpu',
      tgPer1000Eur: 3.3241,
      headroomGb: 20.94,
      underBudgetEur: 1103,
    });
    expect(text).toBe(
      'fastest: 9.6 tok/s split across the GPUs, 3.32 tok/s per 1000 EUR, 20.9 GB headroom, 1,103 EUR under budget',
    );
  });

  it('words a later rank, several users, the wait for a first token and a cluster that only adds memory', () => {
    const text = reasonText({
      code: 'ranked',
      priority: 'first_token',
      rank: 3,
      tgTokensPerSecond: 4,
      users: 5,
      placement: 'unified-gpu',
      tgPer1000Eur: 1.5,
      headroomGb: 40,
      firstToken: { seconds: 12.345, promptTokens: 4000 },
      cluster: { nodes: 2, memberTgTokensPerSecond: 5.25 },
    });
    expect(text).toBe(
      '#3 by time to first token: 4 tok/s per user (5 at once) on the iGPU in unified memory on 2 nodes, first token after 12.35 s for the last of 5 4,000-token prompts sent together, 1.5 tok/s per 1000 EUR, 40 GB headroom; slower per token than one node alone (5.3 tok/s): the cluster only adds memory',
    );
  });

  it('words the answers given when nothing qualifies', () => {
    expect(reasonText({ code: 'cheapest-over-budget', priceEur: 4199 })).toBe(
      'the cheapest machine that runs it: 4,199 EUR',
    );
    expect(
      reasonText({
        code: 'largest-in-budget',
        modelName: 'Qwen3 32B',
        quantization: 'Q4_K_M',
        tgTokensPerSecond: 21.04,
        priceEur: 1999,
      }),
    ).toBe('runs Qwen3 32B Q4_K_M at 21 tok/s for 1,999 EUR');
  });
});

describe('a price as a list shows it', () => {
  const machine = (overrides: Partial<MachineSummary>): MachineSummary => ({
    id: 'box',
    name: 'Box',
    category: 'mini-pc',
    priceEur: 1149,
    priceAsOf: '2025-09-14',
    priceBasisCode: { code: 'stated', text: 'EU list' },
    priceMarket: 'eu_retail_incl_vat',
    priceIsEstimate: false,
    priceOld: false,
    availability: 'on_sale',
    priceSource: ['https://example.com'],
    ...overrides,
  });

  it('names the month and marks an old price short', () => {
    expect(monthYear('2025-09-14')).toBe('Sep 2025');
    expect(monthYear('2026-01')).toBe('Jan 2026');
    expect(shortPriceWords(machine({}))).toBe('1,149 EUR (Sep 2025)');
    expect(shortPriceWords(machine({ priceOld: true }))).toBe('1,149+ EUR (Sep 2025)');
    expect(shortPriceWords(machine({ priceMarket: 'used_market', priceIsEstimate: true, priceAsOf: '2026-03' }))).toBe(
      '~1,149 EUR used (Mar 2026)',
    );
    expect(shortPriceWords(machine({ priceIsEstimate: true, priceOld: true, availability: 'preorder' }))).toBe(
      '~1,149+ EUR pre-order (Sep 2025)',
    );
    // What the marks mean, said once under the list, only for the marks it shows.
    expect(priceMarkersFootnote({ estimate: false, old: false })).toBeUndefined();
    expect(priceMarkersFootnote({ estimate: false, old: true })).toBe('price + over six months old, likely higher');
    expect(priceMarkersFootnote({ estimate: true, old: true })).toBe(
      'price ~ estimated, + over six months old, likely higher',
    );
  });
});

describe('what was left out, in the words a phone has room for', () => {
  const question = {
    model: { name: 'Llama 3.3 70B', quantization: 'Q4_K_M' },
    workload: { contextTokens: 32768 },
    priority: 'speed',
    budgetEur: 3000,
    minTgTokensPerSecond: 7.5,
  } as unknown as Parameters<typeof exclusionShortText>[1];
  const left = (kind: Parameters<typeof exclusionShortText>[0]['kind'], count: number) =>
    exclusionShortText({ kind, count, examples: [], exampleNames: [] }, question);

  it('says the count and the cause, the question being said above the list', () => {
    expect(left('over-budget', 126)).toBe('126 over 3,000 EUR');
    expect(left('does-not-fit', 9)).toBe('9 cannot hold it');
    expect(left('too-slow', 2)).toBe('2 under 7.5 tok/s');
    expect(left('clusters-held-back', 1)).toBe(
      '1 cluster while single machines qualify (allow_clusters:true ranks them)',
    );
    expect(left('clusters-off', 3)).toBe('3 clusters (allow_clusters:false)');
  });
});

describe('what was left out, counted in the one line a phone has room for', () => {
  const question = {
    model: { name: 'Llama 3.3 70B', quantization: 'Q4_K_M' },
    workload: { contextTokens: 32768 },
    priority: 'first_token',
    budgetEur: 3000,
  } as unknown as Parameters<typeof exclusionCountText>[1];
  const count = (kind: Parameters<typeof exclusionCountText>[0]['kind'], n: number) =>
    exclusionCountText({ kind, count: n, examples: [], exampleNames: [] }, question);

  it('says the count and the cause in two or three words', () => {
    expect(count('over-budget', 126)).toBe('126 over budget');
    expect(count('does-not-fit', 9)).toBe('9 cannot hold it');
    expect(count('not-sold-new', 1)).toBe('1 no longer sold');
    expect(count('adds-nothing', 2)).toBe('2 no quicker for an added GPU');
    expect(count('clusters-held-back', 1)).toBe('1 cluster (allow_clusters:true)');
    expect(count('builds-off', 4)).toBe('4 builds (allow_builds:false)');
  });
});

describe('what the estimates assumed, beside the context the question states', () => {
  it('names prompt, users, KV cache and backend', () => {
    expect(assumedRunWords({ promptTokens: 512 })).toBe('512-token prompt, 1 user, KV f16, backend auto');
    expect(assumedRunWords({ promptTokens: 4096, users: 5, kvCache: 'q8_0', backend: 'rocm' })).toBe(
      '4,096-token prompt, 5 users at once, KV q8_0, backend rocm',
    );
  });
});
