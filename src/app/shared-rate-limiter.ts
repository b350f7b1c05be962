import { freshBucket, pauseBucket, takeToken, type Rate, type TargetLimiter } from './rate-limiter.ts';
import type { Db } from '../db/database.ts';
import { createRateBucketRepository } from '../db/rate-bucket-repository.ts';

/**
 * The targets' token buckets kept in PostgreSQL (`RateBucket`), one per target for all instances:
 * N instances together stay under a robot's limit, and a "too fast" answer one of them got pauses
 * the target for all. Each take reads and writes the bucket under its row lock.
 */
export class SharedRateLimiter implements TargetLimiter {
  readonly #buckets;
  /** targets this instance last saw with strikes: only they need the reset after a success */
  readonly #struck = new Set<string>();

  constructor(db: Db) {
    this.#buckets = createRateBucketRepository(db);
  }

  async take(target: string, rate: Rate, now: Date): Promise<number> {
    return this.#buckets.update(target, freshBucket(rate, now.getTime()), (b) => {
      if (b.strikes > 0) this.#struck.add(target);
      return takeToken(b, rate, now.getTime());
    });
  }

  async pause(target: string, rate: Rate, now: Date, hintMs?: number, steady = false): Promise<Date> {
    this.#struck.add(target);
    return this.#buckets.update(target, freshBucket(rate, now.getTime()), (b) => pauseBucket(b, rate, now.getTime(), hintMs, steady));
  }

  async succeeded(target: string): Promise<void> {
    if (!this.#struck.delete(target)) return;
    await this.#buckets.clearStrikes(target);
  }
}
