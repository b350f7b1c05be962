import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { commandForBareCode, commands } from '../../commands/index.ts';
import type { AppConfig } from '../core/config.ts';
import { startDeliveryLoop, type DeliveryLoop } from './delivery-loop.ts';
import { createDispatcher } from './dispatcher.ts';
import { importRoster, type ImportSummary } from '../features/import-roster.ts';
import { startLeaseKeeper, type LeaseKeeper, type WantedLease } from './lease-keeper.ts';
import type { Logger } from '../core/logger.ts';
import { createMessageHandler } from './pipeline.ts';
import type { RosterFile } from '../features/roster-file.ts';
import { scheduledJobs } from './scheduled-jobs.ts';
import { createScheduler } from './scheduler.ts';
import { SharedRateLimiter } from './shared-rate-limiter.ts';
import { SerialQueue } from '../core/serial-queue.ts';
import type { CardRenderer } from '../cards/card-renderer.ts';
import type { Channel } from '../core/channel.ts';
import type { IncomingMessage } from '../core/messages.ts';
import { backupSqlite, type BackupResult } from '../db/backup.ts';
import { closeDatabase, isPostgresUrl, openDatabase, optimizeDatabase, sqliteConnection, type Db } from '../db/database.ts';
import { acquireProcessLock } from '../db/process-lock.ts';
import { applyPostgresMigrations, applySqliteMigrations } from '../db/migrate.ts';
import { createStore, inTransaction } from '../db/store.ts';
import { localDate } from '../domain/calendar.ts';
import { calendarGaps, officialCalendar } from '../domain/work-calendar.ts';
import type { ScheduledJob } from '../jobs/job.ts';

/** How often the live bot refreshes the query planner's statistics as the ledger grows. */
const OPTIMIZE_INTERVAL_MS = 6 * 3_600_000;

export interface BotOptions {
  config: AppConfig;
  channel: Channel;
  log: Logger;
  /** the time now; the simulator and tests move it */
  clock?: () => Date;
  /** the scheduled jobs; those of the config by default */
  jobs?: readonly ScheduledJob[];
  /** draws the chart cards of the digests and briefings (into <dataDir>/cards); without it they go as text */
  cards?: CardRenderer | null;
}

/** The lease of the scheduler: the instance holding it runs the scheduled jobs (docs/instances.md). */
export const SCHEDULER_LEASE = 'scheduler';

/** How often the leader looks for due triggers on PostgreSQL (instead of node-cron). */
const TRIGGER_POLL_MS = 1_000;

export interface StartOptions {
  /** false: only the delivery loop (a host bot that schedules nothing) */
  schedule?: boolean;
  deliveryIntervalMs?: number;
  /** several instances: more leases to hold while alive (a platform that allows one connection) */
  leases?: readonly WantedLease[];
  /** what this instance reports about itself in 运行状态 (its platform connection) */
  detail?: () => Record<string, unknown>;
  /**
   * A platform that allows one live connection per account (WeCom's AI bot, a Wechaty login),
   * on PostgreSQL: only the holder of this lease connects and sends; `onGain` connects,
   * `onLose` is told when the lease is gone (the instance should stop: another one connects).
   */
  connection?: { lease: string; onGain: () => Promise<void>; onLose: () => void };
}

/** The running core: one database, one queue, one outbox, one channel. */
export interface Bot {
  db: Db;
  queue: SerialQueue;
  /** this process among the instances sharing a PostgreSQL ledger (`host:pid:random`) */
  instance: string;
  /** the time now; while `advance` steps through the day, the time of the step */
  clock: () => Date;
  /** Handles one incoming message and sends what it caused (the simulator, tests, the console). */
  receive(message: IncomingMessage): Promise<void>;
  /**
   * Handles one incoming message — its records and replies committed — and starts sending the
   * replies without waiting for them: what platform adapters call, so a slow or hanging platform
   * API never holds up the messages behind this one. The outbox keeps the replies if sending fails.
   */
  accept(message: IncomingMessage): Promise<void>;
  /** Sends whatever the outbox has due now. */
  deliver(): Promise<number>;
  /**
   * The clock moved from `from` to now (simulator): every job trigger and every held-back push
   * in (from, now] happens in time order, each at its own time, as the live bot would do it.
   */
  advance(from: Date): Promise<void>;
  /** After downtime: today's missed triggers run once, marked late; then the outbox is sent. */
  catchUp(): Promise<void>;
  /**
   * Live: catch up, then node-cron triggers and a delivery loop for retries and held-back pushes.
   * `schedule: false` runs only the delivery loop (a host bot that schedules nothing).
   */
  start(options?: StartOptions): Promise<void>;
  /**
   * Stops the timers and, on PostgreSQL, gives up its leases (another instance takes over at
   * once). Messages already accepted are finished first.
   */
  stop(): Promise<void>;
  importRoster(roster: RosterFile): Promise<ImportSummary>;
  /**
   * Takes a checked online backup of the SQLite ledger into `dir` (HZ_BACKUP_DIR, else
   * <data>/backups), keeping the newest HZ_BACKUP_KEEP; null on PostgreSQL (pg_dump, docs/database.md).
   */
  backup(dir?: string): Promise<BackupResult | null>;
  close(): Promise<void>;
}

