import fc from 'fast-check';
import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCronTrigger, type CronTrigger } from '../../src/app/cron-triggers.ts';
import { atLocal, isoLocal, ZONE } from '../../src/domain/calendar.ts';

const made: CronTrigger[] = [];
function trigger(expression: string): CronTrigger {
  const t = createCronTrigger(expression, `test-${made.length}`);
  made.push(t);
  return t;
}

afterEach(() => {
  vi.useRealTimers();
  for (const t of made.splice(0)) t.dispose();
});

const iso = (d: Date | null) => (d ? isoLocal(d) : null);

describe('cron trigger times in Shanghai', () => {
  it('finds the first and last trigger in a half-open span (after, until]', () => {
    const daily = trigger('30 17 * * *');
    expect(iso(daily.next(atLocal('2026-12-01 09:00'), atLocal('2026-12-03 09:00')))).toBe('2026-12-01T17:30:00+08:00');
    expect(iso(daily.last(atLocal('2026-12-01 09:00'), atLocal('2026-12-03 09:00')))).toBe('2026-12-02T17:30:00+08:00');
    expect(daily.next(atLocal('2026-12-01 17:30'), atLocal('2026-12-02 17:29'))).toBeNull();
    expect(iso(daily.next(atLocal('2026-12-01 17:29'), atLocal('2026-12-01 17:30')))).toBe('2026-12-01T17:30:00+08:00');
  });

  it('keeps to weekdays and node-cron\'s special days', () => {
    expect(iso(trigger('0 9 * * 1').next(atLocal('2026-12-01 00:00'), atLocal('2026-12-31 00:00')))).toBe('2026-12-07T09:00:00+08:00');
    expect(iso(trigger('0 18 L * *').next(atLocal('2026-12-01 00:00'), atLocal('2027-01-31 00:00')))).toBe('2026-12-31T18:00:00+08:00');
  });

  it('agrees with node-cron\'s own next-run walk', () => {
    const expressions = ['30 17 * * *', '0 9 * * 1', '*/20 8-10 * * 1-5', '0 0 1 */3 *', '15 6 L * *'];
    const start = atLocal('2026-01-01 00:00').getTime();
    vi.useFakeTimers();
    fc.assert(
      fc.property(fc.constantFrom(...expressions), fc.integer({ min: 0, max: 365 * 24 * 60 }), (expression, minute) => {
        const after = new Date(start + minute * 60_000 + 17_000);
        vi.setSystemTime(after);
        const task = cron.createTask(expression, () => undefined, { timezone: ZONE });
        try {
          const [expected] = task.getNextRuns(1);
          const found = trigger(expression).next(after, new Date(after.getTime() + 400 * 86_400_000));
          expect(iso(found)).toBe(iso(expected ?? null));
        } finally {
          void task.destroy();
        }
      }),
      { numRuns: 150 },
    );
  });
});
