import { describe, expect, it } from 'vitest';
import { calendarGaps, hasOfficialData, nextWorkingDay, officialCalendar, previousWorkingDay } from '../../src/domain/work-calendar.ts';

const calendar = officialCalendar();

describe('the official working-day calendar', () => {
  it.each([
    ['2026-12-01', true, 'a Tuesday'],
    ['2026-12-05', false, 'a Saturday'],
    ['2026-12-06', false, 'a Sunday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'the last day of the National Day break'],
    ['2026-10-10', true, 'a Saturday made a working day (调休)'],
    ['2026-09-20', true, 'a Sunday made a working day (调休)'],
    ['2026-09-25', false, 'Mid-Autumn Festival on a Friday'],
    ['2026-02-14', true, 'the Saturday before Spring Festival (调休)'],
    ['2026-02-17', false, 'Spring Festival'],
    ['2026-02-24', true, 'the first day back after Spring Festival'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('lets the configuration add holidays and make-up days the package does not know yet', () => {
    const patched = officialCalendar({ holidays: ['2027-01-01'], workdays: ['2027-01-02'] });
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // a Friday, 2027 not published yet
    expect(patched.isWorkingDay('2027-01-01')).toBe(false);
    expect(patched.isWorkingDay('2027-01-02')).toBe(true);
  });

  it('knows which years it has official data for', () => {
    expect(hasOfficialData(2026)).toBe(true);
    expect(hasOfficialData(2040)).toBe(false);
  });

  it.each([
    ['2026-12-04', '2026-12-07', '2026-12-03'],
    ['2026-09-30', '2026-10-08', '2026-09-29'],
    ['2026-10-08', '2026-10-09', '2026-09-30'],
    ['2026-10-10', '2026-10-12', '2026-10-09'],
  ])('around %s the next working day is %s and the previous %s', (date, next, previous) => {
    expect(nextWorkingDay(date, calendar)).toBe(next);
    expect(previousWorkingDay(date, calendar)).toBe(previous);
  });
});

describe('calendar gaps', () => {
  const none = { holidays: [], workdays: [] };
  const known = (year: number) => year <= 2026;
  it.each([
    ['2026-06-01', none, []],
    ['2026-11-15', none, [2027]],
    ['2027-01-04', none, [2027]],
    ['2026-11-15', { holidays: ['2027-01-01'], workdays: [] }, []],
  ])('on %s with %j the missing years are %j', (today, overrides, gaps) => {
    expect(calendarGaps(today, overrides, known)).toEqual(gaps);
  });
});
