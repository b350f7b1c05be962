import { describe, expect, it } from 'vitest';
import { transition, type HazardAction, type TransitionFacts } from '../../src/domain/lifecycle.ts';
import type { Hazard } from '../../src/domain/types.ts';

const FULL_PLAN = { goals: 'g', methods: 'm', funds: 'f', organization: 'o', timeline: 't', safety: 's' };

type H = Pick<Hazard, 'status' | 'progress' | 'progressAt' | 'deadline' | 'extensionTo' | 'level' | 'plan' | 'supervised'>;
const hazard = (over: Partial<H> = {}): H => ({
  status: 'rectifying', progress: 60, progressAt: null, deadline: '2026-12-15', extensionTo: null, level: 'general', plan: {}, supervised: false, ...over,
});
const facts = (over: Partial<TransitionFacts> = {}): TransitionFacts => ({
  today: '2026-12-01', at: new Date('2026-12-01T02:00:00Z'), evidenceCount: 0, reinspection: { dueNow: false, nextDueOn: null }, ...over,
});

describe('major-hazard plan and evidence rules', () => {
  it.each<[string, H, HazardAction, TransitionFacts, unknown]>([
    ['a general hazard submits without a plan', hazard(), { type: 'submit' }, facts(), { event: 'submitted' }],
    ['a major hazard with no plan is not submitted', hazard({ level: 'major' }), { type: 'submit' }, facts(),
      { refused: 'plan_incomplete', missing: ['goals', 'methods', 'funds', 'organization', 'timeline', 'safety'] }],
    ['a blank part counts as missing', hazard({ level: 'major', plan: { ...FULL_PLAN, funds: '  ' } }), { type: 'submit' }, facts(),
      { refused: 'plan_incomplete', missing: ['funds'] }],
    ['a major hazard with all six parts submits', hazard({ level: 'major', plan: FULL_PLAN }), { type: 'submit' }, facts(), { event: 'submitted' }],
    ['a major hazard is not accepted without evidence', hazard({ level: 'major', plan: FULL_PLAN, status: 'pending_review' }), { type: 'accept' }, facts(),
      { refused: 'evidence_missing' }],
    ['a major hazard with one file is accepted', hazard({ level: 'major', plan: FULL_PLAN, status: 'pending_review' }), { type: 'accept' }, facts({ evidenceCount: 1 }),
      { event: 'accepted', changes: { status: 'closed', closedOn: '2026-12-01' } }],
    ['a major hazard submitted before plans were required still needs one', hazard({ level: 'major', status: 'pending_review' }), { type: 'accept' }, facts({ evidenceCount: 3 }),
      { refused: 'plan_incomplete' }],
    ['a general hazard is accepted without evidence', hazard({ status: 'pending_review' }), { type: 'accept' }, facts(), { event: 'accepted' }],
  ])('%s', (_name, h, action, f, expected) => {
    expect(transition(h, action, f)).toMatchObject(expected as object);
  });

  it('merges plan parts and reports what is still missing', () => {
    const result = transition(hazard({ level: 'major', plan: { goals: '消除泄漏' } }), { type: 'update_plan', parts: { funds: '12万元', safety: '已演练' } }, facts());
    expect(result).toEqual({
      changes: { plan: { goals: '消除泄漏', funds: '12万元', safety: '已演练' } },
      event: 'plan_updated',
      data: { parts: ['funds', 'safety'], missing: ['methods', 'organization', 'timeline'] },
    });
  });

  it('overwrites a part written again', () => {
    const result = transition(hazard({ level: 'major', plan: { funds: '8万元' } }), { type: 'update_plan', parts: { funds: '12万元' } }, facts());
    expect(result).toMatchObject({ changes: { plan: { funds: '12万元' } } });
  });
});

describe('supervision', () => {
  it('lists and unlists, each once', () => {
    expect(transition(hazard(), { type: 'supervise', leader: '刘县长' }, facts())).toEqual({
      changes: { supervised: true, supervisingLeader: '刘县长' }, event: 'supervised', data: { leader: '刘县长' },
    });
    expect(transition(hazard({ supervised: true }), { type: 'supervise', leader: null }, facts())).toEqual({ refused: 'already_supervised' });
    expect(transition(hazard({ supervised: true }), { type: 'unsupervise', reason: '已降级' }, facts())).toEqual({
      changes: { supervised: false, supervisingLeader: null }, event: 'unsupervised', data: { reason: '已降级' },
    });
    expect(transition(hazard(), { type: 'unsupervise', reason: '' }, facts())).toEqual({ refused: 'not_supervised' });
    expect(transition(hazard({ status: 'closed' }), { type: 'supervise', leader: null }, facts())).toEqual({ refused: 'closed' });
  });
});

describe('evidence and re-inspection on a closed hazard', () => {
  const closed = hazard({ status: 'closed', progress: 100, deadline: '2026-10-20' });

  it('takes late evidence after closing, but not an empty one', () => {
    expect(transition(closed, { type: 'add_evidence', files: 2 }, facts())).toEqual({ changes: {}, event: 'evidence', data: { files: 2 } });
    expect(transition(closed, { type: 'add_evidence', files: 0 }, facts())).toEqual({ refused: 'no_files' });
  });

  it.each<[string, H, HazardAction, TransitionFacts, unknown]>([
    ['an open hazard is not re-inspected', hazard(), { type: 'pass_reinspection' }, facts({ reinspection: { dueNow: true, nextDueOn: '2026-11-30' } }), { refused: 'not_closed' }],
    ['a check not yet due', closed, { type: 'pass_reinspection' }, facts({ reinspection: { dueNow: false, nextDueOn: '2026-12-20' } }),
      { refused: 'no_reinspection_due', nextDueOn: '2026-12-20' }],
    ['no check scheduled', closed, { type: 'rebound', reason: 'x', deadline: '2026-12-08' }, facts(), { refused: 'no_reinspection_due', nextDueOn: null }],
    ['a due check passes', closed, { type: 'pass_reinspection' }, facts({ reinspection: { dueNow: true, nextDueOn: '2026-11-30' } }),
      { changes: {}, event: 'reinspection_passed' }],
    ['a rebound with a past time limit', closed, { type: 'rebound', reason: 'x', deadline: '2026-11-30' }, facts({ reinspection: { dueNow: true, nextDueOn: '2026-11-30' } }),
      { refused: 'deadline_past' }],
  ])('%s', (_name, h, action, f, expected) => {
    expect(transition(h, action, f)).toMatchObject(expected as object);
  });

  it('reopens a hazard on a rebound, with a new time limit and the closing cleared', () => {
    const result = transition(closed, { type: 'rebound', reason: '阀门再次泄漏', deadline: '2026-12-08' }, facts({ reinspection: { dueNow: true, nextDueOn: '2026-11-30' } }));
    expect(result).toEqual({
      changes: { status: 'rectifying', progress: 0, progressAt: new Date('2026-12-01T02:00:00Z'), closedOn: null, deadline: '2026-12-08', extensionTo: null, extensionReason: null },
      event: 'rebound',
      data: { reason: '阀门再次泄漏', deadline: '2026-12-08', from: '2026-10-20' },
    });
  });

  it('still refuses everything else once closed', () => {
    for (const action of [{ type: 'progress', progress: 50 }, { type: 'update_plan', parts: { goals: 'x' } }, { type: 'supervise', leader: null }] as HazardAction[]) {
      expect(transition(closed, action, facts())).toEqual({ refused: 'closed' });
    }
  });
});
