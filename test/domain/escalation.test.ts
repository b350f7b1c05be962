import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.ts';
import { escalationSteps, inOverdueWindow, overdueWindows, ESCALATION_STEPS, type EscalationPolicy } from '../../src/domain/escalation.ts';

const policy: EscalationPolicy = { departmentAfterDays: 1, leadersAfterDays: 3 };

describe('who hears about an overdue hazard', () => {
  it.each([
    [0, 'general', true, []],
    [1, 'general', true, ['unit']],
    [2, 'general', true, ['unit', 'department']],
    [3, 'general', true, ['unit', 'department']],
    [4, 'general', true, ['unit', 'department', 'leaders']],
    [30, 'general', true, ['unit', 'department', 'leaders']],
    [1, 'major', true, ['unit', 'department', 'leaders']],
    [5, 'major', true, ['unit', 'department', 'leaders']],
    [1, 'major', false, ['unit', 'department', 'leaders']],
    [2, 'major', false, []],
    [1, 'general', false, []],
    [9, 'general', false, []],
  ] as const)('%i days overdue, %s, working day %s → %j', (days, level, working, steps) => {
    expect(escalationSteps(days, level, policy, working)).toEqual(steps);
  });

  it('follows the configured days', () => {
    expect(escalationSteps(1, 'general', { departmentAfterDays: 0, leadersAfterDays: 0 }, true)).toEqual(['unit', 'department', 'leaders']);
    expect(escalationSteps(6, 'general', { departmentAfterDays: 2, leadersAfterDays: 7 }, true)).toEqual(['unit', 'department']);
  });

  it('asks the database for exactly the hazards the rule names', () => {
    const today = '2026-12-10';
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: 40 }), fc.constantFrom('general', 'major') , fc.boolean(),
        fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }),
        (days, level, working, n, extra) => {
          const p = { departmentAfterDays: n, leadersAfterDays: n + extra };
          const windows = overdueWindows(today, p, working);
          const steps = escalationSteps(days, level, p, working);
          for (const step of ESCALATION_STEPS) {
            expect(inOverdueWindow(addDays(today, -days), level, windows[step])).toBe(steps.includes(step));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
