import { describe, expect, it } from 'vitest';
import { assess, hasActivity, rankAssessments, sumTallies, EMPTY_TALLY, type AssessmentRules, type HazardTally } from '../../src/domain/assessment.ts';

/** The defaults of config (HZ_WEIGHT_*, HZ_PENALTY_*, HZ_SPEED_TARGET_DAYS, HZ_VETO_MAJOR_OVERDUE_DAYS). */
const RULES: AssessmentRules = {
  weights: { rectification: 50, onTime: 35, speed: 15, selfCheck: 10 },
  penalties: { overdue: 5, rebound: 10 },
  speedTargetDays: 15,
  vetoMajorOverdueDays: 30,
};

// The worked example of docs/governance.md.
const A: HazardTally = { found: 4, closed: 3, onTime: 2, due: 4, closeDays: 45, overdue: 1, rebounds: 0, vetoItems: 0, selfClosed: 0 };
const B: HazardTally = { found: 2, closed: 2, onTime: 2, due: 2, closeDays: 60, overdue: 0, rebounds: 1, vetoItems: 0, selfClosed: 0 };
const C: HazardTally = { found: 1, closed: 0, onTime: 0, due: 1, closeDays: 0, overdue: 1, rebounds: 0, vetoItems: 1, selfClosed: 0 };

describe('assessment arithmetic, by hand', () => {
  it('A: 50×3/4 + 35×2/4 + 15×1 − 5×1 = 65', () => {
    expect(assess(A, RULES)).toMatchObject({ rectificationRate: 0.75, onTimeRate: 0.5, averageDaysToClose: 15, veto: false, score: 65 });
  });

  it('B: 50×1 + 35×1 + 15×(15/30) − 10×1 = 82.5', () => {
    expect(assess(B, RULES)).toMatchObject({ rectificationRate: 1, onTimeRate: 1, averageDaysToClose: 30, veto: false, score: 82.5 });
  });

  it('C: 50×0 + 35×0 + 15×1 − 5×1 = 10, vetoed', () => {
    expect(assess(C, RULES)).toMatchObject({ rectificationRate: 0, onTimeRate: 0, averageDaysToClose: null, veto: true, score: 10 });
  });

  it('a department is the sum of its units: 50×5/6 + 35×4/6 + 15×(15/21) − 5 − 10 = 60.7', () => {
    const sum = sumTallies([A, B]);
    expect(sum).toEqual({ found: 6, closed: 5, onTime: 4, due: 6, closeDays: 105, overdue: 1, rebounds: 1, vetoItems: 0, selfClosed: 0 });
    const a = assess(sum, RULES);
    expect(a.averageDaysToClose).toBe(21);
    expect(a.score).toBe(60.7);
  });

  it('gives full marks for a rate with nothing to divide, and never goes below zero', () => {
    expect(assess({ ...EMPTY_TALLY, overdue: 2 }, RULES).score).toBe(90);
    expect(assess({ ...EMPTY_TALLY, found: 1, due: 1, overdue: 30 }, RULES).score).toBe(0);
  });

  it('credits self-found, self-fixed hazards (企业自查): A with 2 of its 3 closed found by itself, 65 + 10×2/4 = 70', () => {
    expect(assess({ ...A, selfClosed: 2 }, RULES)).toMatchObject({ selfCheckRate: 0.5, score: 70 });
    // a unit that found and fixed all of its own: B's 82.5 + 10×2/2 = 92.5; with nothing found, no credit
    expect(assess({ ...B, selfClosed: 2 }, RULES).score).toBe(92.5);
    expect(assess({ ...EMPTY_TALLY }, RULES)).toMatchObject({ selfCheckRate: null, score: 100 });
  });

  it('follows the weights of config', () => {
    const rules = { ...RULES, weights: { rectification: 100, onTime: 0, speed: 0, selfCheck: 0 }, penalties: { overdue: 0, rebound: 0 } };
    expect(assess(A, rules).score).toBe(75);
  });
});

describe('ranking', () => {
  const item = (name: string, t: HazardTally) => ({ item: name, assessment: assess(t, RULES) });

  it('puts vetoed units last whatever their score, then orders by score', () => {
    const vetoedHigh = { ...B, vetoItems: 1 };
    const ranked = rankAssessments([item('甲', A), item('乙', vetoedHigh), item('丙', B), item('丁', C)]);
    expect(ranked.map((r) => [r.rank, r.item, r.assessment.score])).toEqual([[1, '丙', 82.5], [2, '甲', 65], [3, '乙', 82.5], [4, '丁', 10]]);
  });

  it('gives equal scores the same rank and keeps the given order between them', () => {
    const ranked = rankAssessments([item('甲', A), item('乙', A), item('丙', B)]);
    expect(ranked.map((r) => [r.rank, r.item])).toEqual([[1, '丙'], [2, '甲'], [2, '乙']]);
  });

  it('leaves out units with nothing to assess', () => {
    expect(hasActivity(EMPTY_TALLY)).toBe(false);
    expect(hasActivity({ ...EMPTY_TALLY, overdue: 1 })).toBe(true);
    expect(hasActivity({ ...EMPTY_TALLY, rebounds: 1 })).toBe(true);
  });
});
