import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import type { LocalDate } from './types.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every date the county speaks of is a Shanghai date, whatever the server's clock zone. */
export const ZONE = 'Asia/Shanghai';

/** The Shanghai calendar date of an instant. */
export function localDate(now: Date): LocalDate {
  return dayjs(now).tz(ZONE).format('YYYY-MM-DD');
}

/** The Shanghai wall-clock time of an instant, 'HH:mm'. */
export function localTime(now: Date): string {
  return dayjs(now).tz(ZONE).format('HH:mm');
}

/** A local date moved by whole days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return dayjs.tz(date, ZONE).add(days, 'day').format('YYYY-MM-DD');
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(dayjs.utc(to).diff(dayjs.utc(from), 'day', true));
}

/** The instant a Shanghai wall-clock time happens, from 'YYYY-MM-DD HH:mm'. */
export function atLocal(dateTime: string): Date {
  return dayjs.tz(dateTime, ZONE).toDate();
}

/** '12月15日', with the year only when it is not the current one. */
export function formatDate(date: LocalDate, now: Date): string {
  const d = dayjs.tz(date, ZONE);
  const sameYear = d.year() === dayjs(now).tz(ZONE).year();
  return sameYear ? `${d.month() + 1}月${d.date()}日` : `${d.year()}年${d.month() + 1}月${d.date()}日`;
}

/** Local ISO form with offset, e.g. 2026-12-01T09:00:00+08:00. */
export function isoLocal(now: Date): string {
  return dayjs(now).tz(ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

export { dayjs };
