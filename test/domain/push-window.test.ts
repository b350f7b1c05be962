import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLocal, isoLocal } from '../../src/domain/calendar.ts';
import { isQuietTime, nextPushTime, type PushWindow } from '../../src/domain/push-window.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';

const calendar = officialCalendar();
const night: PushWindow = { quietHours: { start: '21:00', end: '08:00' }, calendar };

describe('quiet hours', () => {
  it.each([
    ['2026-12-01 20:59', false],
    ['2026-12-01 21:00', true],
    ['2026-12-01 23:59', true],
    ['2026-12-02 00:00', true],
    ['2026-12-02 07:59', true],
    ['2026-12-02 08:00', false],
  ])('%s is quiet: %s (21:00–08:00)', (at, quiet) => {
    expect(isQuietTime(atLocal(at), night.quietHours)).toBe(quiet);
  });

  it('also works for a window within one day, and for none', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(isQuietTime(atLocal('2026-12-01 12:15'), lunch)).toBe(true);
    expect(isQuietTime(atLocal('2026-12-01 13:30'), lunch)).toBe(false);
    expect(isQuietTime(atLocal('2026-12-01 03:00'), null)).toBe(false);
  });
});

describe('the next time a routine push may go out', () => {
  it.each([
    ['2026-12-01 10:00', '2026-12-01T10:00:00+08:00', 'a working morning: at once'],
    ['2026-12-01 21:30', '2026-12-02T08:00:00+08:00', 'a working evening: next morning'],
    ['2026-12-02 06:45', '2026-12-02T08:00:00+08:00', 'early morning: at 08:00'],
    ['2026-12-04 22:00', '2026-12-07T08:00:00+08:00', 'Friday night: Monday morning'],
    ['2026-12-05 10:00', '2026-12-07T08:00:00+08:00', 'Saturday: Monday morning'],
    ['2026-09-30 21:00', '2026-10-08T08:00:00+08:00', 'the eve of National Day: after the break'],
    ['2026-10-10 09:00', '2026-10-10T09:00:00+08:00', 'a make-up Saturday is a working day'],
  ])('%s → %s (%s)', (at, expected) => {
    expect(isoLocal(nextPushTime(atLocal(at), night))).toBe(expected);
  });

  it('without quiet hours still waits for a working day', () => {
    expect(isoLocal(nextPushTime(atLocal('2026-12-05 10:00'), { quietHours: null, calendar }))).toBe('2026-12-07T00:00:00+08:00');
  });

  it('is never earlier than asked, always allowed, and the first allowed minute', () => {
    const start = atLocal('2026-01-01 00:00').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 60 }), (minute) => {
        const at = new Date(start + minute * 60_000);
        const next = nextPushTime(at, night);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(isQuietTime(next, night.quietHours)).toBe(false);
        const before = new Date(next.getTime() - 60_000);
        if (before >= at) expect(nextPushTime(before, night).getTime()).toBe(next.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
