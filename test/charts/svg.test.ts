import { describe, expect, it } from 'vitest';
import { escapeXml, niceAxis, niceStep } from '../../src/charts/index.ts';
import { logAxis } from '../../src/charts/scale.ts';
import { altText, distinctShortNames, formatNumber, shortName, truncate } from '../../src/charts/svg.ts';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`A&B <C> "D" 'E'`)).toBe('A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;');
  });
});

describe('axes', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect([niceStep(10, 5), niceStep(7, 5), niceStep(2300, 6), niceStep(0.9, 6)]).toEqual([2, 2, 500, 0.2]);
  });

  it('covers the values with round ticks, from zero when zero is near', () => {
    expect(niceAxis([1860, 2900])).toMatchObject({
      min: 1800,
      max: 3000,
      ticks: [1800, 2000, 2200, 2400, 2600, 2800, 3000],
    });
    expect(niceAxis([1.6, 6.2], 5)).toMatchObject({ min: 0, max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis([0.1, 0.3]).ticks).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceAxis([5, 5])).toMatchObject({ min: 4.4, max: 5.6 }); // one value: a round axis around it
  });

  it('covers speeds from under one to hundreds on a log axis with 1-2-5 ticks', () => {
    expect(logAxis([0.66, 574])).toMatchObject({ kind: 'log', min: 0.5, max: 1000, ticks: [0.5, 1, 10, 100, 1000] });
    expect(logAxis([5, 40]).ticks).toEqual([5, 10, 20, 50]);
  });
});

describe('text', () => {
  it('formats numbers with thousands separators and sensible decimals', () => {
    expect([formatNumber(2570), formatNumber(4.93), formatNumber(0.456), formatNumber(12345.6, 1)]).toEqual([
      '2,570',
      '4.9',
      '0.46',
      '12,345.6',
    ]);
  });

  it('shortens names to the part before the details, apart where they would collide', () => {
    expect(shortName('GMKtec EVO-X2 (Ryzen AI Max+ 395, 128 GB) + RTX 3090 (used)')).toBe('GMKtec EVO-X2 + RTX 3090');
    expect(distinctShortNames(['Box (PCIe eGPU)', 'Box (USB4 eGPU)', 'Other (x)'])).toEqual([
      'Box (PCIe eGPU)',
      'Box (USB4 eGPU)',
      'Other',
    ]);
    expect(truncate('Threadripper PRO 9975WX workstation', 30)).toBe('Threadripper PRO 9975WX…');
  });

  it('drops whole trailing sentences to stay within the alt-text limit', () => {
    expect(altText(['one two.', 'three four.', 'five.'], 20)).toBe('one two. three four.');
    expect(altText(['x'.repeat(30)], 10)).toHaveLength(10);
  });
});
