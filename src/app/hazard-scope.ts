import type { CommandContext } from './command.ts';
import type { Group, Person } from '../domain/types.ts';
import type { Store } from '../db/store.ts';

/**
 * The units whose hazards a group talks about: a unit group its unit, a department's group the
 * units it supervises (and its own), the leaders' group everything. `undefined` means all units;
 * an empty list means none (an unbound group).
 */
export async function groupScope(store: Store, group: Group): Promise<number[] | undefined> {
  if (group.purpose === 'leaders') return undefined;
  if (group.unitId === null) return [];
  const unit = await store.roster.unitById(group.unitId);
  if (!unit) return [];
  if (unit.kind === 'department' || group.purpose === 'department') {
    const supervised = await store.roster.unitsSupervisedBy(unit.id);
    return [unit.id, ...supervised.map((u) => u.id)];
  }
  return [unit.id];
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

/** The narrower of the group's and the sender's scope: a list never shows what either may not see. */
export async function visibleScope(ctx: CommandContext): Promise<number[] | undefined> {
  const mine = await personScope(ctx.store, ctx.sender);
  if (!ctx.group || ctx.group.purpose === 'leaders' || ctx.group.unitId === null) return mine;
  const group = await groupScope(ctx.store, ctx.group);
  if (group === undefined) return mine;
  if (mine === undefined) return group;
  return group.filter((id) => mine.includes(id));
}
