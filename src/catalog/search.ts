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

/** Longest query worth searching with: Discord caps these options at 100 characters. */
export const maxQueryLength = 100;
/** Typos forgiven per word, however long the word. */
const maxTypos = 3;

export class SearchIndex<T extends Searchable> {
  private readonly entries: IndexedEntry<T>[];
  /** Each distinct word of every id and name, with the entries that contain it: fuzzy matching
   * compares a typed word with a few hundred words, not with every record. */
  private readonly vocabulary = new Map<string, number[]>();

  constructor(records: readonly T[]) {
    this.entries = records.map((record, index) => {
      const name = normalise(record.name);
      const id = normalise(record.id);
      const words = [...new Set([...id.split(' '), ...name.split(' ')])].filter((word) => word !== '');
      for (const word of words) {
        const holders = this.vocabulary.get(word);
        if (holders) holders.push(index);
        else this.vocabulary.set(word, [index]);
      }
      return { record, id, name, words };
    });
  }

  /** Ranked matches; an empty query returns the records in catalog order. */
  search(query: string, limit: number): SearchHit<T>[] {
    // No id or name is longer; a 10 kB query must not cost 10 kB of edit distance per word.
    const wanted = normalise(query.slice(0, maxQueryLength));
    if (wanted === '') return this.entries.slice(0, limit).map((entry) => ({ record: entry.record, rank: 0 }));
    const queryWords = wanted.split(' ');
    const hits: SearchHit<T>[] = [];
    const found = new Set<number>();
    this.entries.forEach((entry, index) => {
      const rank = closeRank(entry, wanted, queryWords);
      if (rank === undefined) return;
      hits.push({ record: entry.record, rank });
      found.add(index);
    });
    if (hits.length < limit) hits.push(...this.fuzzyHits(queryWords, found));
    return hits.sort((a, b) => a.rank - b.rank).slice(0, limit);
  }

  /** Close spellings for "did you mean": only fuzzy-or-better hits that are plausibly the same thing. */
  suggest(query: string, limit = 3): T[] {
    return this.search(query, limit).map((hit) => hit.record);
  }

  /**
   * Entries whose words match every typed word within about one typo per four letters.
   * Numbers are never fuzzy: "3090" must not find "3060".
   */
  private fuzzyHits(queryWords: readonly string[], skip: ReadonlySet<number>): SearchHit<T>[] {
    let matched: Map<number, number> | undefined; // entry index -> summed distance
    for (const typed of queryWords) {
      const allowed = /^\d+$/.test(typed) ? 0 : Math.min(maxTypos, Math.max(1, Math.floor(typed.length / 4)));
      const forWord = new Map<number, number>();
      for (const [word, holders] of this.vocabulary) {
        if (Math.abs(word.length - typed.length) > allowed && !word.startsWith(typed)) continue;
        const cost = word.startsWith(typed) ? 0 : distance(typed, word);
        if (cost > allowed) continue;
        for (const holder of holders) forWord.set(holder, Math.min(forWord.get(holder) ?? cost, cost));
      }
      matched = matched === undefined ? forWord : new Map([...matched].filter(([holder]) => forWord.has(holder)).map(([holder, cost]) => [holder, cost + (forWord.get(holder) ?? 0)]));
      if (matched.size === 0) return [];
    }
    const hits: SearchHit<T>[] = [];
    for (const [holder, cost] of matched ?? []) {
      const entry = this.entries[holder];
      // Among equal typos, the record with fewer words beyond the typed ones is the likelier meant.
      if (entry && !skip.has(holder)) hits.push({ record: entry.record, rank: 4 + cost + Math.min(0.9, Math.max(0, entry.words.length - queryWords.length) * 0.01) });
    }
    return hits;
  }
}

/** Exact, prefix, every word, substring: the cheap ranks, tried on every entry. */
function closeRank<T>(entry: IndexedEntry<T>, wanted: string, queryWords: readonly string[]): number | undefined {
  if (entry.id === wanted || entry.name === wanted) return 0;
  if (entry.id.startsWith(wanted) || entry.name.startsWith(wanted)) return 1;
  if (queryWords.every((word) => entry.words.some((candidate) => candidate.startsWith(word)))) return 2;
  if (entry.id.includes(wanted) || entry.name.includes(wanted)) return 3;
  return undefined;
}
