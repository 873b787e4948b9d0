import { describe, expect, it } from 'vitest';
import { compareChart, compareMetrics, fontPx, maxAltTextChars } from '../../src/charts/index.ts';
import { textWidthPx } from '../../src/charts/svg.ts';
import { byClass, handMadeCompare, numberAttribute, parseSvg } from './helpers.ts';

// A: dearer, slower at generation, quicker to the first token, more memory spare. B: cheaper, faster at generation.
const a = {
  id: 'box-a',
  name: 'Box A & Sons <Pro> (Chip X, 128 GB)',
  priceEur: 2000,
  tgTokensPerSecond: 10,
  ppTokensPerSecond: 400,
  firstTokenSeconds: 1.5,
  headroomGb: 80,
  memoryGb: 128,
};
const b = {
  id: 'box-b',
  name: 'Box B (Chip Y, 64 GB)',
  priceEur: 1000,
  tgTokensPerSecond: 20,
  ppTokensPerSecond: 100,
  firstTokenSeconds: 6,
  headroomGb: 20,
  memoryGb: 64,
};
const result = handMadeCompare(a, b);
const chart = compareChart(result);
const elements = parseSvg(chart.svg);
const metricKeys = ['tg', 'ttft', 'headroom', 'price'] as const;

const bar = (metric: string, side: 'a' | 'b') =>
  byClass(elements, 'bar').find(
    (entry) => entry.attributes['data-metric'] === metric && entry.attributes['data-side'] === side,
  );
const valueLabel = (metric: string, side: 'a' | 'b', within = elements) =>
  byClass(within, 'bar-value').find(
    (entry) => entry.attributes['data-metric'] === metric && entry.attributes['data-side'] === side,
  );

