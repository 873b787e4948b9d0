/**
 * A Map that holds at most `capacity` entries and drops the least recently stored one
 * first. Bounded caches (recommend's shared estimates, the per-user cooldown) use it so
 * that a flood of distinct keys cannot grow them. A Map iterates in insertion order, so
 * storing a key again moves it to the end and the first key is always the oldest.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** Reads without refreshing: only `set` counts as use. */
  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` as the most recent entry; the oldest goes when over capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
