import type { DbTx } from './client.ts';
import { sqlDate, statement } from './statements.ts';
import type { Platform } from '../domain/types.ts';

/** Platform message ids already handled, so a redelivered message has effect once. */
export function createMessageLogRepository(db: DbTx) {
  return {
    /** Records the id; false when it was seen before. Run in the transaction that handles the message. */
    async markProcessed(platform: Platform, messageId: string, at = new Date()): Promise<boolean> {
      const { changes } = statement(db, 'INSERT OR IGNORE INTO "ProcessedMessage" (platform, messageId, at) VALUES (?, ?, ?)').run(platform, messageId, sqlDate(at));
      return changes === 1;
    },
  };
}

export type MessageLogRepository = ReturnType<typeof createMessageLogRepository>;
