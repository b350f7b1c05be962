import type { OutgoingMessage } from '../core/messages.ts';
import type { DbTx } from './client.ts';
import { sqlDate, statement } from './statements.ts';

export type { OutgoingMessage };

export interface OutboxEntry extends OutgoingMessage {
  id: number;
  attempts: number;
  createdAt: Date;
}

/** The persistent outbox: every outgoing message is written here before it is sent. */
export function createOutboxRepository(db: DbTx) {
  return {
    /**
     * Writes the message; false (and nothing written) when its dedupe key was used before.
     * `notBefore` holds a routine push back until it may go out (quiet hours, holidays).
     */
    async enqueue(msg: OutgoingMessage, now: Date, notBefore: Date = now): Promise<boolean> {
      // every reply goes through here: a prepared statement, not a Prisma query (statements.ts)
      const { changes } = statement(db, `INSERT INTO "OutboxMessage" (dedupeKey, kind, groupId, personId, text, mentions, extra, createdAt, nextAttemptAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING`).run(
        msg.dedupeKey ?? null, msg.kind, msg.groupId, msg.personId, msg.text, JSON.stringify(msg.mentions), JSON.stringify(msg.extra ?? {}),
        sqlDate(now), sqlDate(notBefore),
      );
      return changes === 1;
    },
    /**
     * Writes many keyed pushes at once (a job run's), each with the time it may go out; those whose
     * key was used before are skipped. Returns how many were written.
     */
    async enqueueKeyed(items: ReadonlyArray<{ message: OutgoingMessage & { dedupeKey: string }; notBefore: Date }>, now: Date): Promise<number> {
      if (items.length === 0) return 0;
      const seen = new Set(
        (await db.outboxMessage.findMany({ where: { dedupeKey: { in: items.map((i) => i.message.dedupeKey) } }, select: { dedupeKey: true } }))
          .map((r) => r.dedupeKey),
      );
      const fresh = new Map(items.filter((i) => !seen.has(i.message.dedupeKey)).map((i) => [i.message.dedupeKey, i]));
      if (fresh.size === 0) return 0;
      const { count } = await db.outboxMessage.createMany({
        data: [...fresh.values()].map(({ message: m, notBefore }) => ({
          dedupeKey: m.dedupeKey, kind: m.kind, groupId: m.groupId, personId: m.personId, text: m.text,
          mentions: JSON.stringify(m.mentions), extra: JSON.stringify(m.extra ?? {}), createdAt: now, nextAttemptAt: notBefore,
        })),
      });
      return count;
    },
    async hasKey(dedupeKey: string): Promise<boolean> {
      return (await db.outboxMessage.count({ where: { dedupeKey } })) > 0;
    },
    /** Messages due for a (re)try, oldest first. */
    async due(now: Date, limit = 100): Promise<OutboxEntry[]> {
      const rows = statement(db, `SELECT id, dedupeKey, kind, groupId, personId, text, mentions, extra, attempts, createdAt FROM "OutboxMessage"
        WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY id LIMIT ?`).all(sqlDate(now), limit) as Array<{
        id: number; dedupeKey: string | null; kind: string; groupId: number | null; personId: number | null; text: string;
        mentions: string; extra: string; attempts: number; createdAt: string;
      }>;
      return rows.map((r) => ({
        id: r.id, kind: r.kind as OutgoingMessage['kind'], groupId: r.groupId, personId: r.personId, text: r.text,
        mentions: JSON.parse(r.mentions) as number[], extra: JSON.parse(r.extra) as OutgoingMessage['extra'],
        ...(r.dedupeKey ? { dedupeKey: r.dedupeKey } : {}), attempts: r.attempts, createdAt: new Date(r.createdAt),
      }));
    },
    /** When the next pending message falls due in (after, until], or null: the simulator steps to it. */
    async nextDueBetween(after: Date, until: Date): Promise<Date | null> {
      const row = await db.outboxMessage.findFirst({
        where: { status: 'pending', nextAttemptAt: { gt: after, lte: until } }, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true },
      });
      return row?.nextAttemptAt ?? null;
    },
    async pendingCount(): Promise<number> {
      return db.outboxMessage.count({ where: { status: 'pending' } });
    },
    async markSent(id: number, at: Date): Promise<void> {
      const { changes } = statement(db, 'UPDATE "OutboxMessage" SET status = \'sent\', sentAt = ?, attempts = attempts + 1 WHERE id = ?').run(sqlDate(at), id);
      if (changes === 0) throw new Error(`outbox message ${id} not found`);
    },
    async markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void> {
      await db.outboxMessage.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error, nextAttemptAt } });
    },
    /** Not sent yet for a reason that is not a failure (rate limit, pause): later, without using a try. */
    async defer(id: number, nextAttemptAt: Date, reason?: string): Promise<void> {
      await db.outboxMessage.update({ where: { id }, data: { nextAttemptAt, ...(reason ? { lastError: reason } : {}) } });
    },
    /** Records how many parts of a split message went out, so a retry never repeats them. */
    async markProgress(id: number, partsSent: number): Promise<void> {
      const row = await db.outboxMessage.findUnique({ where: { id }, select: { extra: true } });
      if (!row) return;
      const extra = { ...(JSON.parse(row.extra) as NonNullable<OutgoingMessage['extra']>), partsSent };
      await db.outboxMessage.update({ where: { id }, data: { extra: JSON.stringify(extra) } });
    },
    async markFailed(id: number, error: string): Promise<void> {
      await db.outboxMessage.update({ where: { id }, data: { status: 'failed', attempts: { increment: 1 }, lastError: error } });
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