/**
 * Claims the database file for this process (a second bot on it is refused with a clear message),
 * migrates it, opens it and wires the pipeline, the scheduler and the channel. Starts no timer.
 */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { config, channel, log } = options;
  const baseClock = options.clock ?? (() => new Date());
  let stepping: Date | null = null;
  const clock = () => stepping ?? baseClock();
  // one bot per SQLite file; on PostgreSQL the server keeps writers apart (transaction())
  const postgres = isPostgresUrl(config.databaseUrl);
  const lock = postgres ? { release: () => undefined } : acquireProcessLock(config.dbFile);
  let db: Db;
  try {
    const applied = postgres ? await applyPostgresMigrations(config.databaseUrl ?? '') : applySqliteMigrations(config.dbFile);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    db = await openDatabase({ url: config.databaseUrl, file: config.dbFile, sync: config.dbSync });
  } catch (error) {
    lock.release();
    throw error;
  }
  const queue = new SerialQueue();
  // unique per start: a restarted process is a new holder, so its old leases' epochs fence it
  const instance = `${config.instances.name ?? hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let keeper: LeaseKeeper | null = null;
  // the lease of a single-connection platform's connection, once start() wants it
  let connectionLease: string | null = null;
  const handle = createMessageHandler({
    db, config, commands, bareCode: commandForBareCode, queue, log,
    runtime: () => ({ instance, platform: channel.platform, connection: channel.connectionState?.() ?? 'unknown', queue: queue.waiting }),
  });
  const dispatcher = createDispatcher({
    db, queue, channel, log, cards: options.cards ? { renderer: options.cards, dir: join(config.dataDir, 'cards') } : null,
    claim: postgres ? {
      instance, ms: config.instances.claimSeconds * 1000,
      // only the instance connected to a single-connection platform sends, fenced by its lease
      connection: () => (connectionLease === null ? null : { lease: connectionLease, epoch: keeper?.epochOf(connectionLease) ?? null }),
    } : null,
    // several instances on one PostgreSQL draw on one bucket per target: together under its limit
    ...(postgres ? { limiter: new SharedRateLimiter(db) } : {}),
  });
  const scheduler = createScheduler({
    db, queue, log, instance,
    jobs: options.jobs ?? scheduledJobs(config.schedule, config.governance),
    window: { quietHours: config.schedule.quietHours, calendar: officialCalendar(config.schedule) },
    // live on PostgreSQL, only the scheduler lease's holder may commit a run (the simulator and
    // tests, which start no leases, run jobs as one process does)
    fence: (store) => (keeper ? keeper.fence(SCHEDULER_LEASE)(store) : Promise.resolve()),
  });
  // one delivery pass at a time: two passes reading the same due rows would send them twice
  const deliveries = new SerialQueue();
  const deliverAt = (at: Date) => deliveries.run(() => dispatcher.deliverDue(at));
  let timers: NodeJS.Timeout[] = [];
  let loop: DeliveryLoop | null = null;

  /**
   * The leader's scheduling on PostgreSQL: from the moment it gained the lease, every trigger
   * time the clock passes runs (catch-up covered what fell before). Polled, not node-cron, so a
   * leader that loses the lease simply stops polling, and an injected clock drives it too.
   */
  let polling: { timer: NodeJS.Timeout | null; running: Promise<void>; stopped: boolean } | null = null;
  function startPolling(from: Date): void {
    let after = from;
    const state = { timer: null as NodeJS.Timeout | null, running: Promise.resolve(), stopped: false };
    const poll = () => {
      state.timer = null;
      state.running = (async () => {
        const until = clock();
        if (until > after) {
          const added = await scheduler.runBetween(after, until);
          after = until;
          if (added > 0) await deliverAt(clock());
        }
      })()
        .catch((error: unknown) => log.error({ err: error }, 'scheduling failed'))
        .finally(() => {
          if (!state.stopped) state.timer = setTimeout(poll, TRIGGER_POLL_MS);
        });
    };
    state.timer = setTimeout(poll, TRIGGER_POLL_MS);
    polling = state;
  }
  async function stopPolling(): Promise<void> {
    const state = polling;
    polling = null;
    if (!state) return;
    state.stopped = true;
    if (state.timer) clearTimeout(state.timer);
    await state.running;
  }

  const startedAt = new Date().toISOString();
  const bot: Bot = {
    db, queue, clock, instance,
    async receive(message) {
      await handle(message);
      await deliverAt(clock());
    },
    async accept(message) {
      await handle(message);
      deliverAt(clock()).catch((error: unknown) => log.error({ err: error }, 'delivery pass failed'));
    },
    deliver: () => deliverAt(clock()),
    async advance(from) {
      const until = baseClock();
      let at = from;
      try {
        for (;;) {
          const trigger = scheduler.nextTrigger(at, until);
          const due = await queue.run(() => createStore(db).outbox.nextDueBetween(at, until));
          const step = trigger && (!due || trigger.at <= due) ? trigger.at : due;
          if (!step) break;
          stepping = step;
          if (trigger && trigger.at.getTime() === step.getTime()) {
            for (const job of trigger.jobs) await scheduler.runJob(job, step, false);
          }
          await deliverAt(step);
          at = step;
        }
      } finally {
        stepping = null;
      }
      await deliverAt(until);
    },
    async catchUp() {
      const added = await scheduler.catchUp(clock());
      if (added > 0) log.info({ added }, 'caught up on missed pushes');
      await deliverAt(clock());
    },
    async start(startOptions = {}) {
      const schedule = startOptions.schedule !== false;
      if (schedule) {
        const gaps = calendarGaps(localDate(clock()), config.schedule);
        if (gaps.length > 0) log.warn({ years: gaps }, 'no official holiday plan for these years: weekends alone decide working days; upgrade chinese-days or set HZ_HOLIDAYS / HZ_WORKDAYS');
      }
      if (postgres) {
        // several instances may share this database: the scheduler runs where its lease is
        const ttlMs = config.instances.leaseSeconds * 1000;
        const wanted: WantedLease[] = [...(startOptions.leases ?? [])];
        const { connection } = startOptions;
        if (connection) {
          connectionLease = connection.lease;
          wanted.push({
            name: connection.lease,
            onGain: async () => {
              await connection.onGain();
              loop = startDeliveryLoop(() => deliverAt(clock()), { log, ...(startOptions.deliveryIntervalMs ? { intervalMs: startOptions.deliveryIntervalMs } : {}) });
            },
            onLose: async () => {
              await loop?.stop();
              loop = null;
              connection.onLose();
            },
          });
        }
        if (schedule) {
          wanted.unshift({
            name: SCHEDULER_LEASE,
            onGain: async () => {
              // polling starts where the catch-up looked: a trigger passed while it ran is not lost
              const from = clock();
              const added = await scheduler.catchUp(from);
              if (added > 0) log.info({ added }, 'caught up on missed pushes');
              startPolling(from);
              // the scheduling has started: a failed delivery pass is the delivery loop's to retry,
              // not a reason to give the lease up (a gain that throws does)
              await deliverAt(clock()).catch((error: unknown) => log.error({ err: error }, 'delivery pass failed'));
            },
            onLose: stopPolling,
          });
        }
        keeper = startLeaseKeeper({
          db, instance, ttlMs, renewMs: Math.max(200, Math.floor(ttlMs / 3)), log, leases: wanted,
          detail: () => ({ ...startOptions.detail?.(), queue: queue.waiting, startedAt }),
        });
        await keeper.tick();
      } else if (schedule) {
        // node-cron fires from its start on: a trigger passed while the catch-up ran (started at
        // 08:59:59, done at 09:00:01) runs once it is done, on time (a second firing of it is
        // recorded once, ScheduledRun)
        const from = clock();
        const added = await scheduler.catchUp(from);
        if (added > 0) log.info({ added }, 'caught up on missed pushes');
        scheduler.start(async () => {
          await deliverAt(clock());
        });
        await scheduler.runBetween(from, clock());
        await deliverAt(clock());
      }
      // a single-connection platform's holder starts its loop when it connects (above)
      if (!(postgres && startOptions.connection)) {
        loop = startDeliveryLoop(() => deliverAt(clock()), { log, ...(startOptions.deliveryIntervalMs ? { intervalMs: startOptions.deliveryIntervalMs } : {}) });
      }
      timers = [
        setInterval(() => {
          queue.run(() => optimizeDatabase(db)).catch((error: unknown) => log.warn({ err: error }, 'optimize failed'));
        }, OPTIMIZE_INTERVAL_MS),
      ];
      if (config.backup.dir && !postgres) {
        timers.push(setInterval(() => {
          bot.backup().catch((error: unknown) => log.error({ err: error }, 'scheduled backup failed'));
        }, config.backup.everyHours * 3_600_000));
      }
    },
    async stop() {
      scheduler.stop();
      await keeper?.stop();
      keeper = null;
      await stopPolling();
      for (const t of timers) clearInterval(t);
      timers = [];
      await loop?.stop();
      loop = null;
      await deliveries.run(async () => undefined);
    },
    importRoster: (roster) => queue.run(() => inTransaction(db, (store) => importRoster(store, roster, clock()))),
    async backup(dir = config.backup.dir ?? join(config.dataDir, 'backups')) {
      if (postgres) return null;
      // not in the message queue: the copy runs in steps while messages are answered
      const result = await backupSqlite(sqliteConnection(db), dir, clock(), config.backup.keep);
      log.info({ file: result.file, bytes: result.bytes, removed: result.removed.length }, 'database backed up');
      return result;
    },
    async close() {
      await bot.stop();
      scheduler.dispose();
      await queue.run(() => closeDatabase(db));
      lock.release();
    },
  };
  return bot;
}
