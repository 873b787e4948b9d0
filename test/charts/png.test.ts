import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareChart,
  fontPath,
  maxAttachmentBytes,
  recommendChart,
  renderPng,
  specsChart,
  type Chart,
} from '../../src/charts/index.ts';
import { fixtureSpecs, handMadeCompare, handMadeRecommend } from './helpers.ts';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which follows the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const charts: Record<string, Chart> = {
  recommend: recommendChart(
    handMadeRecommend(
      [
        { id: 'f', name: 'Fast & <Big> Box', priceEur: 3000, tgTokensPerSecond: 8 },
        { id: 'a', name: 'Cheap Box', priceEur: 1000, tgTokensPerSecond: 2 },
      ],
      { budgetEur: 3500 },
    ),
    [{ id: 'b', name: 'Other', priceEur: 1800, tgTokensPerSecond: 3 }],
  ),
  compare: compareChart(
    handMadeCompare(
      { id: 'a', name: 'Box A & Sons', priceEur: 2000, tgTokensPerSecond: 10, memoryGb: 128 },
      { id: 'b', name: 'Box B', priceEur: 1000, tgTokensPerSecond: null, memoryGb: 64 },
    ),
  ),
  specs: specsChart(fixtureSpecs(), [
    { sizeGb: 4, tgTokensPerSecond: 40 },
    { sizeGb: 40, tgTokensPerSecond: 4 },
    { sizeGb: 120, tgTokensPerSecond: null },
  ]),
};

describe('renderPng', () => {
  it('draws with the DejaVu Sans file shipped by the dejavu-fonts-ttf package', () => {
    expect(fontPath).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans\.ttf$/);
    expect(existsSync(fontPath)).toBe(true);
  });

  for (const [name, chart] of Object.entries(charts)) {
    it(`renders the ${name} chart at its SVG size, small enough for Discord`, () => {
      const png = renderPng(chart.svg);
      expect(pngSize(png)).toEqual({ width: chart.width, height: chart.height });
      expect(png.length).toBeLessThan(200 * 1024);
      expect(png.length).toBeLessThan(maxAttachmentBytes);
    });

    it(`renders the ${name} chart to the same bytes every time`, () => {
      expect(renderPng(chart.svg).equals(renderPng(chart.svg))).toBe(true);
    });
  }

  it('draws the text: a chart without its labels renders differently', () => {
    const svg = charts.compare?.svg ?? '';
    const withoutText = svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');
    expect(withoutText).not.toBe(svg);
    expect(renderPng(withoutText).equals(renderPng(svg))).toBe(false);
  });
});
