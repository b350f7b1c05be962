import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition, type HazardAction } from '../../src/domain/lifecycle.ts';
import { replayEvents, ReplayError, statusFromEvents } from '../../src/domain/replay.ts';
import type { HazardEventType, HazardStatus } from '../../src/domain/types.ts';

const ev = (type: HazardEventType, data: Record<string, unknown> = {}) => ({ type, data });
const created = ev('created', { deadline: '2026-12-15', level: 'general' });

describe('statusFromEvents', () => {
  const table: Array<[string, ReturnType<typeof ev>[], HazardStatus]> = [
    ['just registered', [created], 'registered'],
    ['progress reported', [created, ev('progress', { progress: 40 })], 'rectifying'],
    ['submitted', [created, ev('submitted', { progress: 100 })], 'pending_review'],
    ['submitted straight away, accepted', [created, ev('submitted'), ev('accepted')], 'closed'],
    ['rejected goes back to rectifying', [created, ev('submitted'), ev('rejected', { reason: '型号不符' })], 'rectifying'],
    ['resubmitted after a rejection', [created, ev('submitted'), ev('rejected'), ev('submitted')], 'pending_review'],
    ['extension asked: status unchanged', [created, ev('progress', { progress: 10 }), ev('extension_requested', { to: '2026-12-30' })], 'rectifying'],
    ['extension approved: status unchanged', [created, ev('extension_requested', { to: '2026-12-30' }), ev('extension_approved', { from: '2026-12-15', to: '2026-12-30' })], 'registered'],
    ['督办 does not move the lifecycle', [created, ev('supervised'), ev('unsupervised'), ev('plan_updated'), ev('reassigned')], 'registered'],
    ['a rebound found on re-inspection reopens the hazard', [created, ev('submitted'), ev('accepted'), ev('rebound', { deadline: '2027-01-20' })], 'rectifying'],
  ];
  it.each(table)('%s', (_name, events, status) => {
    expect(statusFromEvents(events)).toBe(status);
  });

  it('replays progress, deadline and the pending extension too', () => {
    expect(replayEvents([created, ev('progress', { progress: 60 }), ev('extension_requested', { to: '2026-12-30' })])).toEqual({
      status: 'rectifying', progress: 60, deadline: '2026-12-15', extensionTo: '2026-12-30',
    });
    expect(replayEvents([created, ev('extension_requested', { to: '2026-12-30' }), ev('extension_approved', { to: '2026-12-30' })])).toMatchObject({
      deadline: '2026-12-30', extensionTo: null,
    });
    expect(replayEvents([created, ev('extension_requested', { to: '2026-12-30' }), ev('extension_denied')])).toMatchObject({
      deadline: '2026-12-15', extensionTo: null,
    });
  });

  it.each([
    ['no events', []],
    ['no created event first', [ev('progress', { progress: 1 })]],
    ['two created events', [created, created]],
    ['a created event without its deadline', [ev('created')]],
    ['an unknown event type', [created, ev('teleported' as HazardEventType)]],
  ])('refuses a broken history: %s', (_name, events) => {
    expect(() => statusFromEvents(events)).toThrow(ReplayError);
  });
});

const action: fc.Arbitrary<HazardAction> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((progress) => ({ type: 'progress' as const, progress })),
  fc.constant({ type: 'submit' as const }),
  fc.constant({ type: 'accept' as const }),
  fc.constant({ type: 'reject' as const, reason: '不符' }),
  fc.integer({ min: 1, max: 60 }).map((d) => ({ type: 'request_extension' as const, to: `2027-01-${String((d % 28) + 1).padStart(2, '0')}`, reason: '配件' })),
  fc.constant({ type: 'approve_extension' as const }),
  fc.constant({ type: 'deny_extension' as const, reason: '' }),
);

describe('replay agrees with the lifecycle rules', () => {
  // each action sent at its own minute, handled in the order given: a platform may deliver a
  // message again after later ones, so the times need not rise
  it('any sequence of actions, sent in any order: the events recorded replay to the hazard the rules produced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(action, fc.integer({ min: 0, max: 30 })), { maxLength: 25 }), (actions) => {
        let hazard = { status: 'registered' as HazardStatus, progress: 0, progressAt: null as Date | null, deadline: '2026-12-15', extensionTo: null as string | null };
        const events: Array<ReturnType<typeof ev> & { at?: Date }> = [created];
        for (const [a, minute] of actions) {
          const at = new Date(Date.UTC(2026, 11, 1, 1, minute));
          const result = transition({ ...hazard, level: 'general', plan: {}, supervised: false }, a, {
            today: '2026-12-01', at, evidenceCount: 0, reinspection: { dueNow: false, nextDueOn: null },
          });
          if ('refused' in result) continue;
          hazard = { ...hazard, ...result.changes };
          events.push({ ...ev(result.event, result.data), at });
        }
        const { status, progress, deadline, extensionTo } = hazard;
        expect(replayEvents(events)).toEqual({ status, progress, deadline, extensionTo });
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('a progress report sent before the standing progress is on record but does not replace it', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 2, minute));
    const h = { status: 'rectifying' as const, progress: 60, progressAt: at(20), deadline: '2026-12-15', extensionTo: null, level: 'general' as const, plan: {}, supervised: false };
    const facts = { today: '2026-12-01', evidenceCount: 0, reinspection: { dueNow: false, nextDueOn: null } };
    expect(transition(h, { type: 'progress', progress: 40 }, { ...facts, at: at(10) })).toEqual({
      changes: {}, event: 'progress', data: { progress: 40, from: 60, superseded: true },
    });
    // sent at the same minute or later: it is the latest
    expect(transition(h, { type: 'progress', progress: 40 }, { ...facts, at: at(20) })).toMatchObject({ changes: { progress: 40, progressAt: at(20) } });
    expect(replayEvents([created, { ...ev('progress', { progress: 60 }), at: at(20) }, { ...ev('progress', { progress: 40 }), at: at(10) }])).toMatchObject({ progress: 60 });
    // a rejection sent after the report outranks it too
    expect(replayEvents([created, { ...ev('submitted'), at: at(5) }, { ...ev('rejected', { progress: 70 }), at: at(30) }, { ...ev('progress', { progress: 40 }), at: at(10) }])).toMatchObject({ progress: 70 });
  });
});
