/**
 * Finding a record by what a person typed: exact id or name first, then prefixes,
 * then every word contained, then close spellings. Serves autocomplete and the
 * "did you mean" of unknown ids, so it must be cheap: keys are normalised once.
 */
import { distance } from 'fastest-levenshtein';
import { firstInOrder } from './first-in-order.ts';
import { SubstringIndex } from './substring-index.ts';
import { compareCodeUnits } from '../code-unit-order.ts';

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

/** A normalised text without its spaces: how people type "rtx5090" for "RTX 5090". */
function compact(text: string): string {
  return text.replaceAll(' ', '');
}

/** Typos forgiven per word, however long the word. */
const maxTypos = 3;

/**
 * Typos forgiven in a typed word: about one per four letters, at least one, at most
 * three. None in a number: "3090" must not find "3060".
 */
function allowedTypos(typed: string): number {
  return /^\d+$/.test(typed) ? 0 : Math.min(maxTypos, Math.max(1, Math.floor(typed.length / 4)));
}

/** Longest query worth searching with: Discord caps these options at 100 characters. */
export const maxQueryLength = 100;

/** Characters as bits: a-z, digits folded onto five bits, and the dot. */
function characterMask(word: string): number {
  let mask = 0;
  for (let index = 0; index < word.length; index += 1) {
    const code = word.charCodeAt(index);
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else if (code >= 48 && code <= 57) mask |= 1 << (26 + ((code - 48) % 5));
    else mask |= 1 << 31;
  }
  return mask;
}

function bitCount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

/**
 * A lower bound of the edit distance: every character of one word that the other lacks
 * costs at least one edit. Folded digits only weaken the bound, never break it.
 */
function distanceAtLeast(maskA: number, maskB: number): number {
  return Math.max(bitCount(maskA & ~maskB), bitCount(maskB & ~maskA));
}

interface VocabularyWord {
  word: string;
  /** characterMask(word), to rule words out before measuring their distance. */
  mask: number;
  holders: number[];
}

/** A text and the entry it belongs to, kept sorted by text so that a prefix is a range. */
interface Keyed {
  text: string;
  entry: number;
}

