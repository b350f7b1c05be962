import type { OutgoingMessage } from '../db/outbox-repository.ts';
import type { Store } from '../db/store.ts';

/** What a scheduled job sees: the moment it runs for, and the ledger. */
export interface JobContext {
  /** the trigger time (the simulator passes each due time in turn) */
  now: Date;
  store: Store;
  /** true when the run catches up after downtime: messages say they are late */
  late: boolean;
}

/**
 * A scheduled job: a plain function of (now, store) → the messages to send. The scheduler only
 * triggers it (node-cron in production, the simulator's @clock in transcripts), writes the
 * messages to the outbox under their dedupe keys (so a second run sends nothing twice) and
 * holds routine pushes in quiet hours.
 */
export interface ScheduledJob {
  /** intent-named: send-deadline-reminders, send-daily-digest … */
  name: string;
  /** cron expression in Asia/Shanghai, from config */
  cron: string;
  /** routine pushes wait for allowed hours; urgent ones (a major hazard's first overdue day) do not */
  run(ctx: JobContext): Promise<Array<OutgoingMessage & { dedupeKey: string; urgent?: boolean }>>;
}