describe('compareChart', () => {
  it('shows generation, first token, memory spare and price, the last but one of each from the estimate', () => {
    expect(compareMetrics(result).map((metric) => [metric.key, metric.better, metric.a, metric.b])).toEqual([
      ['tg', 'higher', 10, 20],
      ['ttft', 'lower', 1.5, 6],
      ['headroom', 'higher', 80, 20],
      ['price', 'lower', 2000, 1000],
    ]);
  });

  it('draws every bar as long as its value, the larger of a pair filling the row, whichever way is better', () => {
    // By hand: 10 vs 20 tok/s → A half of B; 1.5 vs 6 s → A a quarter of B (and A wins);
    // 80 vs 20 GB → B a quarter of A; 2,000 vs 1,000 EUR → B half of A (and B wins).
    const expected: Record<(typeof metricKeys)[number], [number, number]> = {
      tg: [0.5, 1],
      ttft: [0.25, 1],
      headroom: [1, 0.25],
      price: [1, 0.5],
    };
    const full = numberAttribute(bar('tg', 'b'), 'width');
    // The longest bar takes most of the 300 px canvas, the rest is its label's room.
    expect(full).toBeGreaterThan(150);
    for (const metric of metricKeys) {
      const [shareA, shareB] = expected[metric];
      expect(numberAttribute(bar(metric, 'a'), 'width'), metric).toBeCloseTo(full * shareA, 0);
      expect(numberAttribute(bar(metric, 'b'), 'width'), metric).toBeCloseTo(full * shareB, 0);
      // Both bars start at the same edge, A above B.
      expect(numberAttribute(bar(metric, 'a'), 'x')).toBe(numberAttribute(bar(metric, 'b'), 'x'));
      expect(numberAttribute(bar(metric, 'a'), 'y')).toBeLessThan(numberAttribute(bar(metric, 'b'), 'y'));
    }
  });

  it('says which way is better in every heading, and lower for first token and price', () => {
    const units = byClass(elements, 'group-unit').map((entry) => entry.text);
    expect(units).toEqual([
      'tok/s, higher is better',
      'seconds, lower is better',
      'GB, higher is better',
      'EUR, lower is better',
    ]);
  });

  it('labels each bar with its real value and marks the better of each pair with a check, not its length', () => {
    const labels = metricKeys.map((metric) => [valueLabel(metric, 'a')?.text, valueLabel(metric, 'b')?.text]);
    expect(labels).toEqual([
      ['10 tok/s', '20 tok/s ✓'],
      ['1.5 s ✓', '6 s'],
      ['80 GB ✓', '20 GB'],
      ['2,000 EUR', '1,000 EUR ✓'],
    ]);
    const marked = byClass(elements, 'bar-value').filter((entry) => entry.attributes['data-better'] === 'yes');
    expect(marked.map((entry) => `${entry.attributes['data-metric']}:${entry.attributes['data-side']}`)).toEqual([
      'tg:b',
      'ttft:a',
      'headroom:a',
      'price:b',
    ]);
  });

  it('marks neither side of a tie', () => {
    const tie = parseSvg(compareChart(handMadeCompare(a, { ...b, tgTokensPerSecond: 10 })).svg);
    expect(valueLabel('tg', 'a', tie)?.text).toBe('10 tok/s');
    expect(valueLabel('tg', 'b', tie)?.text).toBe('10 tok/s');
  });

  it('names both machines in the legend, escaped for XML', () => {
    const legend = byClass(elements, 'legend').map((entry) => entry.text);
    expect(legend).toEqual([`A ${a.name}`, `B ${b.name}`]);
    const long = compareChart(
      handMadeCompare(
        {
          ...a,
          name: 'Framework Desktop Mainboard only (Ryzen AI Max+ 395, 128 GB) + RTX 3090 (used) (OCuLink or USB4)',
        },
        b,
      ),
    );
    // Too long for a row even without its bracketed details: the host is cut at a word, the added GPU kept.
    const longLabel = byClass(parseSvg(long.svg), 'legend')[0]?.text ?? '';
    expect(longLabel).toMatch(/^A Framework Desktop.*… \+ RTX 3090$/);
    expect(textWidthPx(longLabel, fontPx.small)).toBeLessThanOrEqual(300 - 8 - 16);
    expect(chart.svg).toContain('Box A &amp; Sons &lt;Pro&gt;');
  });

  it('shows "does not fit" instead of a bar for a machine that cannot run the model; its price still has one', () => {
    const unfit = compareChart(handMadeCompare(a, { ...b, tgTokensPerSecond: null }));
    const unfitElements = parseSvg(unfit.svg);
    const bars = byClass(unfitElements, 'bar');
    expect(
      bars.filter((entry) => entry.attributes['data-side'] === 'b').map((entry) => entry.attributes['data-metric']),
    ).toEqual(['price']);
    const labels = byClass(unfitElements, 'bar-value').filter(
      (entry) => entry.attributes['data-side'] === 'b' && entry.attributes['data-metric'] !== 'price',
    );
    expect(labels.map((entry) => entry.text)).toEqual(['does not fit', 'does not fit', 'does not fit']);
    expect(unfit.altText).toContain('generation 10 tok/s vs does not fit');
  });

  it("states every figure in the alt text, within Discord's description limit", () => {
    expect(chart.altText).toContain('Box A & Sons <Pro> (2,000 EUR) with Box B (1,000 EUR)');
    expect(chart.altText).toContain('generation 10 tok/s vs 20 tok/s');
    expect(chart.altText).toContain('first token 1.5 s vs 6 s (lower is better)');
    expect(chart.altText).toContain('Better value: Box B.');
    expect(chart.altText.length).toBeLessThanOrEqual(maxAltTextChars);
    expect(chart).toMatchObject({ width: 600, height: 600 });
  });

  it('keeps two machines with the same short name apart', () => {
    const twins = compareChart(
      handMadeCompare({ ...a, name: 'Mac Studio (M4 Max, 128 GB)' }, { ...b, name: 'Mac Studio (M3 Ultra, 96 GB)' }),
    );
    expect(byClass(parseSvg(twins.svg), 'legend').map((entry) => entry.text)).toEqual([
      'A Mac Studio (M4 Max, 128 GB)',
      'B Mac Studio (M3 Ultra, 96 GB)',
    ]);
  });
});
