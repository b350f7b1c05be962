import type { RosterFile } from './roster-file.ts';
import type { Store } from '../db/store.ts';
import type { GroupPurpose, UnitKind } from '../domain/types.ts';

export interface ImportSummary {
  units: number;
  people: number;
  groups: number;
  /** how many records were created or changed: 0 when the same roster is imported again */
  changed: number;
}

/** Applies a validated roster: creates or updates by name, never deletes. Run it in a transaction. */
export async function importRoster(store: Store, roster: RosterFile): Promise<ImportSummary> {
  let changed = 0;
  const unitIds = new Map<string, number>();
  const changedUnits = new Set<string>();
  // two passes, so a unit may name a supervisor listed after it
  for (const u of roster.units) {
    const existing = await store.roster.unitByName(u.name);
    const result = await store.roster.upsertUnit({ name: u.name, kind: u.kind as UnitKind, supervisorId: existing?.supervisorId ?? null, sector: u.sector ?? null });
    unitIds.set(u.name, result.unit.id);
    if (result.changed) changedUnits.add(u.name);
  }
  for (const u of roster.units) {
    const supervisorId = u.supervisor ? (unitIds.get(u.supervisor) ?? null) : null;
    const result = await store.roster.upsertUnit({ name: u.name, kind: u.kind as UnitKind, supervisorId, sector: u.sector ?? null });
    if (result.changed) changedUnits.add(u.name);
  }
  changed += changedUnits.size;
  for (const p of roster.people) {
    const result = await store.roster.upsertPerson({
      name: p.name, unitId: p.unit ? (unitIds.get(p.unit) ?? null) : null, role: p.role,
      wecomId: p.wecom ?? null, dingtalkId: p.dingtalk ?? null, wechatId: p.wechat ?? null, mobile: p.mobile ?? null,
    });
    if (result.changed) changed += 1;
  }
  for (const g of roster.groups) {
    const unitId = g.unit ? (unitIds.get(g.unit) ?? null) : null;
    const unitKind = g.unit ? roster.units.find((u) => u.name === g.unit)?.kind : undefined;
    const purpose: GroupPurpose = g.purpose ?? (unitKind === 'department' ? 'department' : unitId !== null ? 'unit' : 'other');
    const result = await store.roster.upsertGroup({
      name: g.name, unitId, purpose, wecomId: g.wecom ?? null, dingtalkId: g.dingtalk ?? null, wechatId: g.wechat ?? null,
    });
    if (result.changed) changed += 1;
  }
  return { units: roster.units.length, people: roster.people.length, groups: roster.groups.length, changed };
}
