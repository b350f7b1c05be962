import { describe, expect, it } from 'vitest';
import { proposeWatch, ruleOfKey, type UnitWatchFacts, type WatchRules } from '../../src/domain/watch-rules.ts';

const RULES: WatchRules = { majorOverdueDays: 15, overdueCount: 3, rebound: true, enforcementCount: 2, suspension: true };
const unit = (over: Partial<UnitWatchFacts>): UnitWatchFacts => ({ unitId: 1, overdue: [], rebounds: [], ...over });

describe('watch-list rules', () => {
  it.each<[string, UnitWatchFacts, WatchRules, string[]]>([
    ['a major hazard 15 days overdue is not yet enough', unit({ overdue: [{ code: 'YH-0001', level: 'major', daysOverdue: 15 }] }), RULES, []],
    ['a major hazard 16 days overdue', unit({ overdue: [{ code: 'YH-0001', level: 'major', daysOverdue: 16 }] }), RULES, ['major_overdue:YH-0001']],
    ['a general hazard long overdue alone', unit({ overdue: [{ code: 'YH-0002', level: 'general', daysOverdue: 90 }] }), RULES, []],
    ['two overdue hazards', unit({ overdue: [{ code: 'YH-0001', level: 'general', daysOverdue: 1 }, { code: 'YH-0002', level: 'general', daysOverdue: 2 }] }), RULES, []],
    ['three overdue hazards, one major long overdue', unit({
      overdue: [{ code: 'YH-0001', level: 'general', daysOverdue: 1 }, { code: 'YH-0002', level: 'general', daysOverdue: 2 }, { code: 'YH-0003', level: 'major', daysOverdue: 20 }],
    }), RULES, ['major_overdue:YH-0003', 'overdue_count:2026-12']],
    ['a rebound', unit({ rebounds: [{ code: 'YH-0004', on: '2026-12-01', note: '再次泄漏' }] }), RULES, ['rebound:YH-0004:2026-12-01']],
    ['rules turned off', unit({
      overdue: [1, 2, 3].map((i) => ({ code: `YH-000${i}`, level: 'major' as const, daysOverdue: 40 })), rebounds: [{ code: 'YH-0009', on: '2026-12-01', note: '' }],
    }), { majorOverdueDays: 0, overdueCount: 0, rebound: false, enforcementCount: 0, suspension: false }, []],
  ])('%s', (_name, facts, rules, keys) => {
    expect(proposeWatch([facts], rules, '2026-12-10').map((p) => p.ruleKey)).toEqual(keys);
  });

  it('keeps the evidence, worst first', () => {
    const [proposal] = proposeWatch([unit({
      unitId: 7,
      overdue: [{ code: 'YH-0001', level: 'general', daysOverdue: 1 }, { code: 'YH-0002', level: 'general', daysOverdue: 9 }, { code: 'YH-0003', level: 'general', daysOverdue: 4 }],
    })], RULES, '2026-12-10');
    expect(proposal).toEqual({
      unitId: 7, rule: 'overdue_count', ruleKey: 'overdue_count:2026-12',
      evidence: [
        { code: 'YH-0002', level: 'general', daysOverdue: 9 },
        { code: 'YH-0003', level: 'general', daysOverdue: 4 },
        { code: 'YH-0001', level: 'general', daysOverdue: 1 },
      ],
    });
  });

  it('reads the rule back from a key', () => {
    expect(ruleOfKey('major_overdue:YH-0001')).toBe('major_overdue');
    expect(ruleOfKey('overdue_count:2026-12')).toBe('overdue_count');
    expect(ruleOfKey('rebound:YH-0004:2026-12-01')).toBe('rebound');
    expect(ruleOfKey(null)).toBeNull();
  });
});
