/** A token bucket's shape: refill per minute and size. */
export interface Rate {
  perMinute: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  /** ms of the last refill */
  at: number;
  /** ms until which the platform told us to stop */
  pausedUntil: number;
  /** rate-limit answers in a row: the backoff grows with them */
  strikes: number;
}

/** First pause after a "too fast" answer; it doubles with each one in a row, up to the cap. */
export const PAUSE_BASE_MS = 60_000;
export const PAUSE_CAP_MS = 15 * 60_000;

/**
 * One token bucket per target (robot, webhook or account), plus a pause when the platform said
 * "too fast". Time is always passed in, so tests move it by hand and nothing here reads a clock.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  #bucket(target: string, rate: Rate, now: number): Bucket {
    let b = this.#buckets.get(target);
    if (!b) {
      b = { tokens: rate.burst, at: now, pausedUntil: 0, strikes: 0 };
      this.#buckets.set(target, b);
    }
    const refill = ((now - b.at) / 60_000) * rate.perMinute;
    if (refill > 0) {
      b.tokens = Math.min(rate.burst, b.tokens + refill);
      b.at = now;
    }
    return b;
  }

  /**
   * Takes one token for `target`: 0 when it may send now, else how many ms until it may.
   * A target never waits for more than its pause plus one token's refill.
   */
  take(target: string, rate: Rate, now: Date): number {
    const t = now.getTime();
    const b = this.#bucket(target, rate, t);
    if (b.pausedUntil > t) return b.pausedUntil - t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / rate.perMinute) * 60_000);
  }

  /**
   * The platform refused as too fast: stop the target with a growing backoff (or exactly
   * `hintMs` when `steady`); returns when it may try again.
   */
  pause(target: string, rate: Rate, now: Date, hintMs?: number, steady = false): Date {
    const t = now.getTime();
    const b = this.#bucket(target, rate, t);
    if (steady && hintMs !== undefined) {
      b.pausedUntil = t + hintMs;
      return new Date(b.pausedUntil);
    }
    const backoff = Math.min(PAUSE_BASE_MS * 2 ** b.strikes, PAUSE_CAP_MS);
    b.strikes += 1;
    b.tokens = 0;
    b.pausedUntil = t + Math.max(backoff, hintMs ?? 0);
    return new Date(b.pausedUntil);
  }

  /** A send went through: the backoff starts over. */
  succeeded(target: string): void {
    const b = this.#buckets.get(target);
    if (b) b.strikes = 0;
  }
}
