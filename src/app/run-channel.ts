import { join } from 'node:path';
import { createBot } from './bot.ts';
import type { AppConfig } from '../core/config.ts';
import { readRoster } from '../features/roster-file.ts';
import { startDashboardServer, type DashboardServer } from '../dashboard/dashboard-server.ts';
import { createCardRenderer } from '../cards/card-renderer.ts';
import { ConnectionTimeoutError, type Channel } from '../core/channel.ts';
import type { Logger } from '../core/logger.ts';
import { isPostgresUrl, type Db } from '../db/database.ts';
import type { SerialQueue } from '../core/serial-queue.ts';

/**
 * Platforms that keep one live connection per bot account: a second connection throws the first
 * off (WeCom's AI bot long connection: the server sends the old one `disconnected_event` and
 * closes it — @wecom/aibot-node-sdk). Several instances on one PostgreSQL connect one at a time.
 */
const SINGLE_CONNECTION = new Set<string>(['wecom', 'wechaty']);

/** The exit code of an instance that lost its platform connection to another (restart it as a standby). */
export const LOST_CONNECTION_EXIT = 75;

export interface RunChannelOptions {
  /** the roster file imported at start */
  roster?: string | undefined;
  /** the time now (a test's clock shared by several instances) */
  clock?: () => Date;
  /** resolves when the bot should stop (SIGINT/SIGTERM by default) */
  until?: Promise<void>;
  /** told once the bot is up and listening */
  onReady?: (instance: string) => void;
  /** delivery loop interval (tests) */
  deliveryIntervalMs?: number;
}

/** Resolves at the first SIGINT or SIGTERM. */
export const untilSignal = (): Promise<void> => new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

/**
 * The read-only dashboard (看板) on HZ_HTTP_PORT, unless it is off. A port already taken costs the
 * dashboard, not the bot: it says so and the chat goes on.
 */
export async function openDashboard(bot: { db: Db; queue: SerialQueue }, config: AppConfig, log: Logger): Promise<DashboardServer | null> {
  if (config.dashboard.port === null) return null;
  try {
    return await startDashboardServer({ db: bot.db, queue: bot.queue, config: config.dashboard, dataDir: config.dataDir, log });
  } catch (error) {
    console.log(`看板服务未能启动（${config.dashboard.host}:${config.dashboard.port}）：${error instanceof Error ? error.message : String(error)}。可用 HZ_HTTP_PORT 换一个端口，或设 HZ_HTTP_PORT=off 关闭看板。`);
    return null;
  }
}

/** The wait before connecting again after `attempt` tries got no answer: 5 s, doubling, at most 5 min. */
const retryDelayMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 300_000);

/**
 * One try to connect: true once connected, false after a try that got no answer in time (then it
 * has waited its back-off, or until the stop). A refusal throws.
 */
async function tryConnect(listen: () => Promise<void>, attempt: number, until: Promise<void>, log: Logger, platform: string): Promise<boolean> {
  try {
    await listen();
    return true;
  } catch (error) {
    if (!(error instanceof ConnectionTimeoutError)) throw error;
    const retryInMs = retryDelayMs(attempt);
    log.warn({ platform, err: error, attempt, retryInMs }, 'connection not established: trying again');
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([until.then(() => true), new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), retryInMs);
    })]);
    clearTimeout(timer);
    // stopping while not connected: nothing to wait for (the bot closes as usual)
    return stopped;
  }
}

/**
 * A platform that is a Channel (DingTalk, WeCom): open the ledger, import the roster if one is
 * configured, listen, keep the outbox moving (a restart resumes it) until SIGINT or SIGTERM.
 * Stopping is graceful: the channel stops taking messages and finishes the one in hand (its
 * records committed and acknowledged), the bot gives up its leases so another instance takes
 * over at once, then the database closes.
 */
export async function runChannel(config: AppConfig, channel: Channel, log: Logger, options: RunChannelOptions = {}): Promise<number> {
  let connected = false;
  let stopping = false;
  let exitCode = 0;
  const bot = await createBot({
    config, channel, log, cards: createCardRenderer({ fontCacheDir: join(config.dataDir, 'fonts') }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (options.roster) log.info(await bot.importRoster(readRoster(options.roster)), 'roster imported');
  let lostConnection: () => void = () => undefined;
  const until = Promise.race([options.until ?? untilSignal(), new Promise<void>((resolve) => { lostConnection = resolve; })]);
  // receiving never waits for the platform's send API: replies leave from the outbox
  const listen = () => channel.start((message) => bot.accept(message));
  // several instances on one PostgreSQL: a platform that keeps one connection per account is
  // connected by one of them, the holder of its lease; the others wait to take over
  const single = isPostgresUrl(config.databaseUrl) && SINGLE_CONNECTION.has(channel.platform);
  // one process (SQLite, or a platform that allows many connections): connect before anything
  // else, trying again while nothing answers; a refusal (a wrong secret) stops the start
  if (!single) {
    for (let attempt = 1; !(await tryConnect(listen, attempt, until, log, channel.platform)); attempt++);
  }
  await bot.start({
    ...(options.deliveryIntervalMs ? { deliveryIntervalMs: options.deliveryIntervalMs } : {}),
    detail: () => ({ platform: channel.platform, connection: single && !connected ? 'standby' : channel.connectionState?.() ?? 'unknown' }),
    ...(single ? {
      connection: {
        lease: `channel:${channel.platform}`,
        onGain: async () => {
          log.info({ platform: channel.platform }, 'connection lease gained: connecting');
          await listen();
          connected = true;
        },
        // a connection another instance now holds: stop (a service manager starts this one again as a standby)
        onLose: () => {
          // given up on the way out (SIGTERM) is no loss
          if (stopping) return;
          log.warn({ platform: channel.platform }, 'connection lease lost: stopping, another instance connects');
          exitCode = LOST_CONNECTION_EXIT;
          lostConnection();
        },
      },
    } : {}),
  });
  const dashboard = await openDashboard(bot, config, log);
  console.log(`隐患清零已启动（${channel.platform}），Ctrl-C 退出。`);
  options.onReady?.(bot.instance);
  await until;
  stopping = true;
  log.info({ instance: bot.instance }, 'stopping: finishing the message in hand, giving up leases');
  await dashboard?.close();
  await channel.stop();
  await bot.close();
  return exitCode;
}
