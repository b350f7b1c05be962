import { sql } from 'kysely';
import { compiledOnce } from './compiled-query.ts';
import type { OutgoingFile, OutgoingMessage } from '../core/messages.ts';
import type { Platform } from '../domain/types.ts';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { DB_NOW, leaseStillHeld, type LeaseFence } from './lease-repository.ts';

export interface OutboxEntry extends OutgoingMessage {
  id: number;
  attempts: number;
  createdAt: Date;
}

const ENTRY = ['id', 'dedupeKey', 'kind', 'groupId', 'personId', 'accountPlatform', 'accountId', 'text', 'mentions', 'extra', 'attempts', 'createdAt'] as const;

type EntryRow = { id: number; dedupeKey: string | null; kind: string; groupId: number | null; personId: number | null;
  accountPlatform: string | null; accountId: string | null; text: string; mentions: string; extra: string; attempts: number; createdAt: string };

function toEntry(r: EntryRow): OutboxEntry {
  return {
    id: r.id, kind: r.kind as OutgoingMessage['kind'], groupId: r.groupId, personId: r.personId, text: r.text,
    ...(r.accountPlatform && r.accountId ? { account: { platform: r.accountPlatform as Platform, id: r.accountId } } : {}),
    mentions: JSON.parse(r.mentions) as number[], extra: JSON.parse(r.extra) as OutgoingMessage['extra'],
    ...(r.dedupeKey ? { dedupeKey: r.dedupeKey } : {}), attempts: r.attempts, createdAt: fromSqlDate(r.createdAt),
  };
}

const row = (msg: OutgoingMessage, now: Date, notBefore: Date) => ({
  dedupeKey: msg.dedupeKey ?? null, kind: msg.kind, groupId: msg.groupId, personId: msg.personId,
  accountPlatform: msg.account?.platform ?? null, accountId: msg.account?.id ?? null, text: msg.text,
  mentions: JSON.stringify(msg.mentions), extra: JSON.stringify(msg.extra ?? {}), createdAt: sqlDate(now), nextAttemptAt: sqlDate(notBefore),
});

// every reply and push is written, read back when due and marked sent: compiled once (compiled-query.ts)
const enqueueQuery = compiledOnce((db: Db, dedupeKey: string | null, kind: string, groupId: number | null, personId: number | null,
  accountPlatform: string | null, accountId: string | null, text: string, mentions: string, extra: string, createdAt: string, nextAttemptAt: string) =>
  db.insertInto('OutboxMessage').values({ dedupeKey, kind, groupId, personId, accountPlatform, accountId, text, mentions, extra, createdAt, nextAttemptAt })
    .onConflict((oc) => oc.column('dedupeKey').doNothing()));
const dueQuery = compiledOnce((db: Db, now: string, limit: number) =>
  db.selectFrom('OutboxMessage').select(ENTRY).where('status', '=', 'pending').where('nextAttemptAt', '<=', now).orderBy('id').limit(limit));
const markOneSentQuery = compiledOnce((db: Db, id: number, at: string) =>
  db.updateTable('OutboxMessage').set({ status: 'sent', sentAt: at, attempts: sql`"attempts" + 1` }).where('id', '=', id));

