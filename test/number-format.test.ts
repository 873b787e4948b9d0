import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../src/number-format.ts';

// Thousands of generated cases: ~2 s on an idle core, 10+ s on a loaded 2-core machine (vitest's default is 5 s).
const heavyPropertyTimeoutMs = 60_000;

const intl = (value: number, digits: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);

describe('formatDecimal writes numbers as Intl en-US does', () => {
  it.each([
    [1367.4, 0, '1,367'],
    [49.25, 1, '49.3'],
    [0.372, 2, '0.37'],
    [1.005, 2, '1.01'],
    [999.96, 1, '1,000'],
    [0.5, 0, '1'],
    [-0.4, 0, '-0'],
    [1234567.891, 2, '1,234,567.89'],
    [1e21, 0, '1,000,000,000,000,000,000,000'],
    [1.5e-7, 2, '0'],
    [5, 2, '5'],
    [Number.POSITIVE_INFINITY, 1, '∞'],
    [Number.NaN, 1, 'NaN'],
  ])('%d to at most %d decimals is %s', (value, digits, written) => {
    expect(formatDecimal(value, digits)).toBe(written);
    expect(intl(value, digits)).toBe(written);
  });

  it(
    'matches Intl on any double and precision',
    () => {
      const values = fc.oneof(
        fc.double(),
        fc.double({ min: -1e6, max: 1e6 }),
        // halves at the rounding digit, the cases where binary and decimal rounding disagree
        fc
          .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }))
          .map(([units, shift]) => (units + 0.5) / 10 ** shift),
        fc.integer({ min: -1e12, max: 1e12 }),
      );
      fc.assert(
        fc.property(values, fc.integer({ min: 0, max: 6 }), (value, digits) => {
          expect(formatDecimal(value, digits)).toBe(intl(value, digits));
        }),
        { numRuns: 20_000 },
      );
    },
    heavyPropertyTimeoutMs,
  );
});
