/**
 * A per-user cooldown between commands, bounded in memory: the oldest entries go first
 * once the table is full, so a flood of distinct users cannot grow it without limit.
 */
export type CooldownVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Cooldown {
  private readonly lastUse = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly maxUsers = 10_000,
  ) {}

  /** Records a use at `nowMs` when allowed; a refused use does not restart the wait. */
  hit(userId: string, nowMs: number): CooldownVerdict {
    if (this.seconds <= 0) return { ok: true };
    const last = this.lastUse.get(userId);
    if (last !== undefined && nowMs - last < this.seconds * 1000) {
      return { ok: false, retryAfterSeconds: Math.ceil((this.seconds * 1000 - (nowMs - last)) / 1000) };
    }
    this.lastUse.delete(userId); // re-insert so the Map's order is least recently used first
    this.lastUse.set(userId, nowMs);
    if (this.lastUse.size > this.maxUsers) {
      const oldest = this.lastUse.keys().next();
      if (!oldest.done) this.lastUse.delete(oldest.value);
    }
    return { ok: true };
  }

  get size(): number {
    return this.lastUse.size;
  }
}
