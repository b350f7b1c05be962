import type { OutgoingMessage } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import type { LocalDate } from '../domain/types.ts';

/** What a scheduled job sees: the moment it runs for, and the ledger. */
export interface JobContext {
  /** the trigger time (the simulator passes each due time in turn; a catch-up run passes the time it runs) */
  now: Date;
  store: Store;
  /**
   * true when the run catches up after downtime. The scheduler marks the messages as late itself
   * (a 【补发】 prefix and `extra.late`), so a job need not; it may still word things differently.
   */
  late: boolean;
}

/** A message a job wants sent: the dedupe key makes it at most once, ever. It carries no file (a chart card is drawn when sent). */
export type JobMessage = Omit<OutgoingMessage, 'file'> & {
  dedupeKey: string;
  /** sent at once even in quiet hours or on a holiday (a major hazard's first overdue day) */
  urgent?: boolean;
};

/**
 * A scheduled job: a plain function of (now, store) → the messages to send. The scheduler only
 * triggers it (node-cron in production, the simulator's @clock in transcripts), writes the
 * messages to the outbox under their dedupe keys in one transaction with the run's record (so a
 * second run sends nothing twice) and holds routine pushes in quiet hours and on holidays.
 */
export interface ScheduledJob {
  /** intent-named: send-deadline-reminders, send-daily-digest … */
  name: string;
  /** cron expression in Asia/Shanghai, from config */
  cron: string;
  /**
   * true when the job runs every day and says afresh what is still due: a routine push of it that
   * could only go out on a later day (a catch-up at night, a trigger in quiet hours past midnight)
   * is dropped, not held — the next day's run recomputes it, day counts as of then, so a group
   * never gets yesterday's copy and today's together. Jobs that say a thing once (the weekly
   * summary, a briefing) leave it unset: their pushes wait for the next allowed time.
   */
  recomputed?: boolean;
  /** routine pushes wait for allowed hours; urgent ones (a major hazard's first overdue day) do not */
  run(ctx: JobContext): Promise<JobMessage[]>;
}

/**
 * The key a push is recorded under before it is sent: job, target, subject (a hazard code, or
 * what the message is: digest, due, overdue) and the Shanghai date. One per group per day per job.
 */
export function dedupeKey(job: string, target: { groupId: number } | { personId: number }, subject: string, date: LocalDate): string {
  const to = 'groupId' in target ? `group-${target.groupId}` : `person-${target.personId}`;
  return `${job}:${to}:${subject}:${date}`;
}
