import { announceToAdmins } from './announce-to-admins.ts';
import type { IncomingMessage } from '../core/messages.ts';
import type { BoundPlatform } from '../db/identity-repository.ts';
import type { Store } from '../db/store.ts';
import type { Group, Person, Platform } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

// Who is who (docs/security.md): a platform account id is the only proof. A display name or a
// group title can be set by anyone, so it never takes over an id that is bound, and it binds a
// free id only where that gives nothing worth stealing (a unit contact's rights).

/** Who sent a message, as far as the bot can prove it. */
export type SenderResolution =
  /** `nameOnly`: the account was bound by display name alone, so it acts with contact rights at most */
  | { kind: 'person'; person: Person; nameOnly: boolean }
  /** nobody on the roster has that name (or several have and nothing tells them apart) */
  | { kind: 'unknown' }
  /** the name is a roster person's who is bound to another account on this platform */
  | { kind: 'impostor'; person: Person }
  /** a privileged person with no account bound here: needs 认领 or an admin's 确认绑定 */
  | { kind: 'unclaimed'; person: Person };

/** Who and where: the message's group and sender, resolved together (each needs the other). */
export interface Participants {
  group: Group | null;
  sender: SenderResolution;
  /**
   * Set when the sender was matched by display name on this message and nothing is recorded yet
   * (`recordNameGuess`): `where` is the chat's bound group, named in the log and the admins' notice.
   */
  guess: { where: Group | null } | null;
}

const ID_FIELD = { wechaty: 'wechatId', dingtalk: 'dingtalkId', wecom: 'wecomId' } as const;

/** A person's account id on a platform, or null. */
export function platformIdOf(person: Pick<Person, 'wechatId' | 'dingtalkId' | 'wecomId'>, platform: BoundPlatform): string | null {
  return person[ID_FIELD[platform]];
}

/** A group's chat id on a platform, or null. */
export function groupIdOn(group: Pick<Group, 'wechatId' | 'dingtalkId' | 'wecomId'>, platform: BoundPlatform): string | null {
  return group[ID_FIELD[platform]];
}

/** The person as they act: a name-only binding never carries more than a unit contact's rights. */
export function actingAs(resolution: Extract<SenderResolution, { kind: 'person' }>): Person {
  const { person, nameOnly } = resolution;
  return nameOnly && person.role !== 'contact' ? { ...person, role: 'contact' } : person;
}

/** The sender proven by account alone: a bound id, or (WeChat) what survives a re-login. */
async function senderById(store: Store, message: IncomingMessage, platform: BoundPlatform): Promise<Extract<SenderResolution, { kind: 'person' }> | null> {
  const { id, durableId } = message.sender;
  const byId = await store.roster.personByPlatformId(platform, id);
  if (byId) {
    const method = await store.identity.personBindingMethod(byId.id, platform);
    if (platform === 'wechaty' && durableId && method !== 'name') await rememberWechatKey(store, byId.id, durableId);
    return { kind: 'person', person: byId, nameOnly: method === 'name' };
  }
  if (platform !== 'wechaty' || !durableId) return null;
  // wechat4u gave this account a new id at login: the 微信号 or 备注 it still carries says who it is
  const personId = await store.identity.personIdByWechatKey(durableId);
  const person = personId === null ? null : await store.roster.personById(personId);
  if (!person) return null;
  const previous = await store.identity.personBindingMethod(person.id, platform);
  const nameOnly = previous === 'name';
  await store.identity.bindPerson(person.id, platform, id);
  await store.identity.log({
    subject: 'person', personId: person.id, groupId: null, platform, platformId: id,
    method: nameOnly ? 'name' : 'relogin', actorId: null, at: message.at, note: durableId,
  });
  return { kind: 'person', person: { ...person, wechatId: id }, nameOnly };
}

/** Keeps the account's durable key on the person, unless another person already holds it. */
async function rememberWechatKey(store: Store, personId: number, key: string): Promise<void> {
  if ((await store.identity.wechatKeyOf(personId)) === key) return;
  const holder = await store.identity.personIdByWechatKey(key);
  if (holder === null) await store.identity.setWechatKey(personId, key);
}

