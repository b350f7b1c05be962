import type { IncomingMessage } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import type { Group, Person } from '../domain/types.ts';

/**
 * The roster group a message came from. Platform ids come first; a group known only by name is
 * bound to the id it shows up with (wechat4u ids change on every login). An unknown group is
 * recorded unbound, so an admin can bind it with 绑定本群.
 */
export async function resolveGroup(store: Store, message: IncomingMessage): Promise<Group | null> {
  if (!message.group) return null;
  const { platform } = message;
  if (platform !== 'console') {
    const byId = await store.roster.groupByPlatformId(platform, message.group.id);
    if (byId) return byId;
  }
  const byName = await store.roster.groupByName(message.group.name);
  if (byName) {
    if (platform !== 'console') await store.roster.bindGroupPlatformId(byName.id, platform, message.group.id);
    return byName;
  }
  const { group } = await store.roster.upsertGroup({
    name: message.group.name, unitId: null, purpose: 'other',
    ...(platform === 'console' ? {} : { [`${platform === 'wechaty' ? 'wechat' : platform}Id`]: message.group.id }),
  });
  return group;
}

/**
 * The roster person who sent a message: by platform id, else by display name (preferring the
 * group's unit when a name is shared), binding the id on first sight.
 */
export async function resolveSender(store: Store, message: IncomingMessage, group: Group | null): Promise<Person | null> {
  const { platform } = message;
  if (platform !== 'console') {
    const byId = await store.roster.personByPlatformId(platform, message.sender.id);
    if (byId) return byId;
  }
  const named = await store.roster.peopleByName(message.sender.name.trim());
  const inGroupUnit = named.filter((p) => group?.unitId != null && p.unitId === group.unitId);
  const candidates = inGroupUnit.length > 0 ? inGroupUnit : named;
  // two people of one name and no way to tell them apart: better unknown than the wrong one
  if (candidates.length !== 1) return null;
  const person = candidates[0] ?? null;
  if (person && platform !== 'console') {
    const field = platform === 'wechaty' ? person.wechatId : platform === 'dingtalk' ? person.dingtalkId : person.wecomId;
    if (!field) await store.roster.bindPersonPlatformId(person.id, platform, message.sender.id);
  }
  return person;
}
