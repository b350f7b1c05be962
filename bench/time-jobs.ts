import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { scheduledJobs } from '../src/app/scheduled-jobs.ts';
import { officialCalendar } from '../src/domain/work-calendar.ts';
import { createScheduler } from '../src/app/scheduler.ts';
import { SerialQueue } from '../src/core/serial-queue.ts';
import type { Db } from '../src/db/database.ts';
import { atLocal } from '../src/domain/calendar.ts';

export interface JobTiming { job: string; cpuMs: number; wallMs: number; messages: number }

/** When each job runs in the day (the rest at 09:00). */
const TIMES: Record<string, string> = { 'send-morning-message': '09:00', 'send-daily-digest': '17:30', 'send-weekly-summary': '09:00' };

/**
 * Runs every scheduled job `runs` times on `today` as the scheduler runs it (the job, its outbox
 * writes and run record in one transaction), emptying the outbox and the record of due times
 * run before each run so each run does its work and writes its messages afresh. Medians of CPU and wall time: on a shared machine CPU is the
 * steadier measure, wall time shows what waiting (for the disk, the server) added. `observe`
 * is told before one more run of each job and its result called after it.
 */
export async function timeJobs(db: Db, today: string, runs = 7, observe?: (job: string) => () => void): Promise<JobTiming[]> {
  const { schedule, governance } = defaultConfig();
  const jobs = scheduledJobs(schedule, governance);
  const scheduler = createScheduler({
    db, queue: new SerialQueue(), jobs, log: createLogger('silent'),
    window: { quietHours: schedule.quietHours, calendar: officialCalendar(schedule) },
  });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const timings: JobTiming[] = [];
  try {
    for (const job of jobs) {
      const now = atLocal(`${today} ${TIMES[job.name] ?? '09:00'}`);
      const wall: number[] = [];
      const cpu: number[] = [];
      let messages = 0;
      const fresh = async () => {
        // each due time runs once (ScheduledRun): without forgetting it, runs 2… would do nothing
        await db.deleteFrom('ScheduledRun').execute();
        await db.deleteFrom('OutboxMessage').execute();
      };
      for (let i = 0; i < runs; i += 1) {
        await fresh();
        const t = performance.now();
        const before = process.cpuUsage();
        messages = await scheduler.runJob(job, now, false);
        const used = process.cpuUsage(before);
        wall.push(performance.now() - t);
        cpu.push((used.user + used.system) / 1000);
      }
      timings.push({ job: job.name, cpuMs: median(cpu), wallMs: median(wall), messages });
      if (observe) {
        // one more run, watched (bench/job-statements.ts counts its statements)
        await fresh();
        const stop = observe(job.name);
        await scheduler.runJob(job, now, false);
        stop();
      }
    }
  } finally {
    scheduler.dispose();
  }
  return timings;
}
