import { addDays, atLocal } from './calendar.ts';
import type { LocalDate } from './types.ts';
import { previousWorkingDay, type WorkCalendar } from './work-calendar.ts';

/** Whole local days, both ends included. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/**
 * The days a daily digest on `today` reports: everything since the previous working day, so what
 * happened over a weekend or holiday shows in the next digest rather than in none.
 */
export function digestPeriod(today: LocalDate, calendar: WorkCalendar): Period {
  return { from: addDays(previousWorkingDay(today, calendar), 1), to: today };
}

/** The seven days before `today` (a Monday's summary reports Monday to Sunday) and the seven before those. */
export function weeklyPeriods(today: LocalDate): { week: Period; previous: Period } {
  return {
    week: { from: addDays(today, -7), to: addDays(today, -1) },
    previous: { from: addDays(today, -14), to: addDays(today, -8) },
  };
}

/** A period as instants: [start of its first day, start of the day after its last). */
export function periodInstants(period: Period): { start: Date; end: Date } {
  return { start: atLocal(`${period.from} 00:00`), end: atLocal(`${addDays(period.to, 1)} 00:00`) };
}
