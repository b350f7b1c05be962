import { describe, expect, it } from 'vitest';
import { factsNeeded, transition, type HazardAction, type TransitionFacts } from '../../src/domain/lifecycle.ts';
import type { Hazard, HazardLevel, HazardStatus } from '../../src/domain/types.ts';

// A message reads only the facts factsNeeded names (each is a query): for every action on every
// kind of hazard, the rules must decide the same with only those facts as with all of them.

const FULL_PLAN = { goals: 'g', methods: 'm', funds: 'f', organization: 'o', timeline: 't', safety: 's' };
const ACTIONS: HazardAction[] = [
  { type: 'progress', progress: 50 }, { type: 'submit' }, { type: 'accept' }, { type: 'reject', reason: 'r' },
  { type: 'request_extension', to: '2026-12-30', reason: 'r' }, { type: 'approve_extension' }, { type: 'deny_extension', reason: 'r' },
  { type: 'supervise', leader: null }, { type: 'unsupervise', reason: 'r' }, { type: 'update_plan', parts: { goals: 'g' } },
  { type: 'add_evidence', files: 1 }, { type: 'pass_reinspection' }, { type: 'rebound', reason: 'r', deadline: '2026-12-20' }, { type: 'urge' },
];
const STATUSES: HazardStatus[] = ['registered', 'rectifying', 'pending_review', 'closed'];
const LEVELS: HazardLevel[] = ['general', 'major'];
const ALL_FACTS: Array<Required<TransitionFacts>> = [
  { today: '2026-12-01', at: new Date('2026-12-01T01:00:00Z'), evidenceCount: 0, reinspection: { dueNow: false, nextDueOn: null } },
  { today: '2026-12-01', at: new Date('2026-12-01T01:00:00Z'), evidenceCount: 2, reinspection: { dueNow: true, nextDueOn: '2026-11-30' } },
];

describe('factsNeeded names every fact the lifecycle rules read', () => {
  const cases = STATUSES.flatMap((status) => LEVELS.flatMap((level) => [{}, FULL_PLAN].flatMap((plan) =>
    ACTIONS.flatMap((action) => ALL_FACTS.map((all) => ({ status, level, plan, action, all }))))));

  it.each(cases)('$action.type on a $level hazard, $status', ({ status, level, plan, action, all }) => {
    const hazard: Pick<Hazard, 'status' | 'progress' | 'progressAt' | 'deadline' | 'extensionTo' | 'level' | 'plan' | 'supervised'> = {
      status, level, plan, progress: 60, progressAt: null, deadline: '2026-12-15', extensionTo: '2026-12-25', supervised: false,
    };
    const needed = factsNeeded(hazard, action);
    const only: TransitionFacts = {
      today: all.today,
      at: all.at,
      ...(needed.evidenceCount ? { evidenceCount: all.evidenceCount } : {}),
      ...(needed.reinspection ? { reinspection: all.reinspection } : {}),
    };
    expect(transition(hazard, action, only)).toEqual(transition(hazard, action, all));
  });

  it('a fact the rules read but factsNeeded left out is an error, not a silent zero', () => {
    const closed = { status: 'closed' as const, level: 'general' as const, plan: {}, progress: 100, progressAt: null, deadline: '2026-12-15', extensionTo: null, supervised: false };
    expect(() => transition(closed, { type: 'pass_reinspection' }, { today: '2026-12-01', at: new Date() })).toThrow(/reinspection/);
  });
});
