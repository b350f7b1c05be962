import { daysBetween, localDate } from './calendar.ts';
import type { Hazard, LocalDate } from './types.ts';

/** Overdue is derived, never stored: the deadline day has passed and the item is not closed. */
export function isOverdue(hazard: Pick<Hazard, 'deadline' | 'status'>, now: Date): boolean {
  return hazard.status !== 'closed' && hazard.deadline < localDate(now);
}

/** Days past the deadline (0 when not overdue). */
export function daysOverdue(hazard: Pick<Hazard, 'deadline' | 'status'>, now: Date): number {
  return isOverdue(hazard, now) ? daysBetween(hazard.deadline, localDate(now)) : 0;
}

/** Days left until the deadline day, 0 on the day itself, negative when past. */
export function daysLeft(deadline: LocalDate, now: Date): number {
  return daysBetween(localDate(now), deadline);
}
