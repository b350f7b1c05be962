import type { DbTx } from './client.ts';
import { sqlDate, statement } from './statements.ts';
import type { Platform } from '../domain/types.ts';

export type BoundPlatform = Exclude<Platform, 'console'>;

/**
 * How an id came to be bound: `roster` the roster file, `claim` a 认领码, `confirm` an admin's 确认绑定, `name` a display
 * name only (contact rights at most), `relogin` a WeChat account recognised by what survives a
 * re-login, `admin` an admin's 绑定本群, `first_sight` a roster group's first message from a
 * bound member, `unbound` an id taken away (re-login, re-binding elsewhere).
 */
export type BindingMethod = 'roster' | 'claim' | 'confirm' | 'name' | 'relogin' | 'admin' | 'first_sight' | 'unbound';

export interface BindingEvent {
  subject: 'person' | 'group';
  personId: number | null;
  groupId: number | null;
  platform: BoundPlatform;
  platformId: string;
  method: BindingMethod;
  actorId: number | null;
  at: Date;
  note: string;
}

export interface PendingBinding {
  id: number;
  personId: number;
  platform: BoundPlatform;
  platformId: string;
  senderName: string;
  groupId: number | null;
  at: Date;
}

const PLATFORM_ID_FIELD = { wechaty: 'wechatId', dingtalk: 'dingtalkId', wecom: 'wecomId' } as const;

