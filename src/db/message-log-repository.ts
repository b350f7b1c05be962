import type { DbTx } from './client.ts';
import type { Platform } from '../domain/types.ts';

/** Platform message ids already handled, so a redelivered message has effect once. */
export function createMessageLogRepository(db: DbTx) {
  return {
    /** Records the id; false when it was seen before. Run in the transaction that handles the message. */
    async markProcessed(platform: Platform, messageId: string): Promise<boolean> {
      const seen = await db.processedMessage.findUnique({ where: { platform_messageId: { platform, messageId } } });
      if (seen) return false;
      await db.processedMessage.create({ data: { platform, messageId } });
      return true;
    },
  };
}

export type MessageLogRepository = ReturnType<typeof createMessageLogRepository>;
