import { addDays, atLocal, localDate, localTime } from './calendar.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** Quiet hours as Shanghai wall-clock 'HH:mm'; `start` after `end` wraps past midnight (21:00–08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

/** When routine pushes may go out: working days, outside quiet hours. */
export interface PushWindow {
  quietHours: QuietHours | null;
  calendar: WorkCalendar;
}

const minutesOf = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether an instant falls in quiet hours. */
export function isQuietTime(at: Date, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const now = minutesOf(localTime(at));
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * The earliest instant at or after `at` when a routine push may go out: a push that falls in quiet
 * hours or on a weekend or holiday waits for the next allowed time instead of being dropped.
 */
export function nextPushTime(at: Date, window: PushWindow): Date {
  let t = at;
  // a year of days is far more than any holiday run; the bound only guards a broken calendar
  for (let i = 0; i < 800; i += 1) {
    const day = localDate(t);
    if (!window.calendar.isWorkingDay(day)) {
      t = atLocal(`${addDays(day, 1)} 00:00`);
      continue;
    }
    if (!window.quietHours || !isQuietTime(t, window.quietHours)) return t;
    const endToday = atLocal(`${day} ${window.quietHours.end}`);
    t = endToday > t ? endToday : atLocal(`${addDays(day, 1)} ${window.quietHours.end}`);
  }
  return t;
}
