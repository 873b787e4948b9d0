import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/advisor/index.ts';
import {
  maxAltTextChars,
  paretoFront,
  qualifyingPoints,
  recommendChart,
  type PricePoint,
} from '../../src/charts/index.ts';
import {
  advisor,
  byClass,
  handMadeRecommend,
  numberAttribute,
  parseSvg,
  pixelFromTicks,
  unwrap,
  type HandMadeMachine,
} from './helpers.ts';

/**
 * Seven machines, by hand. Not dominated (nothing at least as cheap and as fast, better on one):
 * a (1000 EUR, 2), c (2000, 5), f (3000, 8). b is beaten by a; d by c (same price, slower);
 * e by c (same speed, dearer); g by c.
 */
const machines: HandMadeMachine[] = [
  { id: 'f', name: 'Fast & <Big> Box (Test chip, 128 GB)', priceEur: 3000, tgTokensPerSecond: 8 },
  { id: 'c', name: 'Middle "Quote" Box', priceEur: 2000, tgTokensPerSecond: 5 },
  { id: 'a', name: 'Cheap Box', priceEur: 1000, tgTokensPerSecond: 2 },
];
const others: PricePoint[] = [
  { id: 'b', name: 'Slow Box', priceEur: 1500, tgTokensPerSecond: 1.5 },
  { id: 'd', name: 'Same Price Slower', priceEur: 2000, tgTokensPerSecond: 4 },
  { id: 'e', name: 'Same Speed Dearer', priceEur: 2500, tgTokensPerSecond: 5 },
  { id: 'g', name: 'Dear Slow', priceEur: 2800, tgTokensPerSecond: 3 },
];
const budgetEur = 3200;
const result = handMadeRecommend(machines, { budgetEur, qualifying: 7 });
const chart = recommendChart(result, others);
const elements = parseSvg(chart.svg);
const points = byClass(elements, 'point');
const pointOf = (id: string) => points.find((point) => point.attributes['data-id'] === id);

