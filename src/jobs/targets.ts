import type { OutgoingMessage } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import type { HazardView } from '../domain/types.ts';

/** Where a job's message goes: a group, or a person when their unit has no group. */
export type Target = { groupId: number; personId: null } | { groupId: null; personId: number };

export const targetKey = (t: Target): string => (t.groupId !== null ? `g${t.groupId}` : `p${t.personId}`);

/** The groups of the units a run addresses, looked up without a query: see `unitGroups`. */
export type UnitGroups = (unitId: number) => Target[];

/**
 * Reads the groups of all these units in one statement. A job that asked per item and unit ran
 * one query per line of its messages (the morning message: 1,733 of them at 100,000 hazards on
 * PostgreSQL, each a round trip). Asking for a unit not read here throws: a silent empty answer
 * would send nothing to a unit that has a group.
 */
export async function unitGroups(store: Store, unitIds: Iterable<number | null>): Promise<UnitGroups> {
  const ids = new Set<number>();
  for (const id of unitIds) if (id !== null) ids.add(id);
  const byUnit = await store.roster.groupsOfUnits([...ids]);
  return (unitId) => {
    if (!ids.has(unitId)) throw new Error(`unit ${unitId}: its groups were not read with the run's others`);
    return (byUnit.get(unitId) ?? []).map((g) => ({ groupId: g.id, personId: null }));
  };
}

/** The unit's groups, mentioning the owner; the owner privately when the unit has none. */
export function ownerTargets(groupsOf: UnitGroups, hazard: HazardView): Target[] {
  const groups = groupsOf(hazard.unitId);
  return groups.length > 0 ? groups : [{ groupId: null, personId: hazard.ownerId }];
}

/** The supervising department's groups (none when the unit has no supervisor or it has no group). */
export function supervisorTargets(groupsOf: UnitGroups, hazard: HazardView): Target[] {
  return hazard.unitSupervisorId === null ? [] : groupsOf(hazard.unitSupervisorId);
}

/** The leaders' groups; the admins privately when there is none (someone must hear it). */
export async function leaderTargets(store: Store): Promise<Target[]> {
  const groups = await store.roster.groupsByPurpose('leaders');
  if (groups.length > 0) return groups.map((g) => ({ groupId: g.id, personId: null }));
  return (await store.roster.people()).filter((p) => p.role === 'admin').map((p) => ({ groupId: null, personId: p.id }));
}

/** Gathers items per target so each group gets one message listing its items. */
export class Batches<T> {
  readonly #byKey = new Map<string, { target: Target; items: T[]; mentions: Set<number> }>();

  add(target: Target, item: T, mention?: number): void {
    const key = targetKey(target);
    const batch = this.#byKey.get(key) ?? { target, items: [], mentions: new Set<number>() };
    this.#byKey.set(key, batch);
    if (!batch.items.includes(item)) batch.items.push(item);
    // a private message needs no @
    if (mention !== undefined && target.groupId !== null) batch.mentions.add(mention);
  }

  messages(text: (items: T[]) => string, dedupeKey: (target: Target) => string): Array<OutgoingMessage & { dedupeKey: string }> {
    return [...this.#byKey.values()].map((b) => ({
      kind: 'push', groupId: b.target.groupId, personId: b.target.personId, text: text(b.items),
      mentions: [...b.mentions], dedupeKey: dedupeKey(b.target),
    }));
  }
}