/** Who is bound to which platform account, how it happened, and the claims that prove it. */
export function createIdentityRepository(db: DbTx) {
  return {
    /** Writes one binding to the log (the log is never rewritten). */
    async log(event: BindingEvent): Promise<void> {
      statement(db, `INSERT INTO "BindingEvent" (subject, personId, groupId, platform, platformId, method, actorId, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(event.subject, event.personId, event.groupId, event.platform, event.platformId, event.method, event.actorId, sqlDate(event.at), event.note);
    },
    /** How this person's current id on this platform was bound; null when the roster set it. */
    async personBindingMethod(personId: number, platform: BoundPlatform): Promise<BindingMethod | null> {
      const row = statement(db, 'SELECT method FROM "BindingEvent" WHERE subject = \'person\' AND personId = ? AND platform = ? ORDER BY id DESC LIMIT 1')
        .get(personId, platform) as { method: BindingMethod } | undefined;
      return row?.method ?? null;
    },
    async eventsOfPerson(personId: number): Promise<BindingEvent[]> {
      const rows = statement(db, 'SELECT subject, personId, groupId, platform, platformId, method, actorId, at, note FROM "BindingEvent" WHERE personId = ? ORDER BY id')
        .all(personId) as Array<Omit<BindingEvent, 'at'> & { at: string }>;
      return rows.map((r) => ({ ...r, at: new Date(r.at) }));
    },
    async eventsOfGroup(groupId: number): Promise<BindingEvent[]> {
      const rows = statement(db, 'SELECT subject, personId, groupId, platform, platformId, method, actorId, at, note FROM "BindingEvent" WHERE groupId = ? ORDER BY id')
        .all(groupId) as Array<Omit<BindingEvent, 'at'> & { at: string }>;
      return rows.map((r) => ({ ...r, at: new Date(r.at) }));
    },

    /** Binds a platform account to a person, taking it from nobody: the caller checked it is free. */
    async bindPerson(personId: number, platform: BoundPlatform, platformId: string): Promise<void> {
      statement(db, `UPDATE "Person" SET ${PLATFORM_ID_FIELD[platform]} = ? WHERE id = ?`).run(platformId, personId);
    },
    /** Takes a platform account away from a person (it proved to be someone else's). */
    async unbindPerson(personId: number, platform: BoundPlatform): Promise<void> {
      statement(db, `UPDATE "Person" SET ${PLATFORM_ID_FIELD[platform]} = NULL WHERE id = ?`).run(personId);
    },
    async personIdByWechatKey(key: string): Promise<number | null> {
      const row = statement(db, 'SELECT id FROM "Person" WHERE wechatKey = ?').get(key) as { id: number } | undefined;
      return row?.id ?? null;
    },
    async wechatKeyOf(personId: number): Promise<string | null> {
      const row = statement(db, 'SELECT wechatKey FROM "Person" WHERE id = ?').get(personId) as { wechatKey: string | null } | undefined;
      return row?.wechatKey ?? null;
    },
    async setWechatKey(personId: number, key: string | null): Promise<void> {
      statement(db, 'UPDATE "Person" SET wechatKey = ? WHERE id = ?').run(key, personId);
    },

    /** Issues a claim code; earlier unused codes of the person stop working. */
    async issueClaim(claim: { personId: number; code: string; issuedById: number; issuedAt: Date; expiresAt: Date }): Promise<void> {
      statement(db, 'UPDATE "IdentityClaim" SET usedAt = ? WHERE personId = ? AND usedAt IS NULL').run(sqlDate(claim.issuedAt), claim.personId);
      statement(db, 'INSERT INTO "IdentityClaim" (personId, code, issuedById, issuedAt, expiresAt) VALUES (?, ?, ?, ?, ?)')
        .run(claim.personId, claim.code, claim.issuedById, sqlDate(claim.issuedAt), sqlDate(claim.expiresAt));
    },
    /** Spends a live code: the person it was issued for, or null (unknown, used or expired). */
    async redeemClaim(code: string, now: Date): Promise<{ personId: number; issuedById: number } | null> {
      const row = statement(db, 'SELECT id, personId, issuedById FROM "IdentityClaim" WHERE code = ? AND usedAt IS NULL AND expiresAt > ? ORDER BY id DESC LIMIT 1')
        .get(code, sqlDate(now)) as { id: number; personId: number; issuedById: number } | undefined;
      if (!row) return null;
      statement(db, 'UPDATE "IdentityClaim" SET usedAt = ? WHERE id = ?').run(sqlDate(now), row.id);
      return { personId: row.personId, issuedById: row.issuedById };
    },
    /** Codes still open now (a new code never repeats one of them). */
    async liveClaimCodes(now: Date): Promise<string[]> {
      return statement(db, 'SELECT code FROM "IdentityClaim" WHERE usedAt IS NULL AND expiresAt > ?').pluck(true).all(sqlDate(now)) as string[];
    },
    async recordAttempt(platform: BoundPlatform, senderId: string, at: Date, ok: boolean): Promise<void> {
      statement(db, 'INSERT INTO "ClaimAttempt" (platform, senderId, at, ok) VALUES (?, ?, ?, ?)').run(platform, senderId, sqlDate(at), ok ? 1 : 0);
    },
    /** Failed attempts since `since`: by this account, and by everyone. */
    async failedAttempts(platform: BoundPlatform, senderId: string, since: Date): Promise<{ mine: number; all: number }> {
      const mine = statement(db, 'SELECT COUNT(*) FROM "ClaimAttempt" WHERE platform = ? AND senderId = ? AND at >= ? AND ok = 0').pluck(true).get(platform, senderId, sqlDate(since)) as number;
      const all = statement(db, 'SELECT COUNT(*) FROM "ClaimAttempt" WHERE at >= ? AND ok = 0').pluck(true).get(sqlDate(since)) as number;
      return { mine, all };
    },

    /** Records (once) that an account wrote under a privileged person's name; true when new. */
    async addPending(p: Omit<PendingBinding, 'id'>): Promise<boolean> {
      const r = statement(db, 'INSERT INTO "PendingBinding" (personId, platform, platformId, senderName, groupId, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (personId, platform, platformId) DO NOTHING')
        .run(p.personId, p.platform, p.platformId, p.senderName, p.groupId, sqlDate(p.at));
      return r.changes > 0;
    },
    async pendingOf(personId: number, since: Date): Promise<PendingBinding[]> {
      const rows = statement(db, 'SELECT id, personId, platform, platformId, senderName, groupId, at FROM "PendingBinding" WHERE personId = ? AND at >= ? ORDER BY id')
        .all(personId, sqlDate(since)) as Array<Omit<PendingBinding, 'at'> & { at: string }>;
      return rows.map((r) => ({ ...r, at: new Date(r.at) }));
    },
    async clearPending(personId: number): Promise<void> {
      statement(db, 'DELETE FROM "PendingBinding" WHERE personId = ?').run(personId);
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
