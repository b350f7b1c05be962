import { join } from 'node:path';
import type { Wechaty, WechatyPlugin } from 'wechaty';
import { currentAccount, WechatyChannel } from '../channels/wechaty-channel.ts';
import { createBot, type Bot } from './bot.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import type { AppConfig } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { readRoster } from '../features/roster-file.ts';
import { createCardRenderer, type CardRenderer } from '../cards/card-renderer.ts';
import { isPostgresUrl } from '../db/database.ts';
import { createStore, inTransaction } from '../db/store.ts';

export interface HazardZeroPluginOptions {
  /** database file, data folder … (the environment's HZ_* values when absent) */
  config?: Partial<AppConfig>;
  /** a roster YAML imported at start (units, people, groups; importing again changes nothing) */
  roster?: string;
  /**
   * Whether the puppet's room and contact ids survive a re-login. wechat4u's do not: then every
   * id is forgotten at each login; a person is recognised again by what survives (微信号 or the
   * bot account's 备注 for them), a unit contact by name, and anyone privileged must claim again.
   * The puppet service's (WeCom) ids do survive.
   */
  stableIds?: boolean;
  log?: Logger;
  /** the time messages are stamped with (tests) */
  clock?: () => Date;
  /** how often the outbox is looked at for retries and pushes */
  deliveryIntervalMs?: number;
  /** run the reminders, escalations and digests on node-cron (default true) */
  schedule?: boolean;
  rate?: { perMinute: number; burst: number };
  /** draws the digests' chart cards; one with its fonts under <dataDir>/fonts by default, null for text only */
  cards?: CardRenderer | null;
  /**
   * Several instances on one PostgreSQL (a login allows one live connection per account): only
   * the holder of the lease `channel:wechaty` is logged in and sends. `onGain` starts the Wechaty
   * (the caller's, not yet started); `onLose` is told when the lease is gone: stop the Wechaty,
   * another instance logs in. Without it the plugin sends whenever its Wechaty is logged in
   * (one instance). Ignored on SQLite (one process).
   */
  connection?: { onGain: () => Promise<void>; onLose: () => void };
}

/** The lease whose holder is the one instance logged in to WeChat. */
export const WECHATY_CONNECTION_LEASE = 'channel:wechaty';

/** The running bot inside someone's Wechaty. */
export interface HazardZeroHandle {
  bot: Bot;
  channel: WechatyChannel;
  /** Runs an outbox pass now (after writing a push from outside a message). */
  deliver(): Promise<number>;
  stop(): Promise<void>;
}

/** The Wechaty plugin, with a promise of the running bot once it is set up. */
export type HazardZeroPlugin = WechatyPlugin & { readonly ready: Promise<HazardZeroHandle> };

/**
 * Binds every roster group to its room by topic after a login, so pushes reach groups nobody has
 * spoken in yet (a topic two rooms share binds neither); with unstable ids, first forgets every
 * person's and group's id, which died with the old login.
 */
async function rebindAfterLogin(wechaty: Wechaty, bot: Bot, channel: WechatyChannel, stableIds: boolean, log: Logger): Promise<void> {
  const groups = await bot.queue.run(() => createStore(bot.db).roster.groups());
  const found: Array<{ id: number; roomId: string }> = [];
  for (const group of groups) {
    const room = await channel.findRoom({ name: group.name, wechatId: stableIds ? group.wechatId : null });
    if (room) found.push({ id: group.id, roomId: room.id });
  }
  await bot.queue.run(() => inTransaction(bot.db, async (store) => {
    if (!stableIds) {
      await store.roster.clearPersonPlatformIds('wechaty');
      await store.roster.clearGroupPlatformIds('wechaty');
    }
    for (const f of found) await store.roster.bindGroupPlatformId(f.id, 'wechaty', f.roomId);
  }));
  log.info({ rooms: found.length, groups: groups.length, account: currentAccount(wechaty)?.name() }, 'wechaty rooms bound after login');
}

/**
 * 隐患清零 as a Wechaty plugin: `bot.use(hazardZeroPlugin({ roster: 'roster.yaml' }))`. It opens
 * the ledger, answers the groups' messages and keeps the outbox moving while the Wechaty runs.
 * The caller builds the Wechaty (and its puppet), prints the login QR code and starts it.
 */
export function hazardZeroPlugin(options: HazardZeroPluginOptions = {}): HazardZeroPlugin {
  let resolveReady!: (handle: HazardZeroHandle) => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<HazardZeroHandle>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // a plugin that is never installed must not leave an unhandled rejection behind
  ready.catch(() => undefined);

  const install = (wechaty: Wechaty) => {
    const log = options.log ?? createLogger('info');
    const config: AppConfig = { ...loadConfig(), ...(options.roster ? { rosterFile: options.roster } : {}), ...options.config };
    const stableIds = options.stableIds ?? false;
    const channel = new WechatyChannel({
      wechaty, log,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.rate ? { rate: options.rate } : {}),
    });
    let stopped = false;
    const { connection } = options;
    // this instance holds the login lease (운行状态 tells a standby from a logged-out holder)
    let holding = false;

    const setup = (async (): Promise<HazardZeroHandle> => {
      const cards = options.cards === undefined ? createCardRenderer({ fontCacheDir: join(config.dataDir, 'fonts') }) : options.cards;
      const bot = await createBot({ config, channel, log, cards, ...(options.clock ? { clock: options.clock } : {}) });
      if (!connection && isPostgresUrl(config.databaseUrl)) {
        // a second instance would log the same account in again and throw this one out
        log.warn('wechaty plugin on PostgreSQL without the login lease (option connection): run it as one instance only');
      }
      if (options.roster) {
        const summary = await bot.importRoster(readRoster(options.roster));
        log.info(summary, 'roster imported');
      }
      await bot.start({
        schedule: options.schedule ?? true,
        ...(options.deliveryIntervalMs ? { deliveryIntervalMs: options.deliveryIntervalMs } : {}),
        ...(connection ? {
          connection: {
            lease: WECHATY_CONNECTION_LEASE,
            onGain: async () => {
              holding = true;
              await connection.onGain();
            },
            onLose: () => {
              holding = false;
              connection.onLose();
            },
          },
          detail: () => ({ platform: 'wechaty', connection: holding ? channel.connectionState() : 'standby' }),
        } : {}),
      });
      const handle: HazardZeroHandle = {
        bot, channel,
        deliver: () => bot.deliver(),
        async stop() {
          if (stopped) return;
          stopped = true;
          wechaty.off('login', onLogin);
          await channel.stop();
          await bot.close();
        },
      };
      return handle;
    })();
    setup.then(resolveReady, rejectReady);

    const onLogin = () => {
      setup
        .then(async (h) => {
          await rebindAfterLogin(wechaty, h.bot, channel, stableIds, log);
          // what waited for the login goes out now, not at the loop's next turn
          await h.deliver();
        })
        .catch((error: unknown) => log.error({ err: error }, 'rebinding rooms after login failed'));
    };
    wechaty.on('login', onLogin);
    // listen at once, so nothing said while the database opens is lost
    void channel.start(async (message) => {
      const { bot } = await setup;
      // receiving never waits for WeChat's send: replies leave from the outbox
      await bot.accept(message);
    });
    if (currentAccount(wechaty)) onLogin();

    return () => {
      void setup.then((h) => h.stop()).catch((error: unknown) => log.error({ err: error }, 'stopping the plugin failed'));
    };
  };
  return Object.assign(install, { ready });
}
