import { findLeaderRef, RosterError, type RosterFile } from './roster-file.ts';
import { sendMissedIdentityNotices } from './missed-identity-notices.ts';
import { platformIdOf } from './resolve-participants.ts';
import type { BoundPlatform } from '../db/identity-repository.ts';
import type { Store } from '../db/store.ts';
import type { GroupPurpose, UnitKind } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

export interface ImportSummary {
  units: number;
  people: number;
  groups: number;
  /** lines of the `leaders:` section; null when the roster has none (the stored lines stay) */
  leaders: number | null;
  /** how many records were created or changed: 0 when the same roster is imported again */
  changed: number;
}

/**
 * The roster's platform ids are authoritative: one held by someone else (a claim gone wrong) is
 * taken from them, and every id the roster sets or changes is logged as a `roster` binding.
 */
async function takeRosterIds(store: Store, name: string, unitId: number | null, ids: Record<BoundPlatform, string | undefined>, now: Date): Promise<void> {
  const self = (await store.roster.peopleByName(name)).find((p) => p.unitId === unitId) ?? null;
  for (const platform of ['wecom', 'dingtalk', 'wechaty'] as const) {
    const id = ids[platform];
    if (id === undefined) continue;
    // the same id again changes nothing, unless it was only matched by nickname before: now the roster vouches for it
    if (self && platformIdOf(self, platform) === id && (await store.identity.personBindingMethod(self.id, platform)) !== 'name') continue;
    const holder = await store.roster.personByPlatformId(platform, id);
    if (holder && holder.id !== self?.id) {
      await store.identity.unbindPerson(holder.id, platform);
      await store.identity.log({ subject: 'person', personId: holder.id, groupId: null, platform, platformId: id, method: 'unbound', actorId: null, at: now, note: `roster gives it to ${name}` });
    }
    if (self) {
      await store.identity.log({ subject: 'person', personId: self.id, groupId: null, platform, platformId: id, method: 'roster', actorId: null, at: now, note: '' });
      // an admin the roster makes reachable here hears what was logged while they were not
      await sendMissedIdentityNotices(store, self, platform, now);
    }
  }
}

const ROSTER_FIELD = { wecom: 'wecom', dingtalk: 'dingtalk', wechaty: 'wechat' } as const;

/**
 * Ids the roster gives to one person that the ledger already holds for another, proven (by an
 * earlier roster, a claim, an admin's confirmation): a typo there would silently hand one
 * person's account to another. Refused with both names, unless the file itself gives the holder
 * another id on that platform (the id moves on purpose). An id matched by nickname only is
 * taken back as before: the roster vouches more than a nickname.
 */
async function idConflicts(store: Store, roster: RosterFile): Promise<string[]> {
  const problems: string[] = [];
  const unitNames = new Map((await store.roster.units()).map((u) => [u.id, u.name]));
  for (const [i, p] of roster.people.entries()) {
    for (const platform of ['wecom', 'dingtalk', 'wechaty'] as const) {
      const field = ROSTER_FIELD[platform];
      const id = p[field];
      if (id === undefined) continue;
      const holder = await store.roster.personByPlatformId(platform, id);
      if (!holder) continue;
      const holderUnit = holder.unitId === null ? undefined : unitNames.get(holder.unitId);
      if (holder.name === p.name && holderUnit === p.unit) continue;
      const holderEntry = roster.people.find((q) => q.name === holder.name && q.unit === holderUnit);
      if (holderEntry?.[field] !== undefined && holderEntry[field] !== id) continue;
      const method = await store.identity.personBindingMethod(holder.id, platform);
      if (method === 'name') continue;
      problems.push(zh.roster.idHeldByAnother(i, p.name, p.unit ?? null, field, id, holder.name, holderUnit ?? null));
    }
  }
  return problems;
}

/**
 * Applies a validated roster: creates or updates by name, never deletes. Run it in a transaction.
 * Refuses (RosterError, nothing written) an id that the ledger holds for another proven person.
 */
