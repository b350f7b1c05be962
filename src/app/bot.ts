import { commandForBareCode, commands } from '../../commands/index.ts';
import type { AppConfig } from './config.ts';
import { createDispatcher } from './dispatcher.ts';
import { importRoster, type ImportSummary } from './import-roster.ts';
import type { Logger } from './logger.ts';
import { createMessageHandler } from './pipeline.ts';
import type { RosterFile } from './roster-file.ts';
import { SerialQueue } from './serial-queue.ts';
import type { Channel, IncomingMessage } from '../channels/channel.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { acquireProcessLock } from '../db/process-lock.ts';
import { applyPendingMigrations } from '../db/schema-engine.ts';
import { inTransaction } from '../db/store.ts';

export interface BotOptions {
  config: AppConfig;
  channel: Channel;
  log: Logger;
  /** the time now; the simulator and tests move it */
  clock?: () => Date;
}

/** The running core: one database, one queue, one outbox, one channel. */
export interface Bot {
  db: Db;
  queue: SerialQueue;
  clock: () => Date;
  /** Handles one incoming message and sends what it caused. */
  receive(message: IncomingMessage): Promise<void>;
  /** Sends whatever the outbox has due now. */
  deliver(): Promise<number>;
  /** The clock moved from `from` to now (simulator): run what fell due in between, then deliver. */
  advance(from: Date): Promise<void>;
  importRoster(roster: RosterFile): Promise<ImportSummary>;
  close(): Promise<void>;
}

/**
 * Claims the database file for this process (a second bot on it is refused with a clear message),
 * migrates it, opens it and wires the pipeline to the channel.
 */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { config, channel, log } = options;
  const clock = options.clock ?? (() => new Date());
  const lock = acquireProcessLock(config.dbFile);
  let db: Db;
  try {
    const applied = await applyPendingMigrations(config.dbFile);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    db = await openDatabase(config.dbFile);
  } catch (error) {
    lock.release();
    throw error;
  }
  const queue = new SerialQueue();
  const handle = createMessageHandler({ db, config, commands, bareCode: commandForBareCode, queue, log });
  const dispatcher = createDispatcher({ db, queue, channel, log });
  return {
    db, queue, clock,
    async receive(message) {
      await handle(message);
      await dispatcher.deliverDue(clock());
    },
    deliver: () => dispatcher.deliverDue(clock()),
    async advance() {
      await dispatcher.deliverDue(clock());
    },
    importRoster: (roster) => queue.run(() => inTransaction(db, (store) => importRoster(store, roster))),
    async close() {
      await queue.run(() => db.$disconnect());
      lock.release();
    },
  };
}
