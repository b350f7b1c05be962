import { addDays, daysBetween } from './calendar.ts';
import type { HazardStatus, LocalDate } from './types.ts';
import { nextWorkingDay, type WorkCalendar } from './work-calendar.ts';

/**
 * The deadlines whose hazards are reminded on `today`, for reminder offsets in days before the
 * deadline (3, 1, 0: three days before, the day before, the morning of the day). A reminder whose
 * day is a weekend or holiday moves to the working day before it — a deadline is worth hearing of
 * early, not after it passed — so nothing is reminded on non-working days.
 */
export function remindedDeadlines(today: LocalDate, offsets: readonly number[], calendar: WorkCalendar): LocalDate[] {
  if (!calendar.isWorkingDay(today)) return [];
  // today covers itself and the non-working days up to the next working day
  const covered = daysBetween(today, nextWorkingDay(today, calendar));
  const dates = new Set<LocalDate>();
  for (const offset of offsets) {
    for (let day = 0; day < covered; day += 1) dates.add(addDays(today, offset + day));
  }
  return [...dates].sort();
}

/** Statuses that still wait on the owner: a submitted fix waits on the reviewer, not on them. */
export const AWAITING_OWNER: readonly HazardStatus[] = ['registered', 'rectifying'];

/**
 * Whether a reminder @-mentions the hazard's owner. Nobody is told about their own action: an
 * owner who acted on the hazard recently (the jobs use the last 24 hours), or whose fix waits
 * for acceptance, is not pinged; the item is still listed for the group to see.
 */
export function shouldPingOwner(hazard: { status: HazardStatus }, ownerActedRecently: boolean): boolean {
  return AWAITING_OWNER.includes(hazard.status) && !ownerActedRecently;
}
