import { addDays, daysBetween } from './calendar.ts';
import type { EscalationPolicy, EscalationStep } from './escalation.ts';
import type { HazardLevel, LocalDate } from './types.ts';
import { previousWorkingDay, type WorkCalendar } from './work-calendar.ts';

/**
 * How often each kind of routine item comes back in the morning message. Every rule takes the day
 * (and the calendar) as parameters: no clock, no database.
 *
 * - due soon: on the reminder days (3, 1 and 0 days before, moved to the working day before)
 * - overdue: to the unit and the department every working day in its first week overdue, then once
 *   a week (the first working day of the week); to the leaders on the working day it reaches them,
 *   then weekly (their evening digest counts it daily) — and to each step on the day it escalates
 *   to it, whatever its age
 * - listed for supervision (挂牌督办): the first working day after it is listed, then once a week;
 *   on other days it shows only when it is due or overdue (its line says 【督办】)
 * - major-hazard plan incomplete: once a week, and on any day the hazard is in the message anyway
 *   (due soon, overdue: the missing parts are added to its line)
 * - follow-up check (滚动检查) due: on the day it falls due, then once a week until answered
 */
export const OVERDUE_DAILY_DAYS = 7;

/**
 * Whether `mark` falls on `today` or on a non-working day since the previous working day — the
 * working day that first "sees" the mark. False on non-working days.
 */
export function firstWorkingDayOnOrAfter(mark: LocalDate, today: LocalDate, calendar: WorkCalendar): boolean {
  if (!calendar.isWorkingDay(today)) return false;
  return mark <= today && mark > previousWorkingDay(today, calendar);
}

/** Whether today is the first working day of its week (Monday, or later after a holiday). */
export function firstWorkingDayOfWeek(today: LocalDate, calendar: WorkCalendar): boolean {
  if (!calendar.isWorkingDay(today)) return false;
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return firstWorkingDayOnOrAfter(addDays(today, -weekday), today, calendar);
}

/** The overdue days after which a step hears of a general hazard (a major one: from the first day). */
function stepThreshold(step: EscalationStep, level: HazardLevel, policy: EscalationPolicy): number {
  if (level === 'major' || step === 'unit') return 0;
  return step === 'department' ? policy.departmentAfterDays : policy.leadersAfterDays;
}

/**
 * Whether an overdue hazard is listed to one step today: daily in its first
 * {@link OVERDUE_DAILY_DAYS} days overdue (not to the leaders), on the working day it first
 * reaches this step, and weekly after that. A repeat of an unchanged old item teaches nobody anything; a new step does.
 */
export function overdueListedToday(
  deadline: LocalDate, level: HazardLevel, step: EscalationStep, policy: EscalationPolicy, today: LocalDate, calendar: WorkCalendar,
): boolean {
  if (!calendar.isWorkingDay(today)) return false;
  const overdue = daysBetween(deadline, today);
  const threshold = stepThreshold(step, level, policy);
  if (overdue <= threshold) return false;
  // the leaders read the evening digest every day: their morning lists only what is new to them
  if (overdue <= OVERDUE_DAILY_DAYS && step !== 'leaders') return true;
  // the first day past the threshold is deadline + threshold + 1: the step's first working day sees it
  if (firstWorkingDayOnOrAfter(addDays(deadline, threshold + 1), today, calendar)) return true;
  return firstWorkingDayOfWeek(today, calendar);
}

/** Whether a hazard listed for supervision on `listedOn` is named for that reason today. */
export function supervisionListedToday(listedOn: LocalDate, today: LocalDate, calendar: WorkCalendar): boolean {
  if (!calendar.isWorkingDay(today) || listedOn >= today) return false;
  return firstWorkingDayOnOrAfter(addDays(listedOn, 1), today, calendar) || firstWorkingDayOfWeek(today, calendar);
}

/** Whether an incomplete major-hazard plan gets its own line today (weekly). */
export function planReminderToday(today: LocalDate, calendar: WorkCalendar): boolean {
  return firstWorkingDayOfWeek(today, calendar);
}

/** Whether a due follow-up check is asked for today: the working day it falls due, then every 7 days. */
export function reinspectionAskedToday(dueOn: LocalDate, today: LocalDate, calendar: WorkCalendar): boolean {
  if (!calendar.isWorkingDay(today) || dueOn > today) return false;
  const weeks = Math.floor(daysBetween(dueOn, today) / 7);
  return firstWorkingDayOnOrAfter(addDays(dueOn, weeks * 7), today, calendar);
}
