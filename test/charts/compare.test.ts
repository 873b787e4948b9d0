import { describe, expect, it } from 'vitest';
import { compareChart, compareMetrics, maxAltTextChars } from '../../src/charts/index.ts';
import { byClass, handMadeCompare, numberAttribute, parseSvg, type SvgElement } from './helpers.ts';

// A: dearer, faster at prompts, more memory. B: cheaper, faster at generation.
const a = {
  id: 'box-a',
  name: 'Box A & Sons <Pro> (Chip X, 128 GB)',
  priceEur: 2000,
  tgTokensPerSecond: 10,
  ppTokensPerSecond: 400,
  memoryGb: 128,
};
const b = {
  id: 'box-b',
  name: 'Box B (Chip Y, 64 GB)',
  priceEur: 1000,
  tgTokensPerSecond: 20,
  ppTokensPerSecond: 100,
  memoryGb: 64,
};
const result = handMadeCompare(a, b);
const chart = compareChart(result);
const elements = parseSvg(chart.svg);

const bar = (metric: string, side: 'a' | 'b') =>
  byClass(elements, 'bar').find(
    (entry) => entry.attributes['data-metric'] === metric && entry.attributes['data-side'] === side,
  );
const valueLabel = (metric: string, side: 'a' | 'b') =>
  byClass(elements, 'bar-value').find(
    (entry) => entry.attributes['data-metric'] === metric && entry.attributes['data-side'] === side,
  )?.text;
const barBottom = (entry: SvgElement | undefined) => numberAttribute(entry, 'y') + numberAttribute(entry, 'height');

describe('compareChart', () => {
  it('computes the four metrics, cost as price over generation speed', () => {
    expect(compareMetrics(result).map((metric) => [metric.key, metric.a, metric.b])).toEqual([
      ['pp', 400, 100],
      ['tg', 10, 20],
      ['memory', 128, 64],
      ['cost', 200, 50],
    ]);
  });

  it('draws the better side full height in every group: value / larger where higher is better, smaller / value where lower is (cost)', () => {
    // Cost 200 against 50 EUR per tok/s: B is four times better, so B is full and A a quarter.
    const expectedShares: Record<string, [number, number]> = {
      pp: [1, 0.25],
      tg: [0.5, 1],
      memory: [1, 0.5],
      cost: [0.25, 1],
    };
    const fullHeight = numberAttribute(bar('pp', 'a'), 'height');
    for (const [metric, [shareA, shareB]] of Object.entries(expectedShares)) {
      expect(numberAttribute(bar(metric, 'a'), 'height')).toBeCloseTo(fullHeight * shareA, 0);
      expect(numberAttribute(bar(metric, 'b'), 'height')).toBeCloseTo(fullHeight * shareB, 0);
      expect(barBottom(bar(metric, 'a'))).toBeCloseTo(barBottom(bar(metric, 'b')), 5);
    }
  });

  it('groups the bars by metric, A left of B, groups left to right', () => {
    const lefts = ['pp', 'tg', 'memory', 'cost'].flatMap((metric) => [
      numberAttribute(bar(metric, 'a'), 'x'),
      numberAttribute(bar(metric, 'b'), 'x'),
    ]);
    expect([...lefts].sort((first, second) => first - second)).toEqual(lefts);
  });

  it('labels each bar with its real value', () => {
    expect(['pp', 'tg', 'memory', 'cost'].map((metric) => [valueLabel(metric, 'a'), valueLabel(metric, 'b')])).toEqual([
      ['400', '100'],
      ['10', '20'],
      ['128', '64'],
      ['200', '50'],
    ]);
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
    expect(byClass(parseSvg(long.svg), 'legend')[0]?.text).toBe(
      'A Framework Desktop Mainboard only 128 GB + RTX 3090…',
    );
    expect(chart.svg).toContain('Box A &amp; Sons &lt;Pro&gt;');
  });

  it('shows "does not fit" instead of a bar for a machine that cannot run the model', () => {
    const unfit = compareChart(handMadeCompare(a, { ...b, tgTokensPerSecond: null }));
    const unfitElements = parseSvg(unfit.svg);
    const bars = byClass(unfitElements, 'bar');
    expect(
      bars.filter((entry) => entry.attributes['data-side'] === 'b').map((entry) => entry.attributes['data-metric']),
    ).toEqual(['memory']);
    const labels = byClass(unfitElements, 'bar-value').filter(
      (entry) => entry.attributes['data-side'] === 'b' && entry.attributes['data-metric'] !== 'memory',
    );
    expect(labels.map((entry) => entry.text)).toEqual(['does not fit', 'does not fit', 'does not fit']);
    expect(unfit.altText).toContain('generation 10 vs does not fit tok/s');
  });

  it("states every figure in the alt text, within Discord's description limit", () => {
    expect(chart.altText).toContain('Box A & Sons <Pro> (2,000 EUR) with Box B (1,000 EUR)');
    expect(chart.altText).toContain('prompt processing 400 vs 100 tok/s');
    expect(chart.altText).toContain('cost per tg speed 200 vs 50 EUR per tok/s (lower is better)');
    expect(chart.altText).toContain('Better value: Box B.');
    expect(chart.altText.length).toBeLessThanOrEqual(maxAltTextChars);
    expect(chart).toMatchObject({ width: 800, height: 600 });
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
