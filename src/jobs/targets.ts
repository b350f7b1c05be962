import type { OutgoingMessage } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import type { HazardView } from '../domain/types.ts';

/** Where a job's message goes: a group, or a person when their unit has no group. */
export type Target = { groupId: number; personId: null } | { groupId: null; personId: number };

export const targetKey = (t: Target): string => (t.groupId !== null ? `g${t.groupId}` : `p${t.personId}`);

/** The unit's groups, mentioning the owner; the owner privately when the unit has none. */
export async function ownerTargets(store: Store, hazard: HazardView): Promise<Target[]> {
  const groups = await store.roster.groupsOfUnit(hazard.unitId);
  return groups.length > 0 ? groups.map((g) => ({ groupId: g.id, personId: null })) : [{ groupId: null, personId: hazard.ownerId }];
}

/** The supervising department's groups (none when the unit has no supervisor or it has no group). */
export async function supervisorTargets(store: Store, hazard: HazardView): Promise<Target[]> {
  if (hazard.unitSupervisorId === null) return [];
  return (await store.roster.groupsOfUnit(hazard.unitSupervisorId)).map((g) => ({ groupId: g.id, personId: null }));
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
