import { PLAN_PARTS, type PlanPart } from './plan.ts';
import type { HazardLevel } from './types.ts';

/** A hazard registered in the quarter, as the statistics table counts it. */
export interface StatisticsHazard {
  unitId: number;
  level: HazardLevel;
  supervised: boolean;
  /** closed by the quarter's end */
  closed: boolean;
  /** open and past its deadline on the as-of day */
  overdue: boolean;
  plan: Record<string, string>;
}

/** One line of the quarterly 隐患排查治理情况统计表. */
export interface StatisticsLine {
  generalFound: number;
  generalClosed: number;
  majorFound: number;
  majorClosed: number;
  /** major hazards whose plan has each part (落实目标任务、方法措施、经费物资、机构人员、时限要求、安全措施应急预案) */
  majorPlanParts: Record<PlanPart, number>;
  supervised: number;
  overdue: number;
}

const emptyLine = (): StatisticsLine => ({
  generalFound: 0, generalClosed: 0, majorFound: 0, majorClosed: 0,
  majorPlanParts: Object.fromEntries(PLAN_PARTS.map((p) => [p, 0])) as Record<PlanPart, number>,
  supervised: 0, overdue: 0,
});

function add(line: StatisticsLine, h: StatisticsHazard): void {
  if (h.level === 'major') {
    line.majorFound += 1;
    if (h.closed) line.majorClosed += 1;
    for (const part of PLAN_PARTS) if (h.plan[part]?.trim()) line.majorPlanParts[part] += 1;
  } else {
    line.generalFound += 1;
    if (h.closed) line.generalClosed += 1;
  }
  if (h.supervised) line.supervised += 1;
  if (h.overdue) line.overdue += 1;
}

/** The statistics table: one line per unit that registered anything, and the total. Pure. */
export function quarterlyStatistics(hazards: readonly StatisticsHazard[]): { byUnit: Map<number, StatisticsLine>; total: StatisticsLine } {
  const byUnit = new Map<number, StatisticsLine>();
  const total = emptyLine();
  for (const h of hazards) {
    const line = byUnit.get(h.unitId) ?? emptyLine();
    byUnit.set(h.unitId, line);
    add(line, h);
    add(total, h);
  }
  return { byUnit, total };
}

/** A rate for a table or a briefing: null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
