/**
 * The search index answers from sorted keys, letter pieces and a length-bucketed
 * vocabulary. Here it must agree with the rules written out plainly — every record
 * scored, one by one — on random catalogs whose names share words and digits.
 */
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { normalise, SearchIndex, type Searchable } from '../../src/catalog/search.ts';

// Thousands of generated cases: ~2 s on an idle core, 10+ s on a loaded 2-core machine (vitest's default is 5 s).
const heavyPropertyTimeoutMs = 60_000;

/** About one typo per four letters, at least one, at most three; none in a number. */
function allowedTypos(typed: string): number {
  return /^\d+$/.test(typed) ? 0 : Math.min(3, Math.max(1, Math.floor(typed.length / 4)));
}

const withoutSpaces = (text: string) => text.split(' ').join('');

/** The ranking rules, record by record: exact 0, prefix 1, every word 2, substring spaces aside 3, then typos. */
function referenceSearch(records: readonly Searchable[], query: string, limit: number): { id: string; rank: number }[] {
  const wanted = normalise(query.slice(0, 100));
  if (wanted === '') return records.slice(0, limit).map((record) => ({ id: record.id, rank: 0 }));
  const typedWords = wanted.split(' ');
  const scored = records.map((record, index) => {
    const id = normalise(record.id);
    const name = normalise(record.name);
    const words = [...new Set([...id.split(' '), ...name.split(' ')])].filter((word) => word !== '');
    let rank: number | undefined;
    if (id === wanted || name === wanted) rank = 0;
    else if (id.startsWith(wanted) || name.startsWith(wanted)) rank = 1;
    else if (typedWords.every((typed) => words.some((word) => word.startsWith(typed)))) rank = 2;
    else if (withoutSpaces(id).includes(withoutSpaces(wanted)) || withoutSpaces(name).includes(withoutSpaces(wanted)))
      rank = 3;
    return { record, index, words, rank };
  });
  const close = scored
    .filter((entry) => entry.rank !== undefined)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.index - b.index);
  const hits = close.map((entry) => ({ id: entry.record.id, rank: entry.rank ?? 0 }));
  if (close.length < limit) {
    const typos = scored
      .filter((entry) => entry.rank === undefined)
      .flatMap((entry) => {
        let total = 0;
        for (const typed of typedWords) {
          const costs = entry.words
            .map((word) => (word.startsWith(typed) ? 0 : distance(typed, word)))
            .filter((cost) => cost <= allowedTypos(typed));
          if (costs.length === 0) return [];
          total += Math.min(...costs);
        }
        return [{ entry, rank: 4 + total + Math.min(0.9, Math.max(0, entry.words.length - typedWords.length) * 0.01) }];
      })
      .sort((a, b) => a.rank - b.rank || a.entry.index - b.entry.index);
    hits.push(...typos.map(({ entry, rank }) => ({ id: entry.record.id, rank })));
  }
  return hits.slice(0, limit);
}

const pool = [
  'mac',
  'studio',
  'max',
  'm4',
  '128gb',
  'framework',
  'desktop',
  'rtx',
  '3090',
  '3060',
  'ryzen',
  'ai',
  '395',
  'pro',
  'mini',
  'evo',
  'x2',
];
const word = fc.constantFrom(...pool);
const record = fc.tuple(
  fc.array(word, { minLength: 1, maxLength: 4 }),
  fc.array(word, { minLength: 1, maxLength: 5 }),
  fc.nat(99),
);
const catalog = fc.array(record, { minLength: 1, maxLength: 200, size: 'max' }).map((rows) =>
  rows.map(([idWords, nameWords, variant], index) => ({
    id: `${idWords.join('-')}-${variant}-${index}`,
    name: `${nameWords.join(' ')} (${variant})`,
  })),
);
/** Something a person might type: a piece of a real name, a word with a typo, a few words, or noise. */
const query = fc.oneof(
  fc
    .tuple(word, fc.nat(8), fc.nat(5))
    .map(([text, start, length]) => text.slice(start % text.length, (start % text.length) + 1 + length)),
  fc
    .tuple(word, fc.nat(10), fc.constantFrom('a', 'e', 'x', '0', '9'))
    .map(([text, at, letter]) => text.slice(0, at % text.length) + letter + text.slice((at % text.length) + 1)),
  fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 6 }),
);

describe('search index', () => {
  it(
    'ranks exactly as the rules applied record by record',
    () => {
      fc.assert(
        fc.property(catalog, query, fc.constantFrom(1, 3, 25), (records, typed, limit) => {
          const found = new SearchIndex(records)
            .search(typed, limit)
            .map((hit) => ({ id: hit.record.id, rank: hit.rank }));
          expect(found).toEqual(referenceSearch(records, typed, limit));
        }),
        { numRuns: 400 },
      );
    },
    heavyPropertyTimeoutMs,
  );
});
