import type { DbTx } from './client.ts';

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
export function createDraftRepository(db: DbTx) {
  return {
    /** The live draft of this sender in this group; an expired one is removed and not returned. */
    async get(groupId: number, personId: number, now: Date): Promise<Draft | null> {
      const row = await db.pendingDraft.findUnique({ where: { groupId_personId: { groupId, personId } } });
      if (!row) return null;
      if (row.expiresAt <= now) {
        await db.pendingDraft.delete({ where: { id: row.id } });
        return null;
      }
      return { groupId, personId, command: row.command, fields: JSON.parse(row.fields) as Record<string, unknown>, missing: row.missing, expiresAt: row.expiresAt };
    },
    async save(draft: Draft): Promise<void> {
      const data = { command: draft.command, fields: JSON.stringify(draft.fields), missing: draft.missing, expiresAt: draft.expiresAt };
      await db.pendingDraft.upsert({
        where: { groupId_personId: { groupId: draft.groupId, personId: draft.personId } },
        create: { groupId: draft.groupId, personId: draft.personId, ...data },
        update: data,
      });
    },
    async remove(groupId: number, personId: number): Promise<boolean> {
      const { count } = await db.pendingDraft.deleteMany({ where: { groupId, personId } });
      return count > 0;
    },
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;
