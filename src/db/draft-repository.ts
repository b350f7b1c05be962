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

/** Pending drafts, one per group and sender. */
export function createDraftRepository(db: Db) {
  return {
    /** The live draft of this sender in this group; an expired one is removed and not returned. */
    async get(groupId: number, personId: number, now: Date): Promise<Draft | null> {
      const row = await db.selectFrom('PendingDraft').select(['id', 'command', 'fields', 'missing', 'expiresAt'])
        .where('groupId', '=', groupId).where('personId', '=', personId).executeTakeFirst();
      if (!row) return null;
      const expiresAt = fromSqlDate(row.expiresAt);
      if (expiresAt <= now) {
        await db.deleteFrom('PendingDraft').where('id', '=', row.id).execute();
        return null;
      }
      return { groupId, personId, command: row.command, fields: JSON.parse(row.fields) as Record<string, unknown>, missing: row.missing, expiresAt };
    },
    async save(draft: Draft): Promise<void> {
      const values = { command: draft.command, fields: JSON.stringify(draft.fields), missing: draft.missing, expiresAt: sqlDate(draft.expiresAt) };
      await db.insertInto('PendingDraft').values({ groupId: draft.groupId, personId: draft.personId, ...values })
        .onConflict((oc) => oc.columns(['groupId', 'personId']).doUpdateSet(values)).execute();
    },
    async remove(groupId: number, personId: number): Promise<boolean> {
      const result = await db.deleteFrom('PendingDraft').where('groupId', '=', groupId).where('personId', '=', personId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;
