import { describe, expect, it } from 'vitest';
import { firstWorkingDayOfWeek, overdueListedToday, planReminderToday, reinspectionAskedToday, supervisionListedToday } from '../../src/domain/cadence.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';

const calendar = officialCalendar();
const policy = { departmentAfterDays: 1, leadersAfterDays: 3 };
/** The working days of December 2026 (Mon 12-07 … Thu 12-31) on which a rule holds. */
const daysWhen = (rule: (day: string) => boolean) => {
  const out: string[] = [];
  for (let d = 1; d <= 31; d += 1) {
    const day = `2026-12-${String(d).padStart(2, '0')}`;
    if (rule(day)) out.push(day.slice(5));
  }
  return out;
};

describe('cadence by kind', () => {
  it('the first working day of a week is Monday, or the day after a holiday Monday', () => {
    expect(daysWhen((d) => firstWorkingDayOfWeek(d, calendar))).toEqual(['12-07', '12-14', '12-21', '12-28']);
    expect(firstWorkingDayOfWeek('2026-10-08', calendar)).toBe(true); // after the National Day week
    expect(firstWorkingDayOfWeek('2026-10-09', calendar)).toBe(false);
  });

  it('an overdue item is told to its unit daily in its first week, then on Mondays', () => {
    // due Wed 12-02: overdue from Thu 12-03
    expect(daysWhen((d) => overdueListedToday('2026-12-02', 'general', 'unit', policy, d, calendar)))
      .toEqual(['12-03', '12-04', '12-07', '12-08', '12-09', '12-14', '12-21', '12-28']);
  });

  it('the leaders hear of an item on the day it reaches them, then weekly, never daily', () => {
    // more than 3 days overdue from 12-06 (a Sunday): Monday 12-07 is its first day with the leaders
    expect(daysWhen((d) => overdueListedToday('2026-12-02', 'general', 'leaders', policy, d, calendar)))
      .toEqual(['12-07', '12-14', '12-21', '12-28']);
    // a major hazard reaches them on its first overdue day (Thursday 12-10), then Mondays
    expect(daysWhen((d) => overdueListedToday('2026-12-09', 'major', 'leaders', policy, d, calendar)))
      .toEqual(['12-10', '12-14', '12-21', '12-28']);
  });

  it('nothing routine on a rest day', () => {
    expect(overdueListedToday('2026-12-02', 'general', 'unit', policy, '2026-12-05', calendar)).toBe(false);
    expect(planReminderToday('2026-12-05', calendar)).toBe(false);
  });

  it('supervision: the working day after listing, then weekly', () => {
    expect(daysWhen((d) => supervisionListedToday('2026-12-03', d, calendar))).toEqual(['12-04', '12-07', '12-14', '12-21', '12-28']);
    // listed on a Friday: Monday is both the day after and the weekly day
    expect(daysWhen((d) => supervisionListedToday('2026-12-11', d, calendar))).toEqual(['12-14', '12-21', '12-28']);
  });

  it('plan reminders weekly, follow-up checks on the day due and every 7 days after until answered', () => {
    expect(daysWhen((d) => planReminderToday(d, calendar))).toEqual(['12-07', '12-14', '12-21', '12-28']);
    // due Saturday 12-05: asked Monday 12-07, then Monday 12-14 (12-12 is a Saturday), …
    expect(daysWhen((d) => reinspectionAskedToday('2026-12-05', d, calendar))).toEqual(['12-07', '12-14', '12-21', '12-28']);
    expect(daysWhen((d) => reinspectionAskedToday('2026-12-09', d, calendar))).toEqual(['12-09', '12-16', '12-23', '12-30']);
  });
});