/**
 * The sender known only by display name, as a guess: never someone bound elsewhere, never a
 * privileged person. Reads only — `recordNameGuess` binds or asks the admins, and only for a
 * message meant for the bot. `hint` (the group the chat is or claims to be) tells two people of
 * one name apart.
 */
async function senderByName(store: Store, message: IncomingMessage, platform: BoundPlatform, hint: Group | null): Promise<SenderResolution> {
  const named = await store.roster.peopleByName(message.sender.name.trim());
  const inGroupUnit = named.filter((p) => hint?.unitId != null && p.unitId === hint.unitId);
  const candidates = inGroupUnit.length > 0 ? inGroupUnit : named;
  // two people of one name and no way to tell them apart: better unknown than the wrong one
  const [person, ...others] = candidates;
  if (!person || others.length > 0) return { kind: 'unknown' };
  if (platformIdOf(person, platform) !== null) return { kind: 'impostor', person };
  if (person.role !== 'contact') return { kind: 'unclaimed', person };
  return { kind: 'person', person: { ...person, [ID_FIELD[platform]]: message.sender.id }, nameOnly: true };
}

/**
 * Records what a display name suggested, once the message is known to be meant for the bot: a
 * free contact account is bound (logged, and announced the first time on this platform); a
 * privileged name with no account here becomes a pending binding the admins are told of. In a
 * plain WeChat group everyone's chat reaches the bot, and ordinary chat must not bind on a guess.
 */
export async function recordNameGuess(store: Store, message: IncomingMessage, { sender, guess }: Participants): Promise<void> {
  const { platform } = message;
  if (!guess || platform === 'console') return;
  const group = guess.where;
  if (sender.kind === 'unclaimed') {
    const { person } = sender;
    const added = await store.identity.addPending({
      personId: person.id, platform, platformId: message.sender.id, senderName: message.sender.name, groupId: group?.id ?? null, at: message.at,
    });
    if (added) await announceToAdmins(store, platform, zh.identity.pendingNotice(person.name, zh.roles[person.role], platform, group?.name ?? null), message.at);
    return;
  }
  if (sender.kind !== 'person') return;
  const { person } = sender;
  const firstTime = (await store.identity.eventsOfPerson(person.id)).every((e) => e.platform !== platform);
  await store.identity.bindPerson(person.id, platform, message.sender.id);
  await store.identity.log({ subject: 'person', personId: person.id, groupId: null, platform, platformId: message.sender.id, method: 'name', actorId: null, at: message.at, note: group?.name ?? '' });
  // a contact re-bound after each wechat4u login is logged, not announced every time
  if (firstTime) await announceToAdmins(store, platform, zh.identity.nameBoundNotice(person.name, platform, group?.name ?? null), message.at);
}

/** Whether this person may bind a roster group to the chat they write in, by its title, on its first message. */
async function mayBindByTitle(store: Store, person: Person, group: Group): Promise<boolean> {
  if (person.role === 'admin') return true;
  if (group.purpose === 'leaders') return person.role === 'leader';
  if (group.unitId === null || person.unitId === null) return false;
  if (person.unitId === group.unitId) return true;
  const unit = await store.roster.unitById(group.unitId);
  return person.role === 'department' && unit?.supervisorId === person.unitId;
}

/** A chat that is not (yet) a roster group: recorded unbound, so an admin can bind it with 绑定本群. */
async function unboundGroup(store: Store, platform: BoundPlatform, chat: { id: string; name: string }, at: Date): Promise<Group> {
  const taken = await store.roster.groupByName(chat.name);
  // the title is a roster group's: this chat gets its own row, marked with the end of its id
  const name = taken ? `${chat.name}（未绑定 ${chat.id.replace(/[=@].*$/, '').slice(-6)}）` : chat.name;
  const { group } = await store.roster.upsertGroup({ name, unitId: null, purpose: 'other', [ID_FIELD[platform]]: chat.id }, at);
  return group;
}

