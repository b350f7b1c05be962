import { sql } from 'kysely';
import type { OutgoingMessage } from '../core/messages.ts';
import { fromSqlDate, sqlDate, type Db } from './database.ts';

export interface OutboxEntry extends OutgoingMessage {
  id: number;
  attempts: number;
  createdAt: Date;
}

const ENTRY = ['id', 'dedupeKey', 'kind', 'groupId', 'personId', 'text', 'mentions', 'extra', 'attempts', 'createdAt'] as const;

/** The persistent outbox: every outgoing message is written here before it is sent. */
export function createOutboxRepository(db: Db) {
  const row = (msg: OutgoingMessage, now: Date, notBefore: Date) => ({
    dedupeKey: msg.dedupeKey ?? null, kind: msg.kind, groupId: msg.groupId, personId: msg.personId, text: msg.text,
    mentions: JSON.stringify(msg.mentions), extra: JSON.stringify(msg.extra ?? {}), createdAt: sqlDate(now), nextAttemptAt: sqlDate(notBefore),
  });
  return {
    /**
     * Writes the message; false (and nothing written) when its dedupe key was used before.
     * `notBefore` holds a routine push back until it may go out (quiet hours, holidays).
     */
    async enqueue(msg: OutgoingMessage, now: Date, notBefore: Date = now): Promise<boolean> {
      const result = await db.insertInto('OutboxMessage').values(row(msg, now, notBefore))
        .onConflict((oc) => oc.column('dedupeKey').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    /**
     * Writes many keyed pushes at once (a job run's), each with the time it may go out; those whose
     * key was used before are skipped (by the unique key itself, so concurrent writers agree).
     * Returns how many were written.
     */
    async enqueueKeyed(items: ReadonlyArray<{ message: OutgoingMessage & { dedupeKey: string }; notBefore: Date }>, now: Date): Promise<number> {
      const fresh = new Map(items.map((i) => [i.message.dedupeKey, i]));
      if (fresh.size === 0) return 0;
      let written = 0;
      // in slices: SQLite allows 32,766 parameters per statement, PostgreSQL 65,535
      const all = [...fresh.values()];
      for (let at = 0; at < all.length; at += 500) {
        const rows = all.slice(at, at + 500).map(({ message, notBefore }) => row(message, now, notBefore));
        const inserted = await db.insertInto('OutboxMessage').values(rows)
          .onConflict((oc) => oc.column('dedupeKey').doNothing()).returning('id').execute();
        written += inserted.length;
      }
      return written;
    },
    async hasKey(dedupeKey: string): Promise<boolean> {
      return (await db.selectFrom('OutboxMessage').select('id').where('dedupeKey', '=', dedupeKey).executeTakeFirst()) !== undefined;
    },
    /** Messages due for a (re)try, oldest first. */
    async due(now: Date, limit = 100): Promise<OutboxEntry[]> {
      const rows = await db.selectFrom('OutboxMessage').select(ENTRY)
        .where('status', '=', 'pending').where('nextAttemptAt', '<=', sqlDate(now)).orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, kind: r.kind as OutgoingMessage['kind'], groupId: r.groupId, personId: r.personId, text: r.text,
        mentions: JSON.parse(r.mentions) as number[], extra: JSON.parse(r.extra) as OutgoingMessage['extra'],
        ...(r.dedupeKey ? { dedupeKey: r.dedupeKey } : {}), attempts: r.attempts, createdAt: fromSqlDate(r.createdAt),
      }));
    },
    /** When the next pending message falls due in (after, until], or null: the simulator steps to it. */
    async nextDueBetween(after: Date, until: Date): Promise<Date | null> {
      const row = await db.selectFrom('OutboxMessage').select('nextAttemptAt')
        .where('status', '=', 'pending').where('nextAttemptAt', '>', sqlDate(after)).where('nextAttemptAt', '<=', sqlDate(until))
        .orderBy('nextAttemptAt').limit(1).executeTakeFirst();
      return row ? fromSqlDate(row.nextAttemptAt) : null;
    },
    async pendingCount(): Promise<number> {
      const { n } = await db.selectFrom('OutboxMessage').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
      return Number(n);
    },
    /**
     * Marks the entries of one message sent, in one statement (a burst of reminders merged into
     * one message is sent once: it is marked once, all or nothing).
     */
    async markSent(ids: readonly number[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      const result = await db.updateTable('OutboxMessage').set({ status: 'sent', sentAt: sqlDate(at), attempts: sql`"attempts" + 1` })
        .where('id', 'in', [...ids]).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== ids.length) throw new Error(`outbox messages ${ids.join(', ')}: ${Number(result.numUpdatedRows)} found`);
    },
    async markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void> {
      await db.updateTable('OutboxMessage').set({ attempts: sql`"attempts" + 1`, lastError: error, nextAttemptAt: sqlDate(nextAttemptAt) })
        .where('id', '=', id).execute();
    },
    /** Not sent yet for a reason that is not a failure (rate limit, pause): later, without using a try. */
    async defer(id: number, nextAttemptAt: Date, reason?: string): Promise<void> {
      await db.updateTable('OutboxMessage').set({ nextAttemptAt: sqlDate(nextAttemptAt), ...(reason ? { lastError: reason } : {}) })
        .where('id', '=', id).execute();
    },
    /** Records how many parts of a split message went out, so a retry never repeats them (never fewer than before). */
    async markProgress(id: number, partsSent: number): Promise<void> {
      const row = await db.selectFrom('OutboxMessage').select('extra').where('id', '=', id).executeTakeFirst();
      if (!row) return;
      const extra = JSON.parse(row.extra) as NonNullable<OutgoingMessage['extra']>;
      if ((extra.partsSent ?? 0) >= partsSent) return;
      await db.updateTable('OutboxMessage').set({ extra: JSON.stringify({ ...extra, partsSent }) }).where('id', '=', id).execute();
    },
    async markFailed(id: number, error: string): Promise<void> {
      await db.updateTable('OutboxMessage').set({ status: 'failed', attempts: sql`"attempts" + 1`, lastError: error }).where('id', '=', id).execute();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
