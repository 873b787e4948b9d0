/** The one formatting module: hand-worked cases of each rule every front relies on. */
import { describe, expect, it } from 'vitest';
import {
  dateSpan,
  formatEur,
  formatGb,
  formatNumber,
  formatSeconds,
  formatWithRange,
  engineClassWords,
  truncate,
  truncateAtWord,
} from '../../src/format/index.ts';

describe('numbers', () => {
  it('picks the precision from the magnitude and groups thousands', () => {
    expect([
      formatNumber(1367.4),
      formatNumber(49.34),
      formatNumber(5.5),
      formatNumber(0.374),
      formatNumber(8),
    ]).toEqual(['1,367', '49.3', '5.5', '0.37', '8']);
  });
  it('writes units the same way everywhere, and a dash for what is not a number', () => {
    expect([
      formatEur(2999.6),
      formatGb(64.62),
      formatSeconds(7.86),
      formatSeconds(150),
      formatNumber(Number.NaN),
    ]).toEqual(['3,000 EUR', '64.6 GB', '7.9 s', '2.5 min', '—']);
  });
});

describe('estimates with their range', () => {
  it("prints the range at the estimate's precision, trailing zeros kept", () => {
    expect([
      formatWithRange(4.31, 4, 4.7),
      formatWithRange(498.2, 387.4, 853),
      formatWithRange(0.5, 0.3, 0.61),
      formatWithRange(9.5, 8, 104.2),
      formatWithRange(58.4, 45, 99.2, 0),
    ]).toEqual(['4.3 (4.0–4.7)', '498 (387–853)', '0.50 (0.30–0.61)', '9.5 (8.0–104.2)', '58 (45–99)']);
  });
});

describe('calibration classes in words', () => {
  it('names the engine and, for a GPU, its backend', () => {
    expect([engineClassWords('cpu-cpu'), engineClassWords('dgpu-cuda'), engineClassWords('igpu-vulkan')]).toEqual([
      'CPUs',
      'GPUs with CUDA',
      'integrated GPUs with Vulkan',
    ]);
  });
});

describe('text', () => {
  it('cuts with an ellipsis within the budget, never inside a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });
  it('cuts at a word break when one is near', () => {
    expect(truncateAtWord('Framework Desktop Mainboard', 20)).toBe('Framework Desktop…');
    expect(truncateAtWord('Frameworkdesktopmainboard', 10)).toBe('Framework…');
  });
});

describe('dates', () => {
  it('gives the span of the dates, or the one date', () => {
    expect(dateSpan(['2026-06', '2025-01', '2025-09'])).toBe('2025-01 to 2026-06');
    expect(dateSpan(['2025-01', '2025-01'])).toBe('2025-01');
    expect(dateSpan([])).toBe('unknown');
  });
});