export async function importRoster(store: Store, roster: RosterFile, now: Date): Promise<ImportSummary> {
  const conflicts = await idConflicts(store, roster);
  if (conflicts.length > 0) throw new RosterError(conflicts, '');
  let changed = 0;
  const unitIds = new Map<string, number>();
  const changedUnits = new Set<string>();
  // two passes, so a unit may name a supervisor listed after it
  for (const u of roster.units) {
    const existing = await store.roster.unitByName(u.name);
    const result = await store.roster.upsertUnit({ name: u.name, kind: u.kind as UnitKind, supervisorId: existing?.supervisorId ?? null, sector: u.sector ?? null }, now);
    unitIds.set(u.name, result.unit.id);
    if (result.changed) changedUnits.add(u.name);
  }
  for (const u of roster.units) {
    const supervisorId = u.supervisor ? (unitIds.get(u.supervisor) ?? null) : null;
    const result = await store.roster.upsertUnit({ name: u.name, kind: u.kind as UnitKind, supervisorId, sector: u.sector ?? null }, now);
    if (result.changed) changedUnits.add(u.name);
  }
  for (const u of roster.units) {
    const id = unitIds.get(u.name);
    const owner = u.project_owner ? (unitIds.get(u.project_owner) ?? null) : null;
    if (id !== undefined && (await store.roster.setGovernmentProject(id, u.government ? { ownerId: owner } : null))) changedUnits.add(u.name);
  }
  changed += changedUnits.size;
  for (const p of roster.people) {
    await takeRosterIds(store, p.name, p.unit ? (unitIds.get(p.unit) ?? null) : null, { wecom: p.wecom, dingtalk: p.dingtalk, wechaty: p.wechat }, now);
    const result = await store.roster.upsertPerson({
      name: p.name, unitId: p.unit ? (unitIds.get(p.unit) ?? null) : null, role: p.role,
      wecomId: p.wecom ?? null, dingtalkId: p.dingtalk ?? null, wechatId: p.wechat ?? null, mobile: p.mobile ?? null,
    }, now);
    if (result.changed) changed += 1;
    if (p.weixin !== undefined && (await store.identity.wechatKeyOf(result.person.id)) !== `weixin:${p.weixin}`) {
      const holder = await store.identity.personIdByWechatKey(`weixin:${p.weixin}`);
      if (holder !== null) await store.identity.setWechatKey(holder, null);
      await store.identity.setWechatKey(result.person.id, `weixin:${p.weixin}`);
      changed += result.changed ? 0 : 1;
    }
  }
  for (const g of roster.groups) {
    const unitId = g.unit ? (unitIds.get(g.unit) ?? null) : null;
    const unitKind = g.unit ? roster.units.find((u) => u.name === g.unit)?.kind : undefined;
    const purpose: GroupPurpose = g.purpose ?? (unitKind === 'department' ? 'department' : unitId !== null ? 'unit' : 'other');
    const result = await store.roster.upsertGroup({
      name: g.name, unitId, purpose, wecomId: g.wecom ?? null, dingtalkId: g.dingtalk ?? null, wechatId: g.wechat ?? null,
    }, now);
    if (result.changed) changed += 1;
  }
  if (roster.leaders !== undefined && (await importLeaderCharges(store, roster, unitIds))) changed += 1;
  return { units: roster.units.length, people: roster.people.length, groups: roster.groups.length, leaders: roster.leaders?.length ?? null, changed };
}

/**
 * The `leaders:` section replaces the lines as a whole (a leader moved off a sector must stop being
 * named for it); a roster without the section leaves them as they were. Names were checked by
 * parseRoster, so each resolves to one person.
 */
async function importLeaderCharges(store: Store, roster: RosterFile, unitIds: ReadonlyMap<string, number>): Promise<boolean> {
  const personId = async (ref: string | undefined): Promise<number | null> => {
    if (ref === undefined) return null;
    const at = findLeaderRef(roster.people, ref);
    const entry = typeof at === 'number' ? roster.people[at] : undefined;
    if (!entry) return null;
    const unitId = entry.unit ? (unitIds.get(entry.unit) ?? null) : null;
    return (await store.roster.peopleByName(entry.name)).find((p) => p.unitId === unitId)?.id ?? null;
  };
  const lines = [];
  for (const line of roster.leaders ?? []) {
    lines.push({
      departmentId: line.department ? (unitIds.get(line.department) ?? null) : null, sector: line.sector ?? null,
      inChargeId: await personId(line.in_charge), mainId: await personId(line.main),
    });
  }
  return store.leaders.replaceCharges(lines);
}
