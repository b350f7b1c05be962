import { compiledOnce } from './compiled-query.ts';
import { sqlDate, type Db } from './database.ts';
import type { Platform } from '../domain/types.ts';

// the first statement of every message (compiled-query.ts)
const markQuery = compiledOnce((db: Db, platform: string, messageId: string, at: string) =>
  db.insertInto('ProcessedMessage').values({ platform, messageId, at }).onConflict((oc) => oc.columns(['platform', 'messageId']).doNothing()));

/** Platform message ids already handled, so a redelivered message has effect once. */
export function createMessageLogRepository(db: Db) {
  return {
    /** Records the id; false when it was seen before. Run in the transaction that handles the message. */
    async markProcessed(platform: Platform, messageId: string, at: Date): Promise<boolean> {
      const result = await markQuery(db, platform, messageId, sqlDate(at));
      return Number(result.numAffectedRows ?? 0n) === 1;
    },
  };
}

export type MessageLogRepository = ReturnType<typeof createMessageLogRepository>;
