import { sqlDate, type Db } from './database.ts';
import type { Platform } from '../domain/types.ts';

/** Platform message ids already handled, so a redelivered message has effect once. */
export function createMessageLogRepository(db: Db) {
  return {
    /** Records the id; false when it was seen before. Run in the transaction that handles the message. */
    async markProcessed(platform: Platform, messageId: string, at: Date): Promise<boolean> {
      const result = await db.insertInto('ProcessedMessage').values({ platform, messageId, at: sqlDate(at) })
        .onConflict((oc) => oc.columns(['platform', 'messageId']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
  };
}

export type MessageLogRepository = ReturnType<typeof createMessageLogRepository>;
