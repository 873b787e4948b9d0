/**
 * A per-user cooldown between commands, bounded in memory: the oldest entries go first
 * once the table is full, so a flood of distinct users cannot grow it without limit.
 */
import { LruMap } from '../lru-map.ts';

export type CooldownVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Cooldown {
  private readonly lastUse: LruMap<string, number>;

  constructor(
    private readonly seconds: number,
    maxUsers = 10_000,
  ) {
    this.lastUse = new LruMap(maxUsers);
  }

  /** Records a use at `nowMs` when allowed; a refused use does not restart the wait. */
  hit(userId: string, nowMs: number): CooldownVerdict {
    if (this.seconds <= 0) return { ok: true };
    const last = this.lastUse.get(userId);
    if (last !== undefined && nowMs - last < this.seconds * 1000) {
      return { ok: false, retryAfterSeconds: Math.ceil((this.seconds * 1000 - (nowMs - last)) / 1000) };
    }
    this.lastUse.set(userId, nowMs);
    return { ok: true };
  }

  get size(): number {
    return this.lastUse.size;
  }
}
