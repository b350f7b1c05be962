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
  it('any sequence of actions: the events recorded replay to the hazard the rules produced', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 25 }), (actions) => {
        let hazard = { status: 'registered' as HazardStatus, progress: 0, deadline: '2026-12-15', extensionTo: null as string | null };
        const events = [created];
        for (const a of actions) {
          const result = transition({ ...hazard, level: 'general', plan: {}, supervised: false }, a, {
            today: '2026-12-01', evidenceCount: 0, reinspection: { dueNow: false, nextDueOn: null },
          });
          if ('refused' in result) continue;
          hazard = { ...hazard, ...result.changes };
          events.push(ev(result.event, result.data));
        }
        const { status, progress, deadline, extensionTo } = hazard;
        expect(replayEvents(events)).toEqual({ status, progress, deadline, extensionTo });
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});
