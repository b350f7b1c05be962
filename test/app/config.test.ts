import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';

describe('governance configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).governance).toEqual({
      assessment: { weights: { rectification: 50, onTime: 35, speed: 15, selfCheck: 10 }, penalties: { overdue: 5, rebound: 10 }, speedTargetDays: 15, vetoMajorOverdueDays: 30 },
      watch: { majorOverdueDays: 15, overdueCount: 3, rebound: true },
      reinspection: { share: 0.2, rounds: [30, 90] },
      creditTermYears: 3,
      evidenceMinutes: 30,
    });
  });

  it('reads every variable from the environment', () => {
    const g = loadConfig({
      HZ_WEIGHT_RECTIFICATION: '60', HZ_WEIGHT_ON_TIME: '30', HZ_WEIGHT_SPEED: '10', HZ_WEIGHT_SELF_CHECK: '20', HZ_PENALTY_OVERDUE: '2', HZ_PENALTY_REBOUND: '8',
      HZ_SPEED_TARGET_DAYS: '10', HZ_VETO_MAJOR_OVERDUE_DAYS: '60', HZ_WATCH_MAJOR_OVERDUE_DAYS: '0', HZ_WATCH_OVERDUE_COUNT: '5',
      HZ_WATCH_REBOUND: 'false', HZ_REINSPECT_SHARE: '0.5', HZ_REINSPECT_DAYS: '15, 45 ,90', HZ_CREDIT_TERM_YEARS: '2', HZ_EVIDENCE_MINUTES: '10',
    }).governance;
    expect(g).toEqual({
      assessment: { weights: { rectification: 60, onTime: 30, speed: 10, selfCheck: 20 }, penalties: { overdue: 2, rebound: 8 }, speedTargetDays: 10, vetoMajorOverdueDays: 60 },
      watch: { majorOverdueDays: 0, overdueCount: 5, rebound: false },
      reinspection: { share: 0.5, rounds: [15, 45, 90] },
      creditTermYears: 2,
      evidenceMinutes: 10,
    });
  });

  it.each([
    ['HZ_REINSPECT_SHARE', '1.5'],
    ['HZ_REINSPECT_DAYS', '30,abc'],
    ['HZ_WATCH_REBOUND', 'maybe'],
    ['HZ_WEIGHT_SPEED', '-1'],
  ])('stops on a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
