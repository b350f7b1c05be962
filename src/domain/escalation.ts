import { addDays } from './calendar.ts';
import type { HazardLevel, LocalDate } from './types.ts';

/** Days overdue after which an overdue hazard is escalated further up the chain. */
export interface EscalationPolicy {
  /** to the supervising department's group when overdue more than this many days */
  departmentAfterDays: number;
  /** to the leaders' group when overdue more than this many days */
  leadersAfterDays: number;
}

/** Where an overdue alert goes: the unit's group, the supervising department's, the leaders'. */
export type EscalationStep = 'unit' | 'department' | 'leaders';
export const ESCALATION_STEPS: readonly EscalationStep[] = ['unit', 'department', 'leaders'];

/**
 * Who hears about an overdue hazard today. On working days the unit hears every morning, the
 * department once the hazard is more than N days overdue, the leaders after M days; a major hazard
 * goes all the way up on its first overdue day. On weekends and holidays only that first alert of
 * a major hazard goes out: it is not held back.
 */
export function escalationSteps(daysOverdue: number, level: HazardLevel, policy: EscalationPolicy, workingDay: boolean): EscalationStep[] {
  if (daysOverdue < 1) return [];
  if (!workingDay) return level === 'major' && daysOverdue === 1 ? [...ESCALATION_STEPS] : [];
  if (level === 'major') return [...ESCALATION_STEPS];
  return ESCALATION_STEPS.filter((step) =>
    step === 'unit' || daysOverdue > (step === 'department' ? policy.departmentAfterDays : policy.leadersAfterDays));
}

/**
 * The deadlines one step hears about, in the form a query takes: a hazard of any level with a
 * deadline before `anyLevelBefore`, or a major one with a deadline in [majorSince, majorBefore).
 */
export interface OverdueWindow {
  anyLevelBefore: LocalDate | null;
  majorSince: LocalDate | null;
  majorBefore: LocalDate;
}

/** `escalationSteps` turned around: which deadlines each step hears about on `today`. */
export function overdueWindows(today: LocalDate, policy: EscalationPolicy, workingDay: boolean): Record<EscalationStep, OverdueWindow> {
  if (!workingDay) {
    const firstDay: OverdueWindow = { anyLevelBefore: null, majorSince: addDays(today, -1), majorBefore: today };
    return { unit: firstDay, department: firstDay, leaders: firstDay };
  }
  const after = (days: number): OverdueWindow => ({ anyLevelBefore: addDays(today, -days), majorSince: null, majorBefore: today });
  return { unit: after(0), department: after(policy.departmentAfterDays), leaders: after(policy.leadersAfterDays) };
}

/** Whether a deadline falls in a window (the same test the query makes). */
export function inOverdueWindow(deadline: LocalDate, level: HazardLevel, window: OverdueWindow): boolean {
  if (window.anyLevelBefore !== null && deadline < window.anyLevelBefore) return true;
  return level === 'major' && deadline < window.majorBefore && (window.majorSince === null || deadline >= window.majorSince);
}
