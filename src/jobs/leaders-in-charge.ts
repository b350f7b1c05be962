import type { Store } from '../db/store.ts';

/**
 * Each supervising department (town, park) by name, with the name of the leader in charge of it
 * as the roster's `leaders:` section says (docs/leaders.md); departments nobody is in charge of
 * are left out. Digests and the weekly summary name whom the leaders' group looks to for each.
 */
export async function leadersInCharge(store: Store): Promise<Map<string, string>> {
  const chainOf = await store.leaders.resolver();
  const supervisors = await store.roster.supervisors();
  return new Map(supervisors.flatMap(({ unit }) => {
    const leader = chainOf({ unitId: unit.id, category: '', unitSector: unit.sector }).inCharge;
    return leader ? [[unit.name, leader.name] as const] : [];
  }));
}
