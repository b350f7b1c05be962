import cron, { type ScheduledTask, type TaskContext } from 'node-cron';
import { addDays, atLocal, localDate, ZONE } from '../domain/calendar.ts';

/**
 * One cron expression in Asia/Shanghai, held as a node-cron task: node-cron fires it live, and the
 * same task's matcher tells the simulator which trigger times fall between two instants, so both
 * agree on every expression node-cron accepts.
 */
export interface CronTrigger {
  /** The first trigger time in (after, until], or null. */
  next(after: Date, until: Date): Date | null;
  /** The last trigger time in (after, until], or null. */
  last(after: Date, until: Date): Date | null;
  /** Starts firing live (production); `fire` gets each scheduled time. */
  start(fire: (at: Date) => Promise<void>): void;
  stop(): void;
  /** Removes the task from node-cron's registry. */
  dispose(): void;
}

const sortedAsc = (values: Array<number | string>): number[] =>
  values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);

/** Where node-cron's own warnings (a missed or overlapping run) go: the bot's log, not the console. */
export interface CronLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** Creates the trigger; throws node-cron's error on a bad expression. Creating it starts no timer. */
export function createCronTrigger(expression: string, name: string, log?: CronLog): CronTrigger {
  const fields = cron.parse(expression);
  const hours = sortedAsc(fields.hour);
  const minutes = sortedAsc(fields.minute);
  const seconds = sortedAsc(fields.second);
  let fire: ((at: Date) => Promise<void>) | null = null;
  const logger = log && {
    info: (message: string) => log.debug({ job: name }, message),
    warn: (message: string) => log.warn({ job: name }, message),
    error: (message: string | Error, err?: Error) => log.error({ job: name, err: err ?? message }, 'node-cron error'),
    debug: (message: string | Error) => log.debug({ job: name }, String(message)),
  };
  const task: ScheduledTask = cron.createTask(expression, (ctx: TaskContext) => fire?.(ctx.date), {
    timezone: ZONE, noOverlap: true, name, ...(logger ? { logger } : {}),
  });

  /** Trigger times of one local day, in order (Shanghai has no daylight saving: each wall time exists once). */
  function timesOn(day: string): Date[] {
    const times: Date[] = [];
    for (const h of hours) {
      for (const m of minutes) {
        for (const s of seconds) {
          times.push(new Date(atLocal(`${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`).getTime() + s * 1000));
        }
      }
    }
    // every candidate shares its time fields with the expression, so the first one tells whether node-cron takes the day
    const first = times[0];
    return first && task.match(first) ? times : [];
  }

  function* between(after: Date, until: Date): Generator<Date> {
    const lastDay = localDate(until);
    for (let day = localDate(after); day <= lastDay; day = addDays(day, 1)) {
      for (const t of timesOn(day)) {
        if (t > until) return;
        if (t > after) yield t;
      }
    }
  }

  return {
    next(after, until) {
      for (const t of between(after, until)) return t;
      return null;
    },
    last(after, until) {
      let found: Date | null = null;
      for (const t of between(after, until)) found = t;
      return found;
    },
    start(onFire) {
      fire = onFire;
      void task.start();
    },
    stop() {
      void task.stop();
    },
    dispose() {
      fire = null;
      void task.destroy();
    },
  };
}
