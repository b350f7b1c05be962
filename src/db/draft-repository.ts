import type { DbTx } from './client.ts';
import { sqlDate, statement } from './statements.ts';

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
      const row = statement(db, 'SELECT id, command, fields, missing, expiresAt FROM "PendingDraft" WHERE groupId = ? AND personId = ?')
        .get(groupId, personId) as { id: number; command: string; fields: string; missing: string; expiresAt: string } | undefined;
      if (!row) return null;
      const expiresAt = new Date(row.expiresAt);
      if (expiresAt <= now) {
        statement(db, 'DELETE FROM "PendingDraft" WHERE id = ?').run(row.id);
        return null;
      }
      return { groupId, personId, command: row.command, fields: JSON.parse(row.fields) as Record<string, unknown>, missing: row.missing, expiresAt };
    },
    async save(draft: Draft): Promise<void> {
      statement(db, `INSERT INTO "PendingDraft" (groupId, personId, command, fields, missing, expiresAt) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (groupId, personId) DO UPDATE SET command = excluded.command, fields = excluded.fields, missing = excluded.missing, expiresAt = excluded.expiresAt`)
        .run(draft.groupId, draft.personId, draft.command, JSON.stringify(draft.fields), draft.missing, sqlDate(draft.expiresAt));
    },
    async remove(groupId: number, personId: number): Promise<boolean> {
      return statement(db, 'DELETE FROM "PendingDraft" WHERE groupId = ? AND personId = ?').run(groupId, personId).changes > 0;
    },
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;