/** The persistent outbox: every outgoing message is written here before it is sent. */
export function createOutboxRepository(db: Db) {
  /**
   * The row, then the file's bytes under its id, on the caller's `db`: in the transaction that
   * writes the message (a command's, a job's), so neither lands without the other.
   */
  async function enqueueWithFile(msg: OutgoingMessage, file: OutgoingFile, now: Date, notBefore: Date): Promise<boolean> {
    const written = await db.insertInto('OutboxMessage').values(row({ ...msg, extra: { ...msg.extra, file: file.name } }, now, notBefore))
      .onConflict((oc) => oc.column('dedupeKey').doNothing()).returning('id').executeTakeFirst();
    if (!written) return false;
    await db.insertInto('OutboxFile').values({ outboxId: written.id, size: file.data.length, data: file.data }).execute();
    return true;
  }

  return {
    /**
     * Writes the message; false (and nothing written) when its dedupe key was used before.
     * `notBefore` holds a routine push back until it may go out (quiet hours, holidays).
     */
    async enqueue(msg: OutgoingMessage, now: Date, notBefore: Date = now): Promise<boolean> {
      if (msg.file) return enqueueWithFile(msg, msg.file, now, notBefore);
      const r = row(msg, now, notBefore);
      const result = await enqueueQuery(db, r.dedupeKey, r.kind, r.groupId, r.personId, r.accountPlatform, r.accountId, r.text, r.mentions, r.extra, r.createdAt, r.nextAttemptAt);
      return Number(result.numAffectedRows ?? 0n) === 1;
    },
    /**
     * Writes many keyed pushes at once (a job run's), each with the time it may go out; those whose
     * key was used before are skipped (by the unique key itself, so concurrent writers agree).
     * Returns how many were written.
     */
    async enqueueKeyed(items: ReadonlyArray<{ message: Omit<OutgoingMessage, 'file'> & { dedupeKey: string }; notBefore: Date }>, now: Date): Promise<number> {
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
      return (await dueQuery(db, sqlDate(now), limit)).rows.map(toEntry);
    },
    /**
     * Several instances on one PostgreSQL: takes the messages due at `now` that no live instance
     * is sending, for `instance`, until `claimMs` from the database's now — one statement, rows
     * another instance is claiming at the same moment skipped (FOR UPDATE SKIP LOCKED), so each
     * message goes to one instance. A claim that lapses (its instance died) is taken by the next.
     * With a `fence` (a platform one instance at a time is connected to) nothing is claimed unless
     * `instance` holds that connection's lease right now.
     */
    async claimDue(now: Date, instance: string, claimMs: number, limit = 100, fence?: LeaseFence): Promise<OutboxEntry[]> {
      const rows = await sql<EntryRow>`
        UPDATE "OutboxMessage" SET "claimedBy" = ${instance}, "claimedUntil" = ${DB_NOW} + ${claimMs} * interval '1 millisecond'
        WHERE ${fence ? leaseStillHeld(fence) : sql`TRUE`} AND "id" IN (
          SELECT "id" FROM "OutboxMessage"
          WHERE "status" = 'pending' AND "nextAttemptAt" <= ${sqlDate(now)}
            AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${DB_NOW} OR "claimedBy" = ${instance})
          ORDER BY "id" LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING ${sql.join(ENTRY.map((c) => sql.ref(c)))}`.execute(db);
      return rows.rows.map(toEntry).sort((a, b) => a.id - b.id);
    },
    /**
     * Just before a send: keeps the claim on `ids` for another `claimMs`, and says whether it was
     * still this instance's on every one of them. False after a pause past the claim (a frozen VM,
     * SIGSTOP) when another instance took them over: then this one must not send them. With a
     * `fence`, also false once `instance` no longer holds that connection's lease (the fencing of
     * a single-connection platform's sends: the check and the send's permission are one statement).
     */
    async holdClaim(ids: readonly number[], instance: string, claimMs: number, fence?: LeaseFence): Promise<boolean> {
      if (ids.length === 0) return true;
      const keep = db.updateTable('OutboxMessage').set({ claimedUntil: sql`${DB_NOW} + ${claimMs} * interval '1 millisecond'` })
        .where('id', 'in', [...ids]).where('claimedBy', '=', instance).where('status', '=', 'pending');
      const result = await (fence ? keep.where(leaseStillHeld(fence)) : keep).executeTakeFirst();
      return Number(result.numUpdatedRows) === ids.length;
    },
    /** How many messages wait, how many failed for good, and since when the oldest waits (运行状态). */
    async statusCounts(): Promise<{ pending: number; failed: number; oldestPending: Date | null }> {
      const rows = await db.selectFrom('OutboxMessage').select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('createdAt').as('oldest')])
        .where('status', 'in', ['pending', 'failed']).groupBy('status').execute();
      const of = (status: string) => rows.find((r) => r.status === status);
      const oldest = of('pending')?.oldest;
      return { pending: Number(of('pending')?.n ?? 0), failed: Number(of('failed')?.n ?? 0), oldestPending: oldest ? fromSqlDate(String(oldest)) : null };
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
      const [only] = ids;
      const updated = ids.length === 1 && only !== undefined
        ? (await markOneSentQuery(db, only, sqlDate(at))).numAffectedRows
        : (await db.updateTable('OutboxMessage').set({ status: 'sent', sentAt: sqlDate(at), attempts: sql`"attempts" + 1` })
          .where('id', 'in', [...ids]).executeTakeFirst()).numUpdatedRows;
      if (Number(updated) !== ids.length) throw new Error(`outbox messages ${ids.join(', ')}: ${Number(updated)} found`);
    },
    /**
     * markSent for a claimed message (several instances): marks only what `instance` still holds
     * and is pending; false when another instance took any of them over meanwhile (the claim
     * lapsed during the send) — the caller reports that the message may have gone out twice.
     */
    async markSentClaimed(ids: readonly number[], at: Date, instance: string): Promise<boolean> {
      if (ids.length === 0) return true;
      const result = await db.updateTable('OutboxMessage').set({ status: 'sent', sentAt: sqlDate(at), attempts: sql`"attempts" + 1` })
        .where('id', 'in', [...ids]).where('claimedBy', '=', instance).where('status', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) === ids.length;
    },
    // the claim is let go with each outcome but "sent", so any instance may take the next try;
    // a message another instance sent meanwhile (status no longer pending) is left as it is
    async markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void> {
      await db.updateTable('OutboxMessage').set({ attempts: sql`"attempts" + 1`, lastError: error, nextAttemptAt: sqlDate(nextAttemptAt), claimedBy: null, claimedUntil: null })
        .where('id', '=', id).where('status', '=', 'pending').execute();
    },
    /** Not sent yet for a reason that is not a failure (rate limit, pause): later, without using a try. */
    async defer(id: number, nextAttemptAt: Date, reason?: string): Promise<void> {
      await db.updateTable('OutboxMessage').set({ nextAttemptAt: sqlDate(nextAttemptAt), claimedBy: null, claimedUntil: null, ...(reason ? { lastError: reason } : {}) })
        .where('id', '=', id).where('status', '=', 'pending').execute();
    },
    /** Records how many parts of a split message went out, so a retry never repeats them (never fewer than before). */
    async markProgress(id: number, partsSent: number): Promise<void> {
      const row = await db.selectFrom('OutboxMessage').select('extra').where('id', '=', id).executeTakeFirst();
      if (!row) return;
      const extra = JSON.parse(row.extra) as NonNullable<OutgoingMessage['extra']>;
      if ((extra.partsSent ?? 0) >= partsSent) return;
      await db.updateTable('OutboxMessage').set({ extra: JSON.stringify({ ...extra, partsSent }) }).where('id', '=', id).execute();
    },
    /**
     * The bytes of the file message `id` sends after its text (`extra.file` names it), or null when
     * none are kept. Read just before the send: the entries `due`/`claimDue` return carry no bytes.
     */
    async fileBytes(id: number): Promise<Buffer | null> {
      return (await db.selectFrom('OutboxFile').select('data').where('outboxId', '=', id).executeTakeFirst())?.data ?? null;
    },
    /**
     * Drops the file bytes of messages that will not be sent again: in the transaction that marks
     * them sent (or failed for good), so the table holds only what waits.
     */
    async dropFiles(ids: readonly number[]): Promise<void> {
      if (ids.length > 0) await db.deleteFrom('OutboxFile').where('outboxId', 'in', [...ids]).execute();
    },
    /** How many files wait in the outbox, and their bytes. */
    async fileTotals(): Promise<{ files: number; bytes: number }> {
      const r = await db.selectFrom('OutboxFile')
        .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes')])
        .executeTakeFirstOrThrow();
      return { files: Number(r.files), bytes: Number(r.bytes) };
    },
    async markFailed(id: number, error: string): Promise<void> {
      await db.updateTable('OutboxMessage').set({ status: 'failed', attempts: sql`"attempts" + 1`, lastError: error, claimedBy: null, claimedUntil: null })
        .where('id', '=', id).where('status', '=', 'pending').execute();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
