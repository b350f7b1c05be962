import { compiledOnce } from './compiled-query.ts';
import { fromSqlDate, sqlDate, type Db } from './database.ts';

/** A command waiting for the sender to supply a missing field. */
export interface Draft {
  groupId: number;
  personId: number;
  command: string;
  fields: Record<string, unknown>;
  missing: string;
  expiresAt: Date;
}

// asked for every message a known sender writes (compiled-query.ts)
const draftQuery = compiledOnce((db: Db, groupId: number, personId: number) =>
  db.selectFrom('PendingDraft').select(['command', 'fields', 'missing', 'expiresAt']).where('groupId', '=', groupId).where('personId', '=', personId));

// a registration ends by removing the sender's draft, whether there was one or not
const removeQuery = compiledOnce((db: Db, groupId: number, personId: number) =>
  db.deleteFrom('PendingDraft').where('groupId', '=', groupId).where('personId', '=', personId).returning('expiresAt'));

type DraftRow = { command: string; fields: string; missing: string; expiresAt: string };

/**
 * Pending drafts, one per group and sender. The repository keeps the row it last read or wrote for
 * each slot: a registration asks for the sender's draft twice (is it an answer to "which hazard?",
 * is a registration waiting) and every write to the table goes through here. A store is made per
 * transaction, so nothing kept outlives the transaction that read it.
 */
export function createDraftRepository(db: Db) {
  const known = new Map<string, DraftRow | null>();
  const slot = (groupId: number, personId: number) => `${groupId}:${personId}`;
  async function rowOf(groupId: number, personId: number): Promise<DraftRow | null> {
    const key = slot(groupId, personId);
    let row = known.get(key);
    if (row === undefined) {
      row = (await draftQuery(db, groupId, personId)).rows[0] ?? null;
      known.set(key, row);
    }
    return row;
  }
  return {
    /**
     * The live draft of this sender in this group. An expired one is not returned but kept until
     * `takeExpired` tells the sender it ran out (a late answer is never dropped in silence).
     */
    async get(groupId: number, personId: number, now: Date): Promise<Draft | null> {
      const row = await rowOf(groupId, personId);
      if (!row) return null;
      const expiresAt = fromSqlDate(row.expiresAt);
      if (expiresAt <= now) return null;
      return { groupId, personId, command: row.command, fields: JSON.parse(row.fields) as Record<string, unknown>, missing: row.missing, expiresAt };
    },
    /** The sender's draft that ran out before they answered, removed as it is returned; null if none. */
    async takeExpired(groupId: number, personId: number, now: Date): Promise<Draft | null> {
      const row = await db.selectFrom('PendingDraft').select(['id', 'command', 'fields', 'missing', 'expiresAt'])
        .where('groupId', '=', groupId).where('personId', '=', personId).where('expiresAt', '<=', sqlDate(now)).executeTakeFirst();
      if (!row) return null;
      await db.deleteFrom('PendingDraft').where('id', '=', row.id).execute();
      known.set(slot(groupId, personId), null);
      return { groupId, personId, command: row.command, fields: JSON.parse(row.fields) as Record<string, unknown>, missing: row.missing, expiresAt: fromSqlDate(row.expiresAt) };
    },
    async save(draft: Draft): Promise<void> {
      const values = { command: draft.command, fields: JSON.stringify(draft.fields), missing: draft.missing, expiresAt: sqlDate(draft.expiresAt) };
      await db.insertInto('PendingDraft').values({ groupId: draft.groupId, personId: draft.personId, ...values })
        .onConflict((oc) => oc.columns(['groupId', 'personId']).doUpdateSet(values)).execute();
      known.set(slot(draft.groupId, draft.personId), values);
    },
    /** Removes the sender's draft, live or expired; true when a live one was removed. */
    async remove(groupId: number, personId: number, now: Date): Promise<boolean> {
      const removed = (await removeQuery(db, groupId, personId)).rows;
      known.set(slot(groupId, personId), null);
      return removed.some((r) => fromSqlDate(r.expiresAt) > now);
    },
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;
