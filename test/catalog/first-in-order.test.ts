import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder, kthSmallest } from '../../src/catalog/first-in-order.ts';

describe('kthSmallest', () => {
  it('finds the value a full sort puts at each rank, duplicates and infinities included', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true }),
      fc.constant(Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300, size: 'max' }), fc.nat(), (values, seed) => {
        const rank = seed % values.length;
        const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        // -0 and 0 are the same value to an order: compare as numbers, not as objects.
        const found = kthSmallest(Float64Array.from(values), rank);
        expect(found === sorted[rank], `${found} at rank ${rank}, a sort has ${sorted[rank]}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('works on a hand-worked case', () => {
    expect(kthSmallest(Float64Array.from([9, 1, 8, 2, 7, 3]), 0)).toBe(1);
    expect(kthSmallest(Float64Array.from([9, 1, 8, 2, 7, 3]), 2)).toBe(3);
    expect(kthSmallest(Float64Array.from([9, 1, 8, 2, 7, 3]), 5)).toBe(9);
  });
});

describe('firstInOrder', () => {
  it('returns what a full sort would put first, ties settled by the comparator', () => {
    // Few distinct keys force ties at the threshold; the comparator breaks them by a second key, then by item.
    const rows = fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), second: fc.integer({ min: 0, max: 3 }) }), {
      minLength: 0,
      maxLength: 2000,
      size: 'max',
    });
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 600 }), (table, count) => {
        const items = table.map((_, index) => index);
        const key = (item: number) => table[item]?.key ?? 0;
        const second = (item: number) => table[item]?.second ?? 0;
        const compare = (a: number, b: number) => key(a) - key(b) || second(b) - second(a) || a - b;
        expect(firstInOrder(items, key, compare, count)).toEqual([...items].sort(compare).slice(0, count));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the items it was given, in any starting order', () => {
    const items = [500, 3, 42, 7];
    const compare = (a: number, b: number) => a - b;
    expect(firstInOrder(items, (item) => item, compare, 2)).toEqual([3, 7]);
    expect(firstInOrder(items, (item) => item, compare, 0)).toEqual([]);
  });
});