describe('recommendChart', () => {
  it('draws every machine that fits once: the picks and the extra qualifying machines', () => {
    expect(points.map((point) => point.attributes['data-id']).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    // A 300×300 canvas drawn at 2×: the PNG is 600×600.
    expect(chart).toMatchObject({ width: 600, height: 600 });
    expect(elements[0]?.attributes).toMatchObject({ width: '600', height: '600', viewBox: '0 0 300 300' });
  });

  it('maps price to x and speed to y monotonically (higher speed is higher up)', () => {
    const all = [
      ...machines.map((machine) => ({ ...machine, tgTokensPerSecond: machine.tgTokensPerSecond ?? 0 })),
      ...others,
    ];
    for (const first of all) {
      for (const second of all) {
        const [x1, x2] = [numberAttribute(pointOf(first.id), 'cx'), numberAttribute(pointOf(second.id), 'cx')];
        const [y1, y2] = [numberAttribute(pointOf(first.id), 'cy'), numberAttribute(pointOf(second.id), 'cy')];
        if (first.priceEur < second.priceEur) expect(x1).toBeLessThan(x2);
        if (first.priceEur === second.priceEur) expect(x1).toBe(x2);
        if (first.tgTokensPerSecond < second.tgTokensPerSecond) expect(y1).toBeGreaterThan(y2);
      }
    }
  });

  it('puts each point where the axis ticks say its price and speed are', () => {
    const xTicks = byClass(elements, 'x-tick');
    const yTicks = byClass(elements, 'y-tick');
    for (const point of others) {
      expect(numberAttribute(pointOf(point.id), 'cx')).toBeCloseTo(pixelFromTicks(xTicks, point.priceEur, 'x'), 0);
      expect(numberAttribute(pointOf(point.id), 'cy')).toBeCloseTo(
        pixelFromTicks(yTicks, point.tgTokensPerSecond, 'y'),
        0,
      );
    }
  });

  it('uses round tick values whose range covers every point and the budget', () => {
    for (const [className, values] of [
      ['x-tick', [1000, 1500, 2000, 2500, 2800, 3000, budgetEur]],
      ['y-tick', [1.5, 2, 3, 4, 5, 8]],
    ] as const) {
      const ticks = byClass(elements, className).map((tick) => numberAttribute(tick, 'data-value'));
      expect(ticks[0]).toBeLessThanOrEqual(Math.min(...values));
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(Math.max(...values));
      const steps = ticks.slice(1).map((tick, index) => tick - (ticks[index] ?? 0));
      const step = steps[0] ?? 0;
      for (const other of steps) expect(other).toBeCloseTo(step, 9);
      expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((mantissa: number) =>
        [1, 2, 5].some((nice) => Math.abs(mantissa - nice) < 1e-9),
      );
    }
    expect(byClass(elements, 'x-tick').map((tick) => tick.text)).toContain('2,000');
  });

  it('draws the price/speed front through exactly the non-dominated machines, cheapest first', () => {
    const [front] = byClass(elements, 'pareto');
    expect(front?.attributes['data-ids']).toBe('a c f');
    // The step line's corners after each vertical move are the front's points.
    const commands = front?.attributes.d?.match(/[MHV][^MHV]+/g) ?? [];
    const corners: [number, number][] = [];
    let x = 0;
    for (const command of commands) {
      const numbers = command.slice(1).trim().split(/\s+/).map(Number);
      if (command.startsWith('M')) corners.push([numbers[0] ?? NaN, numbers[1] ?? NaN]);
      if (command.startsWith('H')) x = numbers[0] ?? NaN;
      if (command.startsWith('V')) corners.push([x, numbers[0] ?? NaN]);
    }
    expect(corners).toEqual(
      ['a', 'c', 'f'].map((id) => [numberAttribute(pointOf(id), 'cx'), numberAttribute(pointOf(id), 'cy')]),
    );
  });

  it('draws the budget as a dashed vertical line at the budget price', () => {
    const [budget] = byClass(elements, 'budget');
    expect(budget?.attributes['stroke-dasharray']).toBeDefined();
    expect(numberAttribute(budget, 'x1')).toBe(numberAttribute(budget, 'x2'));
    expect(numberAttribute(budget, 'x1')).toBeCloseTo(pixelFromTicks(byClass(elements, 'x-tick'), budgetEur, 'x'), 0);
    expect(numberAttribute(budget, 'x1')).toBeGreaterThan(numberAttribute(pointOf('f'), 'cx'));
  });

  it('leaves out the budget line when no budget was given', () => {
    const svg = recommendChart(handMadeRecommend(machines)).svg;
    expect(byClass(parseSvg(svg), 'budget')).toEqual([]);
  });

  it('labels the top picks with their rank only (the names are in the list beside it), names escaped in the SVG', () => {
    const labels = byClass(elements, 'label');
    expect(labels.map((label) => [label.attributes['data-for'], label.text])).toEqual([
      ['f', '#1'],
      ['c', '#2'],
      ['a', '#3'],
    ]);
    expect(chart.altText).toContain('Fast & <Big> Box');
    expect(chart.svg).not.toContain('<Big>');
  });

  it('titles the chart with the model and quantization, the context under it, and the axes with units', () => {
    const [title] = byClass(elements, 'title');
    expect(title?.text).toBe(`${result.model.name} ${result.model.quantization}`);
    expect(byClass(elements, 'subtitle')[0]?.text).toContain('4,096-token context');
    expect(byClass(elements, 'x-title')[0]?.text).toBe('Price (EUR)');
    expect(byClass(elements, 'y-title')[0]?.text).toContain('tok/s');
  });

  it("states the key numbers in the alt text, within Discord's description limit", () => {
    expect(chart.altText).toContain('for 7 machines that fit');
    expect(chart.altText).toContain('fastest Fast & <Big> Box, 3,000 EUR, 8 tok/s');
    expect(chart.altText).toContain('cheapest Cheap Box, 1,000 EUR, 2 tok/s');
    expect(chart.altText).toContain('budget of 3,200 EUR');
    expect(chart.altText.length).toBeLessThanOrEqual(maxAltTextChars);
  });

  it('keeps the alt text under 1000 characters with 25 long-named machines', () => {
    const many = Array.from({ length: 25 }, (_, index) => ({
      id: `m${index}`,
      name: `A very long machine name number ${index} with a lot of words in it (chip, 128 GB)`,
      priceEur: 1000 + index * 97,
      tgTokensPerSecond: 1 + index * 0.3,
    }));
    const longChart = recommendChart(handMadeRecommend(many));
    expect(longChart.altText.length).toBeLessThanOrEqual(maxAltTextChars);
    expect(parseSvg(longChart.svg).length).toBeGreaterThan(25);
  });

  it('says so, and still renders, when nothing qualifies', () => {
    const empty = recommendChart(handMadeRecommend([]));
    expect(byClass(parseSvg(empty.svg), 'point')).toEqual([]);
    expect(empty.altText).toMatch(/^No machine in the catalog runs/);
  });

  it('says when it shows only some of the qualifying machines', () => {
    expect(recommendChart(handMadeRecommend(machines, { qualifying: 9 })).altText).toContain(
      'the 3 shown of 9 machines',
    );
  });
});

describe('paretoFront', () => {
  const point = (id: string, priceEur: number, tgTokensPerSecond: number): PricePoint => ({
    id,
    name: id,
    priceEur,
    tgTokensPerSecond,
  });

  it('keeps the machines nothing else beats on both price and speed, in price order', () => {
    const front = paretoFront([point('x', 3, 3), point('y', 1, 1), point('z', 2, 1), point('w', 2, 2)]);
    expect(front.map((entry) => entry.id)).toEqual(['y', 'w', 'x']);
  });

  it('keeps both of two machines with the same price and speed', () => {
    expect(paretoFront([point('p', 1, 1), point('q', 1, 1), point('r', 2, 0.5)]).map((entry) => entry.id)).toEqual([
      'p',
      'q',
    ]);
  });
});

describe('qualifyingPoints', () => {
  it('collects every qualifying machine of a query, page after page', () => {
    const query = { model: 'test-dense-70b', quant: 'Q4_0' };
    const points = unwrap(qualifyingPoints(advisor, query));
    expect(points).toHaveLength(unwrap(recommend(advisor, query)).qualifying);
    expect(new Set(points.map((entry) => entry.id)).size).toBe(points.length);
  });

  it("passes a bad query back as the advisor's error", () => {
    expect(qualifyingPoints(advisor, { model: 'no-such-model', quant: 'Q4_0' }).ok).toBe(false);
  });
});
