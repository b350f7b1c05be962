import chineseDays from 'chinese-days';
import { addDays } from './calendar.ts';
import type { LocalDate } from './types.ts';

/** Which days people are at work: routine pushes wait for them. */
export interface WorkCalendar {
  isWorkingDay(date: LocalDate): boolean;
}

/** Days the package does not know yet (the State Council publishes each year's plan late in the year before). */
export interface CalendarOverrides {
  holidays: readonly LocalDate[];
  workdays: readonly LocalDate[];
}

/**
 * The official calendar: statutory holidays and make-up working days (调休) from `chinese-days`,
 * weekends otherwise, with the configured overrides winning.
 */
export function officialCalendar(overrides: CalendarOverrides = { holidays: [], workdays: [] }): WorkCalendar {
  const holidays = new Set(overrides.holidays);
  const workdays = new Set(overrides.workdays);
  return {
    isWorkingDay(date) {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      return chineseDays.isWorkday(date);
    },
  };
}

/** Whether `chinese-days` carries the official plan for a year (without it only weekends count). */
export function hasOfficialData(year: number): boolean {
  // New Year's Day is a statutory holiday every year, so a year with data has at least one
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** The next working day after `date`. */
export function nextWorkingDay(date: LocalDate, calendar: WorkCalendar): LocalDate {
  let day = addDays(date, 1);
  // the longest official break is about ten days; the bound only guards a broken override list
  for (let i = 0; i < 60 && !calendar.isWorkingDay(day); i += 1) day = addDays(day, 1);
  return day;
}

/** The last working day before `date`. */
export function previousWorkingDay(date: LocalDate, calendar: WorkCalendar): LocalDate {
  let day = addDays(date, -1);
  for (let i = 0; i < 60 && !calendar.isWorkingDay(day); i += 1) day = addDays(day, -1);
  return day;
}

/**
 * Years the bot will soon schedule in without the official holiday plan: this year, and from
 * November the next (the State Council publishes it late in the year), unless the configuration
 * already lists that year's holidays or make-up days. Weekends alone then decide working days.
 */
export function calendarGaps(today: LocalDate, overrides: CalendarOverrides, hasData: (year: number) => boolean = hasOfficialData): number[] {
  const year = Number(today.slice(0, 4));
  const years = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
  const configured = (y: number) => [...overrides.holidays, ...overrides.workdays].some((d) => d.startsWith(`${y}-`));
  return years.filter((y) => !hasData(y) && !configured(y));
}