/**
 * The group and the sender of a message. Platform ids decide. A roster group is bound to a chat
 * by its title only on its first message there, and only when the sender is proven (by id) to
 * belong to it; a bound group never moves because another chat has its title (an admin's
 * 绑定本群 does that). A sender unknown by id is matched by display name only to a unit contact
 * whose id is still free, and that guess is recorded only by `recordNameGuess`. Console messages
 * (the local operator) are taken by name.
 */
export async function resolveParticipants(store: Store, message: IncomingMessage): Promise<Participants> {
  const { platform } = message;
  if (platform === 'console') {
    const group = message.group ? await consoleGroup(store, message.group.name, message.at) : null;
    return { group, sender: await consoleSender(store, message, group), guess: null };
  }
  const chat = message.group;
  const byId = chat ? await store.roster.groupByPlatformId(platform, chat.id) : null;
  // a chat known only under a placeholder may still be the roster group its title names
  const titled = chat && byId?.name !== chat.name ? await store.roster.groupByName(chat.name) : null;
  const free = titled && groupIdOn(titled, platform) === null ? titled : null;
  // the title only helps tell two people of one name apart; it binds nothing by itself
  const proven = await senderById(store, message, platform);
  const sender = proven ?? (await senderByName(store, message, platform, free ?? byId ?? titled));
  const guess = proven ? null : { where: byId };
  if (!chat || (byId && !free)) return { group: byId, sender, guess };
  return { group: await chatGroup(store, message, platform, chat, { byId, titled, free }, sender), sender, guess };
}

interface ChatCandidates {
  /** the row the chat id is bound to (a placeholder, when `free` is set) */
  byId: Group | null;
  /** the roster group of the chat's title */
  titled: Group | null;
  /** that roster group, when it has no chat on this platform yet */
  free: Group | null;
}

async function chatGroup(store: Store, message: IncomingMessage, platform: BoundPlatform, chat: { id: string; name: string }, { byId, titled, free }: ChatCandidates, resolution: SenderResolution): Promise<Group> {
  const person = resolution.kind === 'person' ? actingAs(resolution) : null;
  const entitled = free && person ? await mayBindByTitle(store, person, free) : false;
  // a display name proves nothing about a chat either: only an account proven by id (the roster's,
  // a claim, an admin's confirmation, a WeChat re-login key) binds a group by its title
  const sender = entitled && resolution.kind === 'person' && !resolution.nameOnly ? person : null;
  if (free && sender) {
    const titled = free;
    await store.roster.bindGroupPlatformId(titled.id, platform, chat.id);
    await store.identity.log({ subject: 'group', personId: null, groupId: titled.id, platform, platformId: chat.id, method: 'first_sight', actorId: sender.id, at: message.at, note: chat.name });
    await announceToAdmins(store, platform, zh.identity.groupBoundNotice(titled.name, sender.name), message.at);
    return { ...titled, [ID_FIELD[platform]]: chat.id };
  }
  if (byId) return byId;
  const group = await unboundGroup(store, platform, chat, message.at);
  if (titled && !free) {
    await announceToAdmins(store, platform, zh.identity.titleTakenNotice(titled.name, group.name), message.at, `title-taken:${platform}:${chat.id}`);
  }
  if (free && entitled && person) {
    await announceToAdmins(store, platform, zh.identity.groupWaitingNotice(free.name, person.name), message.at, `group-waiting:${platform}:${chat.id}`);
  }
  return group;
}

async function consoleGroup(store: Store, name: string, at: Date): Promise<Group> {
  const byName = await store.roster.groupByName(name);
  if (byName) return byName;
  return (await store.roster.upsertGroup({ name, unitId: null, purpose: 'other' }, at)).group;
}

async function consoleSender(store: Store, message: IncomingMessage, group: Group | null): Promise<SenderResolution> {
  const named = await store.roster.peopleByName(message.sender.name.trim());
  const inGroupUnit = named.filter((p) => group?.unitId != null && p.unitId === group.unitId);
  const candidates = inGroupUnit.length > 0 ? inGroupUnit : named;
  const [person, ...others] = candidates;
  return person && others.length === 0 ? { kind: 'person', person, nameOnly: false } : { kind: 'unknown' };
}

/** The platform's name in replies and notices. */
export function platformLabel(platform: Platform): string {
  return zh.identity.platforms[platform];
}
