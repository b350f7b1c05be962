import { createCronTrigger, type CronTrigger } from './cron-triggers.ts';
import type { Logger } from '../core/logger.ts';
import type { SerialQueue } from '../core/serial-queue.ts';
import type { Db } from '../db/database.ts';
import { FencedOutError } from '../db/lease-repository.ts';
import { createStore, inTransaction, type Store } from '../db/store.ts';
import { atLocal, localDate } from '../domain/calendar.ts';
import { nextPushTime, type PushWindow } from '../domain/push-window.ts';
import { zh } from '../i18n/zh-CN.ts';
import type { ScheduledJob } from '../jobs/job.ts';

export interface SchedulerDeps {
  db: Db;
  queue: SerialQueue;
  jobs: readonly ScheduledJob[];
  /** when routine pushes may go out */
  window: PushWindow;
  log: Logger;
  /** who runs the jobs, recorded with each due time (several instances on one PostgreSQL) */
  instance?: string;
  /**
   * Called first in each run's transaction: throws when this instance may no longer run jobs
   * (its leadership passed to another, leadership.ts), so a paused former leader writes nothing.
   */
  fence?: (store: Store) => Promise<void>;
}

/** A due time as its key: node-cron fires a few milliseconds late, the simulator on the dot. */
const dueKey = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);

/**
 * Triggers the scheduled jobs and writes what they say to the outbox. It never sends: the
 * dispatcher does, so a push recorded here survives a failed send or a restart. Jobs are isolated
 * from each other's failures; a failed run leaves no trace but the log, and is not recorded as run.
 */
export function createScheduler(deps: SchedulerDeps) {
  const triggers: Array<{ job: ScheduledJob; trigger: CronTrigger }> = deps.jobs.map((job) => ({
    job, trigger: createCronTrigger(job.cron, job.name, deps.log),
  }));

  /**
   * Runs one job for one time in one transaction: its messages go to the outbox under their
   * dedupe keys (a key seen before writes nothing) together with the run's record. Routine pushes
   * get the next allowed time; late ones say so. Returns how many messages were new.
   * `dueAt` is the trigger time the run stands for (a catch-up runs now for an earlier one): each
   * due time runs once, whichever instance gets to it first.
   */
  async function runJob(job: ScheduledJob, at: Date, late: boolean, dueAt: Date = at): Promise<number> {
    try {
      return await deps.queue.run(() =>
        inTransaction(deps.db, async (store) => {
          await deps.fence?.(store);
          if (!(await store.jobRuns.claimDueTime(job.name, dueKey(dueAt), at, late, deps.instance ?? ''))) return 0;
          const today = localDate(at);
          const messages = (await job.run({ now: at, store, late }))
            // held, not stacked: what a daily job cannot send today, tomorrow's run says afresh
            .filter((m) => m.urgent || !job.recomputed || localDate(nextPushTime(at, deps.window)) === today);
          const added = await store.outbox.enqueueKeyed(
            messages.map(({ urgent, ...message }) => ({
              message: {
                ...message,
                text: late ? zh.schedule.late(message.text) : message.text,
                extra: { ...message.extra, job: job.name, ...(late ? { late: true } : {}) },
              },
              notBefore: urgent ? at : nextPushTime(at, deps.window),
            })),
            at,
          );
          await store.jobRuns.record(job.name, at);
          return added;
        }),
      );
    } catch (error) {
      if (error instanceof FencedOutError) deps.log.warn({ job: job.name, at, lease: error.lease }, 'not the leader any more: job left to the new one');
      else deps.log.error({ err: error, job: job.name, at }, 'scheduled job failed');
      return 0;
    }
  }

  /** The earliest time in (after, until] at which some job triggers, with every job due then, in order. */
function nextTrigger(after: Date, until: Date): { at: Date; jobs: ScheduledJob[] } | null {
    let best: { at: Date; jobs: ScheduledJob[] } | null = null;
    for (const { job, trigger } of triggers) {
      const at = trigger.next(after, until);
      if (!at) continue;
      if (!best || at < best.at) best = { at, jobs: [job] };
      else if (at.getTime() === best.at.getTime()) best.jobs.push(job);
    }
    return best;
  }

  return {
    runJob,

    nextTrigger,

    /**
     * After downtime: each job whose trigger fell earlier today, after its last run, runs once
     * now, marked late. Earlier days are not replayed — yesterday's reminders are stale, and
     * today's digest and reminders already carry what is still open.
     */
    async catchUp(now: Date): Promise<number> {
      const startOfToday = atLocal(`${localDate(now)} 00:00`);
      let added = 0;
      for (const { job, trigger } of triggers) {
        const last = await deps.queue.run(() => createStore(deps.db).jobRuns.lastRunAt(job.name));
        const since = last && last > startOfToday ? last : startOfToday;
        const missed = trigger.last(since, now);
        if (missed) added += await runJob(job, now, true, missed);
      }
      return added;
    },

    /**
     * Runs every trigger in (after, until] in time order, each at its own time (on time, not
     * late): the leader's scheduling on PostgreSQL, which polls the clock instead of node-cron so
     * that leadership can pass between instances (and a test's clock can move). Returns how many
     * messages were new.
     */
    async runBetween(after: Date, until: Date): Promise<number> {
      let added = 0;
      for (let at = after; ;) {
        const next = nextTrigger(at, until);
        if (!next) return added;
        for (const job of next.jobs) added += await runJob(job, next.at, false);
        at = next.at;
      }
    },

    /** Fires the jobs live with node-cron (Asia/Shanghai, no overlap); `afterRun` delivers. */
    start(afterRun: () => Promise<void>): void {
      for (const { job, trigger } of triggers) {
        trigger.start(async (at) => {
          await runJob(job, at, false);
          await afterRun();
        });
      }
    },

    stop(): void {
      for (const { trigger } of triggers) trigger.stop();
    },

    dispose(): void {
      for (const { trigger } of triggers) trigger.dispose();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
