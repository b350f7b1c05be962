import type { Store } from '../db/store.ts';
import type { Platform } from '../domain/types.ts';

const ID_FIELD = { wechaty: 'wechatId', dingtalk: 'dingtalkId', wecom: 'wecomId' } as const;

/**
 * Tells every admin privately (bindings, claims, a group title taken by another chat). Only
 * admins reachable on this platform get it: a private message needs their account id there.
 * `dedupeKey` makes it at most once per admin.
 */
export async function announceToAdmins(store: Store, platform: Platform, text: string, now: Date, dedupeKey?: string): Promise<void> {
  const admins = (await store.roster.people()).filter((p) => p.role === 'admin' && (platform === 'console' || p[ID_FIELD[platform]] !== null));
  for (const admin of admins) {
    await store.outbox.enqueue({
      kind: 'push', groupId: null, personId: admin.id, text, mentions: [],
      extra: { job: 'identity' }, ...(dedupeKey ? { dedupeKey: `${dedupeKey}:p${admin.id}` } : {}),
    }, now);
  }
}
