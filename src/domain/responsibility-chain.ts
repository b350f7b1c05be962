import type { HazardLevel } from './types.ts';

/**
 * One line of the roster's `leaders:` section: for a supervising department and/or a sector, the
 * leader in charge (分管领导, handles it concretely) and the main leader (主要领导, accountable
 * overall). Neither department nor sector: the county-wide default.
 */
export interface LeaderCharge {
  departmentId: number | null;
  departmentName: string | null;
  sector: string | null;
  inCharge: { id: number; name: string } | null;
  main: { id: number; name: string } | null;
}

/** What decides whose charge a hazard falls under. */
export interface ChainSubject {
  unitId: number;
  /** the hazard's category (危化品, 消防 …) */
  category: string;
  /** the unit's sector from the roster */
  unitSector: string | null;
}

/** The leaders a hazard answers to, and the roster line that named each. */
export interface ChainLeaders {
  inCharge: { id: number; name: string; charge: LeaderCharge } | null;
  main: { id: number; name: string; charge: LeaderCharge } | null;
}

/**
 * The supervising units of a unit, nearest first, the unit itself included (a department's own
 * hazard is in its leader's charge). Stops at a loop the roster check would have refused.
 */
export function supervisionPath(unitId: number, supervisorOf: (unitId: number) => number | null): number[] {
  const path: number[] = [];
  for (let at: number | null = unitId; at !== null && !path.includes(at); at = supervisorOf(at)) path.push(at);
  return path;
}

/**
 * The roster line whose leader covers a hazard, most specific first: a department of its
 * supervision path together with its sector (nearest department first), then the sector alone,
 * then the department alone (nearest first), then the county-wide default. The hazard's own
 * category counts before its unit's sector: a fire hazard at a chemical plant is 消防's. Lines
 * without the wanted leader are skipped, so the main leader may come from a wider line than the
 * leader in charge.
 */
function pick(subject: ChainSubject, charges: readonly LeaderCharge[], path: readonly number[], has: (c: LeaderCharge) => boolean): LeaderCharge | null {
  const candidates = charges.filter(has);
  const sectors = [subject.category, ...(subject.unitSector && subject.unitSector !== subject.category ? [subject.unitSector] : [])];
  for (const sector of sectors) {
    for (const departmentId of path) {
      const both = candidates.find((c) => c.departmentId === departmentId && c.sector === sector);
      if (both) return both;
    }
  }
  for (const sector of sectors) {
    const bySector = candidates.find((c) => c.departmentId === null && c.sector === sector);
    if (bySector) return bySector;
  }
  for (const departmentId of path) {
    const byDepartment = candidates.find((c) => c.departmentId === departmentId && c.sector === null);
    if (byDepartment) return byDepartment;
  }
  return candidates.find((c) => c.departmentId === null && c.sector === null) ?? null;
}

/** Who a hazard answers to at county level: its leader in charge and its main leader (either may be unknown). */
export function chainLeaders(subject: ChainSubject, charges: readonly LeaderCharge[], supervisorOf: (unitId: number) => number | null): ChainLeaders {
  const path = supervisionPath(subject.unitId, supervisorOf);
  const inCharge = pick(subject, charges, path, (c) => c.inCharge !== null);
  const main = pick(subject, charges, path, (c) => c.main !== null);
  return {
    inCharge: inCharge?.inCharge ? { ...inCharge.inCharge, charge: inCharge } : null,
    main: main?.main ? { ...main.main, charge: main } : null,
  };
}

/** When the main leader is named in an escalation besides the leader in charge. */
export interface MainLeaderPolicy {
  /** a major hazard overdue more than this many days */
  mainAfterMajorDays: number;
}

/**
 * 主要领导负总责, but is not told of everything: an item listed for supervision (督办), or a major
 * hazard overdue more than N days. Everything else stops at the leader in charge (分管领导具体抓).
 */
export function mainLeaderTold(item: { level: HazardLevel; supervised: boolean }, daysOverdue: number, policy: MainLeaderPolicy): boolean {
  if (daysOverdue < 1) return false;
  return item.supervised || (item.level === 'major' && daysOverdue > policy.mainAfterMajorDays);
}

/** What a roster line covers, in words: `应急管理局·危化品`, `消防`, `全县`. */
export function chargeLabel(c: Pick<LeaderCharge, 'departmentName' | 'sector'>): string {
  const parts = [c.departmentName, c.sector].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('·') : '全县';
}
