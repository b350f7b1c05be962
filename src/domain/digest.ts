import type { HazardLevel, HazardStatus, LocalDate } from './types.ts';
import type { Period } from './report-periods.ts';

/** A hazard as reminders and digests list it, with who is responsible along the chain (owner → unit → supervisor). */
export interface HazardItem {
  id: number;
  code: string;
  description: string;
  level: HazardLevel;
  status: HazardStatus;
  progress: number;
  deadline: LocalDate;
  unitId: number;
  unitName: string;
  ownerId: number;
  ownerName: string;
  /** the supervising department (or town, park) of the hazard's unit */
  supervisorId: number | null;
  supervisorName: string | null;
  /** what decides the leader in charge (src/domain/responsibility-chain.ts) */
  category: string;
  unitSector: string | null;
}

/** The first items of a list and how many there are in all. */
export interface TopList<T> {
  items: T[];
  total: number;
}

/** Progress reported in the period: the latest report per hazard. */
export interface ProgressItem {
  code: string;
  unitName: string;
  actorName: string | null;
  /** 'progress' with a percentage, 'submitted' (整改完成，申请验收), or the decision on it the same period */
  kind: 'progress' | 'submitted' | 'rejected' | 'accepted';
  progress: number | null;
}

/** What a daily digest says about one scope (the county, or a department's units). */
export interface Digest {
  period: Period;
  today: LocalDate;
  created: { total: number; major: number };
  closed: number;
  open: { total: number; major: number; byCategory: Array<{ category: string; count: number }> };
  overdue: TopList<HazardItem> & { major: number };
  /** units with the most overdue items, most first */
  worstUnits: Array<{ unitName: string; count: number }>;
  progress: TopList<ProgressItem>;
}

/** On-time rectification of the hazards whose deadline fell in a period, for one unit or department. */
export interface OnTimeRate {
  name: string;
  due: number;
  onTime: number;
}

/** What the weekly summary tells the leaders. */
export interface WeeklySummary {
  week: Period;
  created: { week: number; previous: number };
  closed: { week: number; previous: number };
  open: number;
  overdue: { total: number; major: number };
  onTime: { all: OnTimeRate; byUnit: TopList<OnTimeRate>; byDepartment: TopList<OnTimeRate> };
}

/** Overdue and progress items a digest lists; the rest is counted ("等 N 项"). */
export const DIGEST_LIST_LIMIT = 10;

/** Whether a digest has anything to say: a group receives nothing when there is nothing. */
export function digestIsEmpty(d: Digest): boolean {
  return d.created.total === 0 && d.closed === 0 && d.open.total === 0 && d.progress.total === 0;
}
