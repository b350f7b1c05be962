import { sumTallies, type HazardTally } from './assessment.ts';

/** One side of the comparison: how many units, and what their hazards add up to. */
export interface ParityRow {
  /** units on this side (in the scope) */
  units: number;
  /** units on this side with any hazard counted in the period */
  active: number;
  found: number;
  closed: number;
  onTime: number;
  due: number;
  /** onTime / due; null when nothing was due */
  onTimeRate: number | null;
  /** open and past their deadline on the as-of day */
  overdue: number;
}

/** 政府投资项目 beside enterprises: "一视同仁" as figures. */
export interface Parity {
  government: ParityRow;
  enterprise: ParityRow;
  /** the government projects' names, for the reader to see which they are */
  projectNames: string[];
}

/** Which side a unit is on: a government project, an enterprise, or neither (towns, schools, departments). */
export type ParitySide = 'government' | 'enterprise' | null;

function row(unitIds: readonly number[], tallies: ReadonlyMap<number, HazardTally>): ParityRow {
  const own = unitIds.flatMap((id) => {
    const t = tallies.get(id);
    return t ? [t] : [];
  });
  const t = sumTallies(own);
  return {
    units: unitIds.length, active: own.filter((x) => x.found > 0 || x.overdue > 0).length,
    found: t.found, closed: t.closed, onTime: t.onTime, due: t.due, onTimeRate: t.due > 0 ? t.onTime / t.due : null, overdue: t.overdue,
  };
}

/**
 * Government projects against enterprises over one period's tallies: the same counts, the same
 * rules, side by side. A unit is on one side only (a government project is never also counted as
 * an enterprise). Pure.
 */
export function projectParity(
  units: ReadonlyArray<{ id: number; name: string; side: ParitySide }>,
  tallies: ReadonlyMap<number, HazardTally>,
): Parity {
  const government = units.filter((u) => u.side === 'government');
  const enterprise = units.filter((u) => u.side === 'enterprise');
  return {
    government: row(government.map((u) => u.id), tallies),
    enterprise: row(enterprise.map((u) => u.id), tallies),
    projectNames: government.map((u) => u.name),
  };
}
