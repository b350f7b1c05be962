import { fromSqlDate, sqlDate, type Db } from './database.ts';
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
const EVENT = ['subject', 'personId', 'groupId', 'platform', 'platformId', 'method', 'actorId', 'at', 'note'] as const;

type EventRow = Omit<BindingEvent, 'subject' | 'platform' | 'method' | 'at'> & { subject: string; platform: string; method: string; at: string };
const toEvent = (r: EventRow): BindingEvent => ({
  ...r, subject: r.subject as BindingEvent['subject'], platform: r.platform as BoundPlatform, method: r.method as BindingMethod, at: fromSqlDate(r.at),
});

/** Who is bound to which platform account, how it happened, and the claims that prove it. */
export function createIdentityRepository(db: Db) {
  return {
    /** Writes one binding to the log (the log is never rewritten). */
    async log(event: BindingEvent): Promise<void> {
      await db.insertInto('BindingEvent').values({ ...event, at: sqlDate(event.at) }).execute();
    },
    /** How this person's current id on this platform was bound; null when the roster set it before any log. */
    async personBindingMethod(personId: number, platform: BoundPlatform): Promise<BindingMethod | null> {
      const row = await db.selectFrom('BindingEvent').select('method')
        .where('subject', '=', 'person').where('personId', '=', personId).where('platform', '=', platform)
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      return (row?.method as BindingMethod | undefined) ?? null;
    },
    async eventsOfPerson(personId: number): Promise<BindingEvent[]> {
      return (await db.selectFrom('BindingEvent').select(EVENT).where('personId', '=', personId).orderBy('id').execute()).map(toEvent);
    },
    /** The bindings logged on one platform after `since`, oldest first (at most `limit`). */
    async eventsOnPlatform(platform: BoundPlatform, since: Date, limit: number): Promise<BindingEvent[]> {
      return (await db.selectFrom('BindingEvent').select(EVENT).where('platform', '=', platform).where('at', '>', sqlDate(since))
        .orderBy('id').limit(limit).execute()).map(toEvent);
    },
    async eventsOfGroup(groupId: number): Promise<BindingEvent[]> {
      return (await db.selectFrom('BindingEvent').select(EVENT).where('groupId', '=', groupId).orderBy('id').execute()).map(toEvent);
    },

    /** Binds a platform account to a person: the caller checked no one else holds it. */
    async bindPerson(personId: number, platform: BoundPlatform, platformId: string): Promise<void> {
      await db.updateTable('Person').set({ [PLATFORM_ID_FIELD[platform]]: platformId }).where('id', '=', personId).execute();
    },
    /** Takes a platform account away from a person (it proved to be someone else's). */
    async unbindPerson(personId: number, platform: BoundPlatform): Promise<void> {
      await db.updateTable('Person').set({ [PLATFORM_ID_FIELD[platform]]: null }).where('id', '=', personId).execute();
    },
    async personIdByWechatKey(key: string): Promise<number | null> {
      const row = await db.selectFrom('Person').select('id').where('wechatKey', '=', key).executeTakeFirst();
      return row?.id ?? null;
    },
    async wechatKeyOf(personId: number): Promise<string | null> {
      const row = await db.selectFrom('Person').select('wechatKey').where('id', '=', personId).executeTakeFirst();
      return row?.wechatKey ?? null;
    },
    async setWechatKey(personId: number, key: string | null): Promise<void> {
      await db.updateTable('Person').set({ wechatKey: key }).where('id', '=', personId).execute();
    },

    /** Issues a claim code; earlier unused codes of the person stop working. */
    async issueClaim(claim: { personId: number; code: string; issuedById: number; issuedAt: Date; expiresAt: Date }): Promise<void> {
      await db.updateTable('IdentityClaim').set({ usedAt: sqlDate(claim.issuedAt) }).where('personId', '=', claim.personId).where('usedAt', 'is', null).execute();
      await db.insertInto('IdentityClaim').values({ ...claim, issuedAt: sqlDate(claim.issuedAt), expiresAt: sqlDate(claim.expiresAt) }).execute();
    },
    /** Spends a live code: the person it was issued for, or null (unknown, used or expired). */
    async redeemClaim(code: string, now: Date): Promise<{ personId: number; issuedById: number } | null> {
      const row = await db.selectFrom('IdentityClaim').select(['id', 'personId', 'issuedById'])
        .where('code', '=', code).where('usedAt', 'is', null).where('expiresAt', '>', sqlDate(now))
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!row) return null;
      await db.updateTable('IdentityClaim').set({ usedAt: sqlDate(now) }).where('id', '=', row.id).execute();
      return { personId: row.personId, issuedById: row.issuedById };
    },
    /** Codes still open now (a new code never repeats one of them). */
    async liveClaimCodes(now: Date): Promise<string[]> {
      const rows = await db.selectFrom('IdentityClaim').select('code').where('usedAt', 'is', null).where('expiresAt', '>', sqlDate(now)).execute();
      return rows.map((r) => r.code);
    },
    async recordAttempt(platform: BoundPlatform, senderId: string, at: Date, ok: boolean): Promise<void> {
      await db.insertInto('ClaimAttempt').values({ platform, senderId, at: sqlDate(at), ok: ok ? 1 : 0 }).execute();
    },
    /** Failed attempts since `since`: by this account, and by everyone. */
    async failedAttempts(platform: BoundPlatform, senderId: string, since: Date): Promise<{ mine: number; all: number }> {
      const failed = () => db.selectFrom('ClaimAttempt').select((eb) => eb.fn.countAll<number | string>().as('n')).where('at', '>=', sqlDate(since)).where('ok', '=', 0);
      const mine = await failed().where('platform', '=', platform).where('senderId', '=', senderId).executeTakeFirstOrThrow();
      const all = await failed().executeTakeFirstOrThrow();
      return { mine: Number(mine.n), all: Number(all.n) };
    },

    /** Records (once) that an account wrote under a privileged person's name; true when new. */
    async addPending(p: Omit<PendingBinding, 'id'>): Promise<boolean> {
      const result = await db.insertInto('PendingBinding').values({ ...p, at: sqlDate(p.at) })
        .onConflict((oc) => oc.columns(['personId', 'platform', 'platformId']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async pendingOf(personId: number, since: Date): Promise<PendingBinding[]> {
      const rows = await db.selectFrom('PendingBinding').select(['id', 'personId', 'platform', 'platformId', 'senderName', 'groupId', 'at'])
        .where('personId', '=', personId).where('at', '>=', sqlDate(since)).orderBy('id').execute();
      return rows.map((r) => ({ ...r, platform: r.platform as BoundPlatform, at: fromSqlDate(r.at) }));
    },
    async clearPending(personId: number): Promise<void> {
      await db.deleteFrom('PendingBinding').where('personId', '=', personId).execute();
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
