import { fromSqlDate, sqlDate, type Db } from './database.ts';

/** One send target's token bucket (src/app/rate-limiter.ts does the counting). Times in ms. */
export interface TokenBucket {
  tokens: number;
  /** ms when the tokens were last counted */
  at: number;
  /** ms until which the platform told us to stop */
  pausedUntil: number;
  /** "too fast" answers in a row */
  strikes: number;
}

/**
 * The token buckets the instances on one PostgreSQL share (PostgreSQL only: on SQLite the one
 * process keeps them in memory). A bucket is read and written back under its row lock, so two
 * instances taking a token at the same moment count both.
 */
export function createRateBucketRepository(db: Db) {
  return {
    /**
     * Runs `change` on the bucket of `target` (`fresh` when it has none yet) with the row locked,
     * stores what it returns and passes its result on.
     */
    async update<T>(target: string, fresh: TokenBucket, change: (bucket: TokenBucket) => { bucket: TokenBucket; result: T }): Promise<T> {
      return db.transaction().execute(async (tx) => {
        await tx.insertInto('RateBucket').values({ target, tokens: fresh.tokens, at: sqlDate(new Date(fresh.at)), pausedUntil: null, strikes: fresh.strikes })
          .onConflict((oc) => oc.column('target').doNothing()).execute();
        const row = await tx.selectFrom('RateBucket').select(['tokens', 'at', 'pausedUntil', 'strikes']).where('target', '=', target).forUpdate().executeTakeFirstOrThrow();
        const { bucket, result } = change({
          tokens: row.tokens, at: fromSqlDate(row.at).getTime(), pausedUntil: row.pausedUntil ? fromSqlDate(row.pausedUntil).getTime() : 0, strikes: row.strikes,
        });
        await tx.updateTable('RateBucket').set({
          tokens: bucket.tokens, at: sqlDate(new Date(bucket.at)), pausedUntil: bucket.pausedUntil > 0 ? sqlDate(new Date(bucket.pausedUntil)) : null, strikes: bucket.strikes,
        }).where('target', '=', target).execute();
        return result;
      });
    },

    /** A send went through: the backoff starts over (one statement, and only when there was one). */
    async clearStrikes(target: string): Promise<void> {
      await db.updateTable('RateBucket').set({ strikes: 0 }).where('target', '=', target).where('strikes', '>', 0).execute();
    },
  };
}

export type RateBucketRepository = ReturnType<typeof createRateBucketRepository>;
