import type { Wechaty } from 'wechaty';
import { LOST_CONNECTION_EXIT, openDashboard, untilSignal } from './run-channel.ts';
import type { AppConfig } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { hazardZeroPlugin } from './wechaty-plugin.ts';
import { isPostgresUrl } from '../db/database.ts';

export interface RunWechatyOptions {
  /** the roster file imported at start */
  roster?: string | undefined;
  /** whether the puppet's ids survive a re-login (the puppet service's do, wechat4u's do not) */
  stableIds: boolean;
  /** the time now (tests) */
  clock?: () => Date;
  /** resolves when the bot should stop (SIGINT/SIGTERM by default) */
  until?: Promise<void>;
  /** told once the bot is up: logged in, or standing by for the login lease */
  onReady?: (instance: string) => void;
  /** delivery loop interval (tests) */
  deliveryIntervalMs?: number;
}

/**
 * The bot on WeChat through a Wechaty the caller built (its puppet, its QR code printing) and has
 * not started. A WeChat account allows one live login: a second login throws the first out. So
 * on PostgreSQL, with several instances, only the holder of the lease `channel:wechaty` starts the
 * Wechaty (logs in) and sends; the others stand by and the next one logs in when the holder dies.
 * An instance that loses the lease stops its Wechaty, sends nothing more (its sends are fenced by
 * the lease) and exits with LOST_CONNECTION_EXIT, to be started again as a standby. On SQLite (one
 * process) the Wechaty starts at once. Returns the exit code.
 */
export async function runWechaty(config: AppConfig, wechaty: Wechaty, log: Logger, options: RunWechatyOptions): Promise<number> {
  const leased = isPostgresUrl(config.databaseUrl);
  let exitCode = 0;
  // a standby never started its Wechaty: it has nothing to stop
  let started = false;
  let stopping = false;
  let lostLease: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => {
    lostLease = resolve;
  });
  const plugin = hazardZeroPlugin({
    config, log, stableIds: options.stableIds,
    ...(options.roster ? { roster: options.roster } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.deliveryIntervalMs ? { deliveryIntervalMs: options.deliveryIntervalMs } : {}),
    ...(leased ? {
      connection: {
        onGain: async () => {
          log.info('wechaty login lease gained: logging in');
          started = true;
          await wechaty.start();
        },
        onLose: () => {
          // given up on the way out (SIGTERM) is no loss
          if (stopping) return;
          log.warn('wechaty login lease lost: stopping, another instance logs in');
          exitCode = LOST_CONNECTION_EXIT;
          lostLease();
        },
      },
    } : {}),
  });
  wechaty.use(plugin);
  if (!leased) {
    started = true;
    await wechaty.start();
  }
  const hz = await plugin.ready;
  const dashboard = await openDashboard(hz.bot, config, log);
  console.log(leased
    ? '隐患清零已启动（微信）：持有登录租约的实例登录微信，其余实例待命，Ctrl-C 退出。'
    : '隐患清零已启动（微信），Ctrl-C 退出。');
  options.onReady?.(hz.bot.instance);
  await Promise.race([options.until ?? untilSignal(), lost]);
  stopping = true;
  log.info({ instance: hz.bot.instance }, 'stopping: finishing the message in hand, logging out, giving up leases');
  await dashboard?.close();
  // the message in hand is finished, then the login ends before the lease is given up, so the
  // next instance's login never meets this one's
  await hz.channel.stop();
  if (started) await wechaty.stop();
  await hz.stop();
  return exitCode;
}
