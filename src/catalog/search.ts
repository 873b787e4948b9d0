/**
 * Finding a record by what a person typed: exact id or name first, then prefixes,
 * then every word contained, then close spellings. Serves autocomplete and the
 * "did you mean" of unknown ids, so it must be cheap: keys are normalised once.
 */
import { distance } from 'fastest-levenshtein';

export interface Searchable {
  id: string;
  name: string;
}

interface IndexedEntry<T> {
  record: T;
  id: string;
  name: string;
  words: string[];
}

export interface SearchHit<T> {
  record: T;
  /** Lower is better: 0 exact, 1 prefix, 2 all words, 3 substring, 4+ fuzzy. */
  rank: number;
}

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();
}

export class SearchIndex<T extends Searchable> {
  private readonly entries: IndexedEntry<T>[];

  constructor(records: readonly T[]) {
    this.entries = records.map((record) => {
      const name = normalise(record.name);
      const id = normalise(record.id);
      return { record, id, name, words: [...new Set([...id.split(' '), ...name.split(' ')])] };
    });
  }

  /** Ranked matches; an empty query returns the records in catalog order. */
  search(query: string, limit: number): SearchHit<T>[] {
    const wanted = normalise(query);
    if (wanted === '') return this.entries.slice(0, limit).map((entry) => ({ record: entry.record, rank: 0 }));
    const queryWords = wanted.split(' ');
    const hits: SearchHit<T>[] = [];
    for (const entry of this.entries) {
      const rank = rankEntry(entry, wanted, queryWords);
      if (rank !== undefined) hits.push({ record: entry.record, rank });
    }
    return hits.sort((a, b) => a.rank - b.rank).slice(0, limit);
  }

  /** Close spellings for "did you mean": only fuzzy-or-better hits that are plausibly the same thing. */
  suggest(query: string, limit = 3): T[] {
    return this.search(query, limit).map((hit) => hit.record);
  }
}

function rankEntry<T>(entry: IndexedEntry<T>, wanted: string, queryWords: string[]): number | undefined {
  if (entry.id === wanted || entry.name === wanted) return 0;
  if (entry.id.startsWith(wanted) || entry.name.startsWith(wanted)) return 1;
  if (queryWords.every((word) => entry.words.some((candidate) => candidate.startsWith(word)))) return 2;
  if (entry.id.includes(wanted) || entry.name.includes(wanted)) return 3;
  // Fuzzy: the closest of id and name, allowed about one typo per four characters.
  const closest = Math.min(distance(wanted, entry.id), distance(wanted, entry.name.slice(0, wanted.length + 2)));
  const allowed = Math.max(1, Math.floor(wanted.length / 4));
  return closest <= allowed ? 4 + closest : undefined;
}
