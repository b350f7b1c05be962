import { describe, expect, it } from 'vitest';
import { asOfDay, monthOf, previousPeriod, quarterOf, quarterToFile, rangePeriod, statisticsDueOn, yearOf } from '../../src/domain/period.ts';
import { quarterlyStatistics } from '../../src/domain/statistics.ts';
import { clearingRate } from '../../src/domain/briefing.ts';

describe('periods', () => {
  it('names months, quarters and years', () => {
    expect(monthOf('2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28', label: '2026年2月', kind: 'month' });
    expect(quarterOf('2026-12-01')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026年第四季度', kind: 'quarter' });
    expect(yearOf('2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-12-31', label: '2026年', kind: 'year' });
    expect(rangePeriod('2026-10-01', '2027-01-15').label).toBe('2026年10月1日至2027年1月15日');
  });

  it('steps back across a year end', () => {
    expect(previousPeriod(monthOf('2027-01-05')).label).toBe('2026年12月');
    expect(previousPeriod(quarterOf('2027-01-05')).label).toBe('2026年第四季度');
    expect(previousPeriod(rangePeriod('2026-12-11', '2026-12-20'))).toMatchObject({ from: '2026-12-01', to: '2026-12-10' });
  });

  it('reads a running period on today, a finished one on its last day', () => {
    expect(asOfDay(quarterOf('2026-12-01'), '2026-12-01')).toBe('2026-12-01');
    expect(asOfDay(quarterOf('2026-09-01'), '2026-12-01')).toBe('2026-09-30');
  });

  it('files a quarter by the 15th of the month after it', () => {
    expect(statisticsDueOn(quarterOf('2026-11-01'))).toBe('2027-01-15');
    expect(quarterToFile('2027-01-01').label).toBe('2026年第四季度');
    expect(quarterToFile('2026-12-31').label).toBe('2026年第三季度');
  });
});

describe('quarterly statistics and clearing', () => {
  it('counts per unit and in total, with plan parts of major hazards', () => {
    const { byUnit, total } = quarterlyStatistics([
      { unitId: 1, level: 'general', supervised: false, closed: true, overdue: false, plan: {} },
      { unitId: 1, level: 'general', supervised: false, closed: false, overdue: true, plan: {} },
      { unitId: 1, level: 'major', supervised: true, closed: false, overdue: false, plan: { goals: 'x', funds: 'y', safety: ' ' } },
      { unitId: 2, level: 'major', supervised: false, closed: true, overdue: false, plan: { goals: 'x', methods: 'm', funds: 'f', organization: 'o', timeline: 't', safety: 's' } },
    ]);
    expect(byUnit.get(1)).toEqual({
      generalFound: 2, generalClosed: 1, majorFound: 1, majorClosed: 0,
      majorPlanParts: { goals: 1, methods: 0, funds: 1, organization: 0, timeline: 0, safety: 0 }, supervised: 1, overdue: 1,
    });
    expect(total).toMatchObject({ generalFound: 2, majorFound: 2, majorClosed: 1, majorPlanParts: { goals: 2, methods: 1, safety: 1 } });
  });

  it('clears: cleared ÷ (carried over + added)', () => {
    expect(clearingRate({ carriedOver: 1, added: 2, cleared: 2 })).toBeCloseTo(2 / 3);
    expect(clearingRate({ carriedOver: 0, added: 0, cleared: 0 })).toBeNull();
  });
});
