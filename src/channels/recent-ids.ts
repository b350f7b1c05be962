/**
 * A time-bounded memory of message ids: platforms redeliver what was not acknowledged in time
 * (DingTalk within about a minute), so an id seen within `ttlMs` is a repeat. Bounded in size
 * too, so a flood cannot grow it without end. The database's processed-message log stays the
 * lasting guard; this one answers before any database work.
 */
export class RecentIds {
  readonly #seen = new Map<string, number>();

  constructor(private readonly ttlMs = 10 * 60_000, private readonly max = 10_000) {}

  /** True when `id` was seen within the window; records it either way. */
  seen(id: string, now: Date = new Date()): boolean {
    const t = now.getTime();
    for (const [key, at] of this.#seen) {
      if (t - at < this.ttlMs && this.#seen.size < this.max) break;
      this.#seen.delete(key);
    }
    const at = this.#seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return true;
    this.#seen.delete(id);
    this.#seen.set(id, t);
    return false;
  }

  /** Forgets `id`: it was not handled after all, and its redelivery is not a repeat. */
  forget(id: string): void {
    this.#seen.delete(id);
  }
}
