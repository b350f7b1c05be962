import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, atLocal, daysBetween, formatDate, isoLocal, localDate, localTime } from '../../src/domain/calendar.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
const ZONE = 'Asia/Shanghai';

// the calendar does Shanghai time as UTC+8 arithmetic; these check it against the tz database
describe('Shanghai calendar arithmetic', () => {
  const instants = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));
  const dates = instants.map((d) => dayjs(d).tz(ZONE).format('YYYY-MM-DD'));

  it('agrees with dayjs-timezone on dates, times and ISO forms', () => {
    fc.assert(fc.property(instants, (now) => {
      expect(localDate(now)).toBe(dayjs(now).tz(ZONE).format('YYYY-MM-DD'));
      expect(localTime(now)).toBe(dayjs(now).tz(ZONE).format('HH:mm'));
      expect(isoLocal(now)).toBe(dayjs(now).tz(ZONE).format('YYYY-MM-DDTHH:mm:ssZ'));
    }), { numRuns: 500 });
  });

  it('agrees with dayjs-timezone on moving and counting days, and on wall-clock instants', () => {
    fc.assert(fc.property(dates, fc.integer({ min: -800, max: 800 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, days, h, m) => {
      expect(addDays(date, days)).toBe(dayjs.tz(date, ZONE).add(days, 'day').format('YYYY-MM-DD'));
      expect(daysBetween(date, addDays(date, days))).toBe(days);
      const wall = `${date} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
      expect(atLocal(wall).getTime()).toBe(dayjs.tz(wall, ZONE).valueOf());
    }), { numRuns: 500 });
  });

  it('reads a one-digit hour and formats dates as people write them', () => {
    expect(isoLocal(atLocal('2026-12-01 9:05'))).toBe('2026-12-01T09:05:00+08:00');
    expect(formatDate('2026-12-15', atLocal('2026-12-01 09:00'))).toBe('12月15日');
    expect(formatDate('2027-01-05', atLocal('2026-12-01 09:00'))).toBe('2027年1月5日');
    expect(localDate(atLocal('2026-12-01 23:59'))).toBe('2026-12-01');
    expect(localDate(atLocal('2026-12-02 00:00'))).toBe('2026-12-02');
  });
});
