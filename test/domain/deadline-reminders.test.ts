import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.ts';
import { remindedDeadlines, shouldPingOwner } from '../../src/domain/deadline-reminders.ts';
import { officialCalendar, previousWorkingDay } from '../../src/domain/work-calendar.ts';

const calendar = officialCalendar();
const DEFAULT = [3, 1, 0];

describe('which deadlines are reminded on a day', () => {
  it.each([
    ['2026-12-01', DEFAULT, ['2026-12-01', '2026-12-02', '2026-12-04'], 'a Tuesday: due today, tomorrow, in three days'],
    ['2026-12-04', DEFAULT, ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09'], 'a Friday also takes the weekend\'s reminders'],
    ['2026-12-05', DEFAULT, [], 'a Saturday: nothing'],
    ['2026-10-10', DEFAULT, ['2026-10-10', '2026-10-11', '2026-10-12', '2026-10-13', '2026-10-14'], 'a make-up Saturday works'],
    ['2026-10-01', DEFAULT, [], 'a holiday: nothing'],
    ['2026-12-01', [7], ['2026-12-08'], 'one offset'],
    ['2026-12-01', [], [], 'no offsets'],
  ])('%s with %j → %j (%s)', (today, offsets, expected) => {
    expect(remindedDeadlines(today, offsets, calendar)).toEqual(expected);
  });

  it('before a long holiday, reminds of everything due during it', () => {
    const dates = remindedDeadlines('2026-09-30', DEFAULT, calendar);
    expect(dates[0]).toBe('2026-09-30');
    expect(dates.at(-1)).toBe('2026-10-10');
    expect(dates).toHaveLength(11);
  });

  it('reminds each offset on the last working day on or before it, and on no other day', () => {
    const start = '2026-01-05';
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 340 }), fc.constantFrom(...DEFAULT), (dayIndex, offset) => {
        const deadline = addDays(start, dayIndex);
        const target = addDays(deadline, -offset);
        const remindOn = calendar.isWorkingDay(target) ? target : previousWorkingDay(target, calendar);
        expect(remindedDeadlines(remindOn, DEFAULT, calendar)).toContain(deadline);
        // the working day before that one did not cover this offset (it may cover another one)
        const before = previousWorkingDay(remindOn, calendar);
        const coveredBefore = DEFAULT.some((k) => {
          const t = addDays(deadline, -k);
          return (calendar.isWorkingDay(t) ? t : previousWorkingDay(t, calendar)) === before;
        });
        expect(remindedDeadlines(before, DEFAULT, calendar).includes(deadline)).toBe(coveredBefore);
      }),
      { numRuns: 300 },
    );
  });
});

describe('whether a reminder pings the owner', () => {
  it.each([
    ['registered', false, true],
    ['rectifying', false, true],
    ['rectifying', true, false],
    ['pending_review', false, false],
    ['closed', false, false],
  ] as const)('%s, owner acted recently: %s → %s', (status, acted, ping) => {
    expect(shouldPingOwner({ status }, acted)).toBe(ping);
  });
});
