import { yTickBaselinePx } from '../../src/charts/axes.ts';
import { describe, expect, it } from 'vitest';
import {
  curveSizesGb,
  fitLimitGb,
  maxAltTextChars,
  specsChart,
  specsCurve,
  type SpecsCurvePoint,
} from '../../src/charts/index.ts';
import { advisor, byClass, fixtureSpecs, numberAttribute, parseSvg, pixelFromTicks, unwrap } from './helpers.ts';

const curve: SpecsCurvePoint[] = [
  { sizeGb: 4, tgTokensPerSecond: 40 },
  { sizeGb: 8, tgTokensPerSecond: 20 },
  { sizeGb: 16, tgTokensPerSecond: 10 },
  { sizeGb: 32, tgTokensPerSecond: 5 },
  { sizeGb: 64, tgTokensPerSecond: null },
  { sizeGb: 128, tgTokensPerSecond: null },
];
const result = fixtureSpecs('test-mini');
const chart = specsChart(result, curve);
const elements = parseSvg(chart.svg);
const curvePoints = byClass(elements, 'curve-point');

describe('specsChart', () => {
  it('plots the sizes that fit, bigger models further right and slower ones lower', () => {
    expect(curvePoints.map((point) => Number(point.attributes['data-size-gb']))).toEqual([4, 8, 16, 32]);
    const xs = curvePoints.map((point) => numberAttribute(point, 'cx'));
    const ys = curvePoints.map((point) => numberAttribute(point, 'cy'));
    expect([...xs].sort((first, second) => first - second)).toEqual(xs);
    expect([...ys].sort((first, second) => first - second)).toEqual(ys);
  });

  it('puts each point where the ticks say, on a linear size axis and a log speed axis', () => {
    const xTicks = byClass(elements, 'x-tick');
    const yTicks = byClass(elements, 'y-tick');
    const tenAndHundred = yTicks.filter((tick) => ['10', '100'].includes(tick.attributes['data-value'] ?? ''));
    for (const point of curvePoints) {
      expect(numberAttribute(point, 'cx')).toBeCloseTo(
        pixelFromTicks(xTicks, numberAttribute(point, 'data-size-gb'), 'x'),
        0,
      );
    }
    // On a log axis, halving the speed moves the same distance every time.
    const ys = curvePoints.map((point) => numberAttribute(point, 'cy'));
    for (let index = 2; index < ys.length; index += 1)
      expect((ys[index] ?? 0) - (ys[index - 1] ?? 0)).toBeCloseTo((ys[1] ?? 0) - (ys[0] ?? 0), 0);
    // The 10 tok/s point sits on the 10 tick's grid line.
    expect(numberAttribute(curvePoints[2], 'cy')).toBeCloseTo(
      numberAttribute(tenAndHundred[0], 'y') - yTickBaselinePx,
      0,
    );
  });

  it('covers every size and speed with its axes', () => {
    const xTicks = byClass(elements, 'x-tick').map((tick) => numberAttribute(tick, 'data-value'));
    const yTicks = byClass(elements, 'y-tick').map((tick) => numberAttribute(tick, 'data-value'));
    expect(xTicks.at(-1)).toBeGreaterThanOrEqual(128);
    expect(yTicks[0]).toBeLessThanOrEqual(5);
    expect(yTicks.at(-1)).toBeGreaterThanOrEqual(40);
  });

  it('draws the limit halfway between the largest size that fits and the next that does not', () => {
    const [limit] = byClass(elements, 'fit-limit');
    expect(numberAttribute(limit, 'data-size-gb')).toBe(48);
    expect(numberAttribute(limit, 'x1')).toBeCloseTo(pixelFromTicks(byClass(elements, 'x-tick'), 48, 'x'), 0);
    expect(byClass(elements, 'fit-limit-label')[0]?.text).toBe('fits up to ≈ 48 GB');
  });

  it('breaks the line where a size does not fit', () => {
    const gappy = specsChart(result, [
      { sizeGb: 4, tgTokensPerSecond: 40 },
      { sizeGb: 8, tgTokensPerSecond: null },
      { sizeGb: 16, tgTokensPerSecond: 10 },
    ]);
    const d = byClass(parseSvg(gappy.svg), 'curve')[0]?.attributes.d ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it("marks the sheet's catalog models that fit", () => {
    const fitting = result.estimates
      .filter((entry) => entry.estimate.fits)
      .map((entry) => `${entry.estimate.model.id}:${entry.estimate.model.quantization}`);
    expect(byClass(elements, 'model-marker').map((marker) => marker.attributes['data-id'])).toEqual(fitting);
    expect(fitting.length).toBeGreaterThan(0);
  });

  it("states the speeds and the limit in the alt text, within Discord's description limit", () => {
    expect(chart.altText).toContain('40 tok/s at 4 GB');
    expect(chart.altText).toContain('Models stop fitting at about 48 GB.');
    expect(chart.altText).toContain(result.summary.name);
    expect(chart.altText.length).toBeLessThanOrEqual(maxAltTextChars);
  });
});

describe('fitLimitGb', () => {
  it('is undefined when every size fits, and the smallest size when none does', () => {
    expect(fitLimitGb([{ sizeGb: 1, tgTokensPerSecond: 3 }])).toBeUndefined();
    expect(
      fitLimitGb([
        { sizeGb: 9, tgTokensPerSecond: null },
        { sizeGb: 3, tgTokensPerSecond: null },
      ]),
    ).toBe(3);
  });
});

describe('specsCurve', () => {
  it('estimates each size on the machine: slower as models grow, then no longer fitting', () => {
    const sizes = [2, 8, 32, 64, 90, 200];
    const points = unwrap(specsCurve(advisor, 'test-mini', sizes));
    expect(points.map((point) => point.sizeGb)).toEqual(sizes);
    const speeds = points.flatMap((point) => (point.tgTokensPerSecond === null ? [] : [point.tgTokensPerSecond]));
    expect(speeds.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < speeds.length; index += 1) expect(speeds[index]).toBeLessThan(speeds[index - 1] ?? 0);
    // test-mini: 128 GB in all, 96 GB GPU-addressable; a 200 GB model cannot fit.
    expect(points.at(-1)?.tgTokensPerSecond).toBeNull();
  });

  it('samples up to past what the machine can hold when no sizes are given', () => {
    const points = unwrap(specsCurve(advisor, 'test-mini'));
    expect(points.length).toBe(curveSizesGb(100).length);
    expect(points.some((point) => point.tgTokensPerSecond === null)).toBe(true);
    expect(fitLimitGb(points)).toBeGreaterThan(50);
  });

  it('answers an unknown machine or an impossible size with an error, not a throw', () => {
    expect(specsCurve(advisor, 'no-such-box', [8])).toMatchObject({
      ok: false,
      error: { problem: { code: 'unknown-machine', typed: 'no-such-box' } },
    });
    expect(specsCurve(advisor, 'test-mini', [-1]).ok).toBe(false);
  });
});
