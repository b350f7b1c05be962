import type { TokenBucket } from '../db/rate-bucket-repository.ts';

/** A token bucket's shape: refill per minute and size. */
export interface Rate {
  perMinute: number;
  burst: number;
}

/** First pause after a "too fast" answer; it doubles with each one in a row, up to the cap. */
export const PAUSE_BASE_MS = 60_000;
export const PAUSE_CAP_MS = 15 * 60_000;

/**
 * What the dispatcher asks before and after each send to a target (robot, webhook or account):
 * in this process's memory (RateLimiter), or shared by the instances on one PostgreSQL
 * (SharedRateLimiter, shared-rate-limiter.ts).
 */
export interface TargetLimiter {
  /** 0 when it may send now, else how many ms until it may; takes a token when 0 */
  take(target: string, rate: Rate, now: Date): number | Promise<number>;
  /** the platform refused as too fast: when the target may try again */
  pause(target: string, rate: Rate, now: Date, hintMs?: number, steady?: boolean): Date | Promise<Date>;
  /** a send went through: the backoff starts over */
  succeeded(target: string): void | Promise<void>;
}

/** A bucket no one has drawn from: full. */
export const freshBucket = (rate: Rate, now: number): TokenBucket => ({ tokens: rate.burst, at: now, pausedUntil: 0, strikes: 0 });

/** The bucket with what flowed in since it was last counted (never counted backwards: another host's clock may lag). */
function refilled(b: TokenBucket, rate: Rate, now: number): TokenBucket {
  if (now <= b.at) return b;
  return { ...b, tokens: Math.min(rate.burst, b.tokens + ((now - b.at) / 60_000) * rate.perMinute), at: now };
}

/**
 * Takes one token: `wait` 0 when it may send now, else how many ms until it may. A target never
 * waits for more than its pause plus one token's refill.
 */
export function takeToken(bucket: TokenBucket, rate: Rate, now: number): { bucket: TokenBucket; result: number } {
  const b = refilled(bucket, rate, now);
  if (b.pausedUntil > now) return { bucket: b, result: b.pausedUntil - now };
  if (b.tokens >= 1) return { bucket: { ...b, tokens: b.tokens - 1 }, result: 0 };
  return { bucket: b, result: Math.ceil(((1 - b.tokens) / rate.perMinute) * 60_000) };
}

/**
 * The platform refused as too fast: stops the target with a growing backoff (or exactly `hintMs`
 * when `steady`); the result is when it may try again.
 */
export function pauseBucket(bucket: TokenBucket, rate: Rate, now: number, hintMs?: number, steady = false): { bucket: TokenBucket; result: Date } {
  const b = refilled(bucket, rate, now);
  if (steady && hintMs !== undefined) return { bucket: { ...b, pausedUntil: now + hintMs }, result: new Date(now + hintMs) };
  const backoff = Math.min(PAUSE_BASE_MS * 2 ** b.strikes, PAUSE_CAP_MS);
  const pausedUntil = now + Math.max(backoff, hintMs ?? 0);
  return { bucket: { ...b, strikes: b.strikes + 1, tokens: 0, pausedUntil }, result: new Date(pausedUntil) };
}

/**
 * One token bucket per target in this process's memory, plus a pause when the platform said
 * "too fast": one process (SQLite), or a test. Time is always passed in, so tests move it by hand
 * and nothing here reads a clock.
 */
export class RateLimiter implements TargetLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  #apply<T>(target: string, rate: Rate, now: number, change: (b: TokenBucket) => { bucket: TokenBucket; result: T }): T {
    const { bucket, result } = change(this.#buckets.get(target) ?? freshBucket(rate, now));
    this.#buckets.set(target, bucket);
    return result;
  }

  take(target: string, rate: Rate, now: Date): number {
    return this.#apply(target, rate, now.getTime(), (b) => takeToken(b, rate, now.getTime()));
  }

  pause(target: string, rate: Rate, now: Date, hintMs?: number, steady = false): Date {
    return this.#apply(target, rate, now.getTime(), (b) => pauseBucket(b, rate, now.getTime(), hintMs, steady));
  }

  succeeded(target: string): void {
    const b = this.#buckets.get(target);
    if (b) this.#buckets.set(target, { ...b, strikes: 0 });
  }
}
