import type { CommandContext } from './command.ts';
import type { Group, Person } from '../domain/types.ts';
import type { Store } from '../db/store.ts';

/**
 * The units whose hazards a group talks about: a unit group its unit, the group of a department
 * (or a town or park) the units it supervises directly (and its own), the leaders' group everything. `undefined` means all units;
 * an empty list means none (an unbound group).
 */
export async function groupScope(store: Store, group: Group): Promise<number[] | undefined> {
  if (group.purpose === 'leaders') return undefined;
  if (group.unitId === null) return [];
  // a town or park supervises units as a department does: its group hears of them (as its digest does)
  return (await store.roster.unitAndSupervisedIds(group.unitId)) ?? [];
}

/** The units a person may see: everything for leaders and admins, supervised units for departments. */
export async function personScope(store: Store, person: Person): Promise<number[] | undefined> {
  if (person.role === 'admin' || person.role === 'leader') return undefined;
  if (person.unitId === null) return [];
  if (person.role === 'department') {
    const supervised = await store.roster.unitsSupervisedBy(person.unitId);
    return [person.unitId, ...supervised.map((u) => u.id)];
  }
  return [person.unitId];
}

/**
 * The audience of a room: the units whose hazards **everyone** in the room may see, so what the
 * bot posts there is never more than its least-entitled member may read.
 * - `undefined`: the whole county (the leaders' group);
 * - a list of unit ids: a unit group → its unit; a department's group → the department and the
 *   units it supervises; a private chat (`group` null) → what the person may see (`personScope`);
 * - `[]`: nothing (a group bound to no unit, e.g. a chat the bot does not know yet).
 * Answers in a room are the intersection of this and the sender's own scope (`visibleScope`).
 */
export async function audienceScope(store: Store, group: Group | null, person: Person): Promise<number[] | undefined> {
  if (!group) return personScope(store, person);
  return groupScope(store, group);
}

/**
 * Whether `group` is bound to `unitId`'s own unit: its audience always holds that unit, so what is
 * said about the unit's hazards there needs no read of the units the group hears of (most actions
 * on a hazard are taken in its unit's group).
 */
export function isUnitsOwnGroup(group: Group, unitId: number): boolean {
  return group.unitId === unitId;
}

/** Whether every unit of `scope` is in `audience` (undefined = the county). */
export function withinAudience(scope: number[] | undefined, audience: number[] | undefined): boolean {
  if (audience === undefined) return true;
  if (scope === undefined) return false;
  return scope.every((id) => audience.includes(id));
}

/** The narrower of the room's audience and the sender's scope: a list never shows what either may not see. */
export async function visibleScope(ctx: Pick<CommandContext, 'store' | 'group' | 'sender'>): Promise<number[] | undefined> {
  const mine = await personScope(ctx.store, ctx.sender);
  const room = await audienceScope(ctx.store, ctx.group, ctx.sender);
  if (room === undefined) return mine;
  if (mine === undefined) return room;
  return room.filter((id) => mine.includes(id));
}
