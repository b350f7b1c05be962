import { DECISION_KINDS, standingRecords, type EnforcementKind, type EnforcementRecord } from './enforcement.ts';

/** What a briefing (通报) says of a period's enforcement. */
export interface EnforcementSummary {
  /** decisions by kind, corrections counted once (as corrected) */
  byKind: Record<EnforcementKind, number>;
  /** the sum of the fines, in yuan */
  fineYuan: number;
  /** units that received any decision */
  units: string[];
  /** units suspended in the period, with whether the suspension was lifted in it */
  suspended: Array<{ unitName: string; lifted: boolean }>;
}

/**
 * Sums the records made in a period (oldest first). A correction replaces what it corrects, so a
 * fine corrected from 3万 to 5万 counts once, as 5万. Pure.
 */
export function summarizeEnforcement(records: readonly EnforcementRecord[]): EnforcementSummary {
  const standing = standingRecords(records);
  const byKind = Object.fromEntries([...DECISION_KINDS, 'lift'].map((k) => [k, 0])) as Record<EnforcementKind, number>;
  for (const r of standing) byKind[r.kind] += 1;
  const rootOf = new Map<number, number>();
  for (const r of records) rootOf.set(r.id, r.correctsId === null ? r.id : (rootOf.get(r.correctsId) ?? r.correctsId));
  const lifted = new Set(records.filter((r) => r.kind === 'lift' && r.liftsId !== null).map((r) => rootOf.get(r.liftsId ?? 0) ?? r.liftsId));
  return {
    byKind,
    fineYuan: standing.reduce((sum, r) => sum + (r.kind === 'fine' ? (r.amountYuan ?? 0) : 0), 0),
    units: [...new Set(standing.filter((r) => r.kind !== 'lift').map((r) => r.unitName))],
    suspended: standing.filter((r) => r.kind === 'suspend').map((r) => ({ unitName: r.unitName, lifted: lifted.has(rootOf.get(r.id) ?? r.id) })),
  };
}
