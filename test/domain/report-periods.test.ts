import { describe, expect, it } from 'vitest';
import { isoLocal } from '../../src/domain/calendar.ts';
import { digestPeriod, periodInstants, weeklyPeriods } from '../../src/domain/report-periods.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';

const calendar = officialCalendar();

describe('report periods', () => {
  it.each([
    ['2026-12-01', '2026-12-01', 'a Tuesday reports itself'],
    ['2026-12-07', '2026-12-05', 'a Monday reports the weekend too'],
    ['2026-10-08', '2026-10-01', 'the day after National Day reports the break'],
    ['2026-12-05', '2026-12-05', 'asked on a Saturday: that day'],
  ])('the digest of %s starts %s (%s)', (today, from) => {
    expect(digestPeriod(today, calendar)).toEqual({ from, to: today });
  });

  it('the weekly summary reports the seven days before and compares with the seven before those', () => {
    expect(weeklyPeriods('2026-12-07')).toEqual({
      week: { from: '2026-11-30', to: '2026-12-06' },
      previous: { from: '2026-11-23', to: '2026-11-29' },
    });
  });

  it('turns a period into Shanghai instants', () => {
    const { start, end } = periodInstants({ from: '2026-12-05', to: '2026-12-07' });
    expect([isoLocal(start), isoLocal(end)]).toEqual(['2026-12-05T00:00:00+08:00', '2026-12-08T00:00:00+08:00']);
  });
});
