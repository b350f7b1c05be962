import { announceToAdmins } from './announce-to-admins.ts';
import { sendMissedIdentityNotices } from './missed-identity-notices.ts';
import { platformIdOf } from './resolve-participants.ts';
import type { BindingMethod, BoundPlatform } from '../db/identity-repository.ts';
import type { Store } from '../db/store.ts';
import type { Person } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

export interface AccountBinding {
  person: Person;
  platform: BoundPlatform;
  platformId: string;
  /** WeChat: what identifies the account after a re-login, if the puppet showed it */
  durableId?: string | undefined;
  method: Extract<BindingMethod, 'claim' | 'confirm'>;
  actorId: number | null;
  at: Date;
}

/**
 * Binds a proven account to a person (a claim or an admin's confirmation): an id the person had
 * before on that platform is let go, the binding is logged and announced to the admins, and open
 * name-only requests for the person are dropped. The caller checked the account is no one else's.
 */
export async function bindAccount(store: Store, b: AccountBinding): Promise<void> {
  const previous = platformIdOf(b.person, b.platform);
  if (previous !== null && previous !== b.platformId) {
    await store.identity.log({ subject: 'person', personId: b.person.id, groupId: null, platform: b.platform, platformId: previous, method: 'unbound', actorId: b.actorId, at: b.at, note: `replaced by ${b.method}` });
  }
  await store.identity.bindPerson(b.person.id, b.platform, b.platformId);
  if (b.platform === 'wechaty' && b.durableId) {
    const holder = await store.identity.personIdByWechatKey(b.durableId);
    // a 备注 two people share identifies neither: it is kept by no one
    if (holder !== null && holder !== b.person.id) await store.identity.setWechatKey(holder, null);
    else await store.identity.setWechatKey(b.person.id, b.durableId);
  }
  await store.identity.log({ subject: 'person', personId: b.person.id, groupId: null, platform: b.platform, platformId: b.platformId, method: b.method, actorId: b.actorId, at: b.at, note: b.durableId ?? '' });
  await store.identity.clearPending(b.person.id);
  await announceToAdmins(store, b.platform, zh.identity.claimedNotice(b.person.name, b.platform, b.method === 'claim' ? '本人认领' : '管理员确认'), b.at);
  await sendMissedIdentityNotices(store, b.person, b.platform, b.at);
}
