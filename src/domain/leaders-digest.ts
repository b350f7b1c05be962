import { daysBetween } from './calendar.ts';
import type { Period } from './report-periods.ts';
import type { HazardLevel, LocalDate } from './types.ts';

/**
 * The leaders' evening digest: what changed and who must act, on one phone screen. The morning
 * message names overdue items (on the day they reach the leaders, and every Monday); the evening
 * digest never lists them again — it carries the counts and their change, what waits on the
 * departments, the day's decisions and who is slipping most.
 */
export interface LeadersDigest {
  period: Period;
  today: LocalDate;
  /** this digest's period against the one before (the previous working day's) */
  change: { now: DayCounts; before: DayCounts };
  /** open and overdue now, and a week ago */
  standing: { open: number; openMajor: number; overdue: number; overdueMajor: number; openWeekAgo: number; overdueWeekAgo: number };
  /** fixes submitted for acceptance and not decided, oldest first */
  waiting: WaitingItem[];
  /** rejections and extension decisions in the period */
  decisions: Decision[];
  /** units and departments with the heaviest overdue burden, ties together */
  worstUnits: BurdenGroup[];
  worstDepartments: BurdenGroup[];
  /** the leader in charge (分管领导) of each department by name, where the roster names one */
  inChargeOf?: ReadonlyMap<string, string>;
}

export interface DayCounts {
  created: number;
  closed: number;
  /** hazards whose first overdue day fell in the period */
  newlyOverdue: number;
}

export interface WaitingItem {
  code: string;
  unitName: string;
  /** who must decide: the unit's supervising department */
  departmentName: string | null;
  submittedOn: LocalDate;
}

export interface Decision {
  code: string;
  unitName: string;
  kind: 'rejected' | 'extension_approved' | 'extension_denied';
  actorName: string | null;
  /** the new deadline of an approved extension */
  to: LocalDate | null;
  reason: string | null;
}

/** One open overdue hazard, as the burden counts it. */
export interface OverdueFact {
  level: HazardLevel;
  deadline: LocalDate;
  unitName: string;
  departmentName: string | null;
}

/** Units (or departments) sharing one burden score: a tie is shown as one. */
export interface BurdenGroup {
  score: number;
  members: Array<{ name: string; items: number; major: number }>;
}

/** How much heavier a major hazard's overdue day weighs than a general one's. */
export const MAJOR_BURDEN_WEIGHT = 3;
/** Burden places shown; a tie at the last place is shown whole, up to {@link BURDEN_MAX_NAMES} names. */
export const BURDEN_PLACES = 3;
export const BURDEN_MAX_NAMES = 6;

/**
 * The overdue burden of each unit (or department): the days overdue of its open overdue hazards
 * added up, a major hazard's counted {@link MAJOR_BURDEN_WEIGHT} times — one item a month late
 * weighs more than three items a day late, and a major one more than a general one. Heaviest
 * first; equal scores form one group (they are tied, and said to be), at most
 * {@link BURDEN_PLACES} groups. Pure.
 */
export function rankBurden(facts: readonly OverdueFact[], by: 'unit' | 'department', today: LocalDate): BurdenGroup[] {
  const per = new Map<string, { score: number; items: number; major: number }>();
  for (const f of facts) {
    const name = by === 'unit' ? f.unitName : f.departmentName;
    if (name === null) continue;
    const days = daysBetween(f.deadline, today);
    if (days < 1) continue;
    const entry = per.get(name) ?? { score: 0, items: 0, major: 0 };
    entry.score += days * (f.level === 'major' ? MAJOR_BURDEN_WEIGHT : 1);
    entry.items += 1;
    if (f.level === 'major') entry.major += 1;
    per.set(name, entry);
  }
  const sorted = [...per].sort(([a, x], [b, y]) => y.score - x.score || a.localeCompare(b, 'zh-Hans-CN'));
  const groups: BurdenGroup[] = [];
  let shown = 0;
  for (const [name, e] of sorted) {
    const last = groups.at(-1);
    if (!last || last.score !== e.score) {
      if (groups.length >= BURDEN_PLACES || shown >= BURDEN_MAX_NAMES) break;
      groups.push({ score: e.score, members: [] });
    }
    groups.at(-1)?.members.push({ name, items: e.items, major: e.major });
    shown += 1;
  }
  return groups;
}
