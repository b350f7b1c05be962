import type { AttachmentInput, LocalDate, Person, Unit } from './types.ts';

/** The enforcement decisions a department records, and the lifting of a suspension. */
export type EnforcementKind = 'order' | 'interview' | 'fine' | 'suspend' | 'close' | 'transfer' | 'lift';

/** The decisions themselves (a lift is not one: it ends a 停产整顿). */
export const DECISION_KINDS: readonly EnforcementKind[] = ['order', 'interview', 'fine', 'suspend', 'close', 'transfer'];

/** The legal words, as departments write them in their documents. */
export const ENFORCEMENT_LABELS: Record<EnforcementKind, string> = {
  order: '责令限期整改',
  interview: '约谈',
  fine: '罚款',
  suspend: '停产整顿',
  close: '关闭取缔',
  transfer: '移送',
  lift: '解除停产',
};

/** One enforcement record as the ledger keeps it: never changed, a correction is a new record. */
export interface EnforcementRecord {
  id: number;
  code: string;
  unitId: number;
  unitName: string;
  kind: EnforcementKind;
  hazardIds: number[];
  /** the codes of `hazardIds`, same order */
  hazardCodes: string[];
  decisionNo: string | null;
  deadline: LocalDate | null;
  amountYuan: number | null;
  fromDate: LocalDate | null;
  untilDate: LocalDate | null;
  transferTo: string | null;
  liftsId: number | null;
  correctsId: number | null;
  note: string;
  actorId: number;
  actorName: string;
  groupId: number | null;
  at: Date;
  attachments: AttachmentInput[];
}

/** What a unit's name carries while a decision is in force: shown beside it everywhere. */
export interface UnitEnforcement {
  /** a 停产整顿 not lifted yet (its from day may still be ahead) */
  suspension: { id: number; code: string; from: LocalDate; until: LocalDate | null } | null;
  /** a 关闭取缔, from this day */
  closedOn: LocalDate | null;
}

export const NO_ENFORCEMENT: UnitEnforcement = { suspension: null, closedOn: null };

/** The records still standing: one that a later record corrects is replaced by it. Pure. */
export function standingRecords<R extends Pick<EnforcementRecord, 'id' | 'correctsId'>>(records: readonly R[]): R[] {
  const corrected = new Set(records.flatMap((r) => (r.correctsId === null ? [] : [r.correctsId])));
  return records.filter((r) => !corrected.has(r.id));
}

/**
 * A unit's enforcement status from its records (oldest first): the latest standing 停产整顿 not
 * lifted, and a standing 关闭取缔. A lift names the suspension it ends; a lift of a record later
 * corrected still ends the correction. Pure.
 */
export function unitEnforcement(records: ReadonlyArray<Pick<EnforcementRecord, 'id' | 'code' | 'kind' | 'correctsId' | 'liftsId' | 'fromDate' | 'untilDate' | 'at'>>): UnitEnforcement {
  // a correction stands in for what it corrects: lifting either lifts the chain
  const rootOf = new Map<number, number>();
  for (const r of records) rootOf.set(r.id, r.correctsId === null ? r.id : (rootOf.get(r.correctsId) ?? r.correctsId));
  const lifted = new Set(records.filter((r) => r.kind === 'lift' && r.liftsId !== null).map((r) => rootOf.get(r.liftsId ?? 0) ?? r.liftsId));
  const standing = standingRecords(records);
  const suspension = [...standing].reverse().find((r) => r.kind === 'suspend' && !lifted.has(rootOf.get(r.id) ?? r.id));
  const closed = standing.find((r) => r.kind === 'close');
  return {
    suspension: suspension ? { id: suspension.id, code: suspension.code, from: suspension.fromDate ?? '', until: suspension.untilDate } : null,
    closedOn: closed ? (closed.fromDate ?? '') : null,
  };
}

/** Whether a suspension is in force on a day (it may be decided ahead of its first day). */
export function suspendedOn(e: UnitEnforcement, today: LocalDate): boolean {
  return e.suspension !== null && e.suspension.from <= today;
}

/** Why recording is refused; each has a reply in i18n. */
export type EnforcementRefusal = 'not_supervisor';

/**
 * Enforcement is the supervising department's legal act: only its people (role department, of the
 * unit's supervisor) or an admin record it — a leader orders it but does not sign it, and a
 * department does not enforce against units it does not supervise.
 */
export function canEnforce(person: Pick<Person, 'role' | 'unitId'>, unit: Pick<Unit, 'supervisorId'>): EnforcementRefusal | null {
  if (person.role === 'admin') return null;
  if (person.role === 'department' && person.unitId !== null && person.unitId === unit.supervisorId) return null;
  return 'not_supervisor';
}

/** How many decisions (not lifts, not corrected away) a unit received since a moment. Pure. */
export function decisionsSince(records: ReadonlyArray<Pick<EnforcementRecord, 'id' | 'correctsId' | 'kind' | 'at'>>, since: Date): number {
  return standingRecords(records).filter((r) => r.kind !== 'lift' && r.at >= since).length;
}
