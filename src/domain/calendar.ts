import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import type { LocalDate } from './types.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every date the county speaks of is a Shanghai date, whatever the server's clock zone. */
export const ZONE = 'Asia/Shanghai';

/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so wall-clock conversions are
 * plain arithmetic: dayjs' timezone plugin costs about 0.1 ms a call, and a digest or reminder run
 * formats thousands of dates (test/domain/calendar.test.ts checks both agree).
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** The Shanghai wall clock of an instant, as an ISO string without zone: 2026-12-01T09:00:00.000 */
const wallClock = (now: Date): string => new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 23);

/** Midnight UTC of a local date: days counted from it need no zone. */
function dayNumber(date: LocalDate): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The Shanghai calendar date of an instant. */
export function localDate(now: Date): LocalDate {
  return wallClock(now).slice(0, 10);
}

/** The Shanghai wall-clock time of an instant, 'HH:mm'. */
export function localTime(now: Date): string {
  return wallClock(now).slice(11, 16);
}

/** A local date moved by whole days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(dayNumber(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / DAY_MS);
}

/** The instant a Shanghai wall-clock time happens, from 'YYYY-MM-DD HH:mm'. */
export function atLocal(dateTime: string): Date {
  const m = LOCAL.exec(dateTime.trim());
  if (!m) return dayjs.tz(dateTime, ZONE).toDate();
  const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)) - OFFSET_MS);
}

/** '12月15日', with the year only when it is not the current one. */
export function formatDate(date: LocalDate, now: Date): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const sameYear = String(y) === localDate(now).slice(0, 4);
  return sameYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** Local ISO form with offset, e.g. 2026-12-01T09:00:00+08:00. */
export function isoLocal(now: Date): string {
  return `${wallClock(now).slice(0, 19)}+08:00`;
}

export { dayjs };
