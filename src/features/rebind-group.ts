import { announceToAdmins } from './announce-to-admins.ts';
import { groupIdOn } from './resolve-participants.ts';
import type { BoundPlatform } from '../db/identity-repository.ts';
import type { Store } from '../db/store.ts';
import type { Group } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/**
 * Moves a roster group to another chat, on an admin's word (绑定本群 <群名> said in the new chat):
 * the only way a bound group changes chats. The chat's own placeholder row lets go of the id;
 * both ids are logged and the admins told.
 */
export async function rebindGroup(store: Store, r: { group: Group; platform: BoundPlatform; chatId: string; actorId: number; at: Date }): Promise<void> {
  const previous = groupIdOn(r.group, r.platform);
  if (previous !== null) {
    await store.identity.log({ subject: 'group', personId: null, groupId: r.group.id, platform: r.platform, platformId: previous, method: 'unbound', actorId: r.actorId, at: r.at, note: `moved to ${r.chatId}` });
  }
  await store.roster.bindGroupPlatformId(r.group.id, r.platform, r.chatId);
  await store.identity.log({ subject: 'group', personId: null, groupId: r.group.id, platform: r.platform, platformId: r.chatId, method: 'admin', actorId: r.actorId, at: r.at, note: previous ?? '' });
  await announceToAdmins(store, r.platform, zh.identity.groupReboundNotice(r.group.name), r.at);
}