/** The first position in `sorted` (ordered by `textOf`) whose text is not below `prefix`. */
function lowerBound<T>(sorted: readonly T[], prefix: string, textOf: (item: T) => string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle];
    if (item !== undefined && textOf(item) < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Calls `visit` for each entry whose text starts with `prefix`. */
function forEachWithPrefix(sorted: readonly Keyed[], prefix: string, visit: (entry: number) => void): void {
  for (let index = lowerBound(sorted, prefix, (keyed) => keyed.text); index < sorted.length; index += 1) {
    const keyed = sorted[index];
    if (!keyed?.text.startsWith(prefix)) return;
    visit(keyed.entry);
  }
}

const notFound = 4;

export class SearchIndex<T extends Searchable> {
  private readonly entries: IndexedEntry<T>[];
  /**
   * Each distinct word of every id and name with the entries that contain it, by length:
   * a typed word is compared with the words within as many letters of its length as it
   * may have typos, not with every record, and words whose letters alone rule them out
   * are skipped before measuring.
   */
  private readonly vocabularyByLength: VocabularyWord[][] = [];
  /** Ids, names and the distinct words sorted, so exact and prefix matches are binary searches, not scans. */
  private readonly ids: Keyed[];
  private readonly names: Keyed[];
  private readonly vocabulary: VocabularyWord[] = [];
  private readonly substrings: SubstringIndex;
  /** Per-query scratch, one slot per entry: best rank, word-prefix counts, typos per word and summed. */
  private readonly bestRank: Int8Array;
  private readonly wordsMatched: Int16Array;
  private readonly lastQueryWord: Int16Array;
  private readonly typoCost: Int16Array;
  private readonly wordTypos: Int8Array;

  /**
   * `keywordsOf` gives further words a record is known by (its chip, the chip's product
   * line): they match as words and substrings, never as the exact or prefix match of a name.
   */
  constructor(records: readonly T[], keywordsOf?: (record: T) => string) {
    const byWord = new Map<string, number[]>();
    const keywords = records.map((record) => (keywordsOf ? normalise(keywordsOf(record)) : ''));
    this.entries = records.map((record, index) => {
      const name = normalise(record.name);
      const id = normalise(record.id);
      const words = [...new Set([...id.split(' '), ...name.split(' '), ...(keywords[index] ?? '').split(' ')])].filter(
        (word) => word !== '',
      );
      for (const word of words) {
        const holders = byWord.get(word);
        if (holders) holders.push(index);
        else byWord.set(word, [index]);
      }
      return { record, id, name, words };
    });
    const byText = (a: Keyed, b: Keyed) => compareCodeUnits(a.text, b.text) || a.entry - b.entry;
    this.ids = this.entries.map((entry, index) => ({ text: entry.id, entry: index })).sort(byText);
    this.names = this.entries.map((entry, index) => ({ text: entry.name, entry: index })).sort(byText);
    for (const [word, holders] of byWord) {
      const entry = { word, mask: characterMask(word), holders };
      this.vocabulary.push(entry);
      (this.vocabularyByLength[word.length] ??= []).push(entry);
    }
    this.vocabulary.sort((a, b) => compareCodeUnits(a.word, b.word));
    this.substrings = new SubstringIndex(
      this.entries.map((entry, index) => [compact(entry.id), compact(entry.name), compact(keywords[index] ?? '')]),
    );
    this.bestRank = new Int8Array(this.entries.length);
    this.wordsMatched = new Int16Array(this.entries.length);
    this.lastQueryWord = new Int16Array(this.entries.length);
    this.typoCost = new Int16Array(this.entries.length);
    this.wordTypos = new Int8Array(this.entries.length);
  }

  /** Ranked matches; an empty query returns the records in catalog order. */
  search(query: string, limit: number): SearchHit<T>[] {
    // No id or name is longer; a 10 kB query must not cost 10 kB of edit distance per word.
    const wanted = normalise(query.slice(0, maxQueryLength));
    if (wanted === '') return this.entries.slice(0, limit).map((entry) => ({ record: entry.record, rank: 0 }));
    const queryWords = wanted.split(' ');
    const closeHits = this.rankClose(wanted, queryWords, limit);
    // The first `limit` entries of each close rank, in catalog order: all a sort by rank could return.
    const byRank: number[][] = [[], [], [], []];
    for (let index = 0; index < this.entries.length; index += 1) {
      const bucket = byRank[this.bestRank[index] ?? notFound];
      if (bucket && bucket.length < limit) bucket.push(index);
    }
    const close = byRank.flat().slice(0, limit);
    const hits = close.flatMap((index) => {
      const entry = this.entries[index];
      return entry ? [{ record: entry.record, rank: this.bestRank[index] ?? notFound }] : [];
    });
    // Fewer close hits than asked for: all of them are in `close`, the ones fuzzy matching skips.
    if (closeHits < limit) hits.push(...this.fuzzyHits(queryWords, new Set(close), limit - hits.length));
    return hits;
  }

  /**
   * Marks each entry's best close rank in `bestRank`: exact id or name (0), a prefix of
   * either (1), every typed word starting a word (2), a substring, spaces aside (3):
   * "rtx5090" finds "RTX 5090". Returns how many entries have one. Substrings are looked
   * for only while fewer than `limit` rank better.
   */
  private rankClose(wanted: string, queryWords: readonly string[], limit: number): number {
    const best = this.bestRank;
    best.fill(notFound);
    let marked = 0;
    const mark = (entry: number, rank: number) => {
      const current = best[entry] ?? notFound;
      if (current === notFound) marked += 1;
      if (rank < current) best[entry] = rank;
    };
    forEachWithPrefix(this.ids, wanted, (entry) => mark(entry, this.entries[entry]?.id === wanted ? 0 : 1));
    forEachWithPrefix(this.names, wanted, (entry) => mark(entry, this.entries[entry]?.name === wanted ? 0 : 1));
    const matched = this.wordsMatched;
    const last = this.lastQueryWord;
    matched.fill(0);
    last.fill(-1);
    queryWords.forEach((typed, wordIndex) => {
      this.forEachHolderOfPrefix(typed, (entry) => {
        if (last[entry] === wordIndex) return; // counted for this typed word already
        last[entry] = wordIndex;
        const count = (matched[entry] ?? 0) + 1;
        matched[entry] = count;
        if (count === queryWords.length) mark(entry, 2);
      });
    });
    if (marked >= limit) return marked;
    this.substrings.forEachContaining(compact(wanted), (entry) => mark(entry, 3));
    return marked;
  }

  /** Calls `visit` for each entry holding a word that starts with `prefix` (once per such word). */
  private forEachHolderOfPrefix(prefix: string, visit: (entry: number) => void): void {
    const vocabulary = this.vocabulary;
    for (let index = lowerBound(vocabulary, prefix, (item) => item.word); index < vocabulary.length; index += 1) {
      const item = vocabulary[index];
      if (!item?.word.startsWith(prefix)) return;
      for (const holder of item.holders) visit(holder);
    }
  }

  /** Close spellings for "did you mean": only fuzzy-or-better hits that are plausibly the same thing. */
  suggest(query: string, limit = 3): T[] {
    return this.search(query, limit).map((hit) => hit.record);
  }

  /**
   * Entries whose words match every typed word within its allowed typos (a typed word
   * that starts a word needs none), the fewest typos first, then catalog order.
   */
  private fuzzyHits(queryWords: readonly string[], skip: ReadonlySet<number>, count: number): SearchHit<T>[] {
    const summed = this.typoCost; // per candidate entry: typos over the typed words so far
    const forWord = this.wordTypos;
    let candidates: number[] = [];
    for (const [wordIndex, typed] of queryWords.entries()) {
      const touched = this.markTypos(typed);
      if (wordIndex === 0) {
        candidates = touched;
        for (const entry of touched) summed[entry] = forWord[entry] ?? 0;
      } else {
        candidates = candidates.filter((entry) => {
          const cost = forWord[entry] ?? -1;
          if (cost < 0) return false;
          summed[entry] = (summed[entry] ?? 0) + cost;
          return true;
        });
      }
      if (candidates.length === 0) return [];
    }
    const rankOf = (entry: number) => {
      // Among equal typos, the record with fewer words beyond the typed ones is the likelier meant.
      const words = this.entries[entry]?.words.length ?? 0;
      return 4 + (summed[entry] ?? 0) + Math.min(0.9, Math.max(0, words - queryWords.length) * 0.01);
    };
    const inCatalogOrder = Int32Array.from(candidates.filter((entry) => !skip.has(entry))).sort();
    const first = firstInOrder(Array.from(inCatalogOrder), rankOf, (a, b) => rankOf(a) - rankOf(b) || a - b, count);
    return first.flatMap((entry) => {
      const record = this.entries[entry]?.record;
      return record ? [{ record, rank: rankOf(entry) }] : [];
    });
  }

  /**
   * Sets `wordTypos` of each entry with a word within the typos allowed for `typed` to the
   * fewest typos it needs (-1 for the others); returns those entries.
   */
  private markTypos(typed: string): number[] {
    const allowed = allowedTypos(typed);
    const typedMask = characterMask(typed);
    const costs = this.wordTypos;
    costs.fill(-1);
    const touched: number[] = [];
    const consider = (holder: number, cost: number) => {
      const known = costs[holder] ?? -1;
      if (known < 0) touched.push(holder);
      if (known < 0 || cost < known) costs[holder] = cost;
    };
    const longest = Math.min(this.vocabularyByLength.length - 1, typed.length + allowed);
    for (let length = Math.max(1, typed.length - allowed); length <= longest; length += 1) {
      for (const { word, mask, holders } of this.vocabularyByLength[length] ?? []) {
        if (word.startsWith(typed) || distanceAtLeast(typedMask, mask) > allowed) continue; // prefixes are counted below
        const cost = distance(typed, word);
        if (cost <= allowed) for (const holder of holders) consider(holder, cost);
      }
    }
    // A typed word that starts a longer word is no typo, whatever the difference in length.
    this.forEachHolderOfPrefix(typed, (entry) => consider(entry, 0));
    return touched;
  }
}
