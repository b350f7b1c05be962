import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import type { AppConfig } from '../../src/core/config.ts';
import type { Logger } from '../../src/core/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import type { CardRenderer } from '../../src/cards/card-renderer.ts';
import type { Delivery, IncomingAttachment } from '../../src/core/messages.ts';
import { RecordingChannel, formatDelivery, type RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { createStore, type Store } from '../../src/db/store.ts';
import { freshLedger } from './database.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import type { Platform } from '../../src/domain/types.ts';
import type { ScheduledJob } from '../../src/jobs/job.ts';

export const ORG_ROSTER = join(import.meta.dirname, '..', 'transcripts', 'org.yaml');

export interface ChatOptions {
  /** roster YAML to import; the shared test org by default, null for none */
  roster?: string | null;
  /** Shanghai wall-clock start, 'YYYY-MM-DD HH:mm' */
  at?: string;
  config?: Partial<AppConfig>;
  /** the scheduled jobs; all of the config's by default, [] to test commands and jobs alone */
  jobs?: readonly ScheduledJob[];
  /** silent by default */
  log?: Logger;
  /** draws the chart cards (test/helpers/cards.ts); text only by default */
  cards?: CardRenderer;
  /**
   * Another instance on the database of `chat` (PostgreSQL), with a data folder of its own: what
   * one instance received, the other must serve. Give `roster: null`, the roster is there already.
   */
  sameDatabaseAs?: Chat;
}

/**
 * A conversation with the real bot on a real SQLite file: `await chat.send('红星化工安全对接群',
 * '张伟', 'YH-0001 进度60%')` returns what the bot sent because of it.
 */
export interface Chat {
  bot: Bot;
  channel: RecordingChannel;
  dir: string;
  /** the PostgreSQL database the bot runs on, or null on SQLite (test.db in `dir`) */
  databaseUrl: string | null;
  now: Date;
  /** Moves the simulated clock forward (runs what fell due, like the simulator's @clock). */
  setClock(at: string): Promise<void>;
  /**
   * Closes the bot and starts a new one on the same database file, as a restart does: the clock
   * jumps to `at` while it is down (nothing runs meanwhile), then the new bot catches up.
   */
  restart(at?: string): Promise<void>;
  send(group: string | null, sender: string, text: string, options?: SendOptions): Promise<RecordedDelivery[]>;
  /** Texts sent because of the last send, as `→ [群] text` lines. */
  lines(deliveries: RecordedDelivery[]): string[];
  /** Runs a function on the store inside the bot's queue. */
  read<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SendOptions {
  messageId?: string;
  attachments?: IncomingAttachment[];
  mentions?: string[];
  /**
   * Sends as a chat platform does, with account and chat ids (the console, the default, goes by
   * names): `{ platform: 'dingtalk', id: 'zhao01' }`. The chat id is `chat:<group>` unless given.
   */
  as?: { platform: Exclude<Platform, 'console'>; id: string; chatId?: string; durableId?: string };
}

let counter = 0;

export async function createChat(options: ChatOptions = {}): Promise<Chat> {
  const dir = mkdtempSync(join(tmpdir(), 'hz-test-'));
  const state = { now: atLocal(options.at ?? '2026-12-01 09:00') };
  let bot: Bot | null = null;
  // deliveries carry the bot's time: while it steps through a day, the time each push goes out
  const channel = new RecordingChannel(() => bot?.clock() ?? state.now);
  const other = options.sameDatabaseAs;
  if (other && other.databaseUrl === null) throw new Error('only PostgreSQL is shared by instances: one process owns an SQLite file');
  const ledger = other ? { dbFile: join(dir, 'unused.db'), databaseUrl: other.databaseUrl } : await freshLedger(dir);
  const config = defaultConfig({ ...ledger, dataDir: join(dir, 'data'), ...options.config });
  const open = () => createBot({ config, channel, log: options.log ?? createLogger(process.env.HZ_TEST_LOG ?? 'silent'), clock: () => state.now, cards: options.cards ?? null, ...(options.jobs ? { jobs: options.jobs } : {}) });
  bot = await open();
  const roster = options.roster === undefined ? ORG_ROSTER : options.roster;
  if (roster) await bot.importRoster(readRoster(roster));
  const current = (): Bot => {
    if (!bot) throw new Error('the bot is closed');
    return bot;
  };

  const chat: Chat = {
    channel, dir, databaseUrl: config.databaseUrl,
    get bot() {
      return current();
    },
    get now() {
      return state.now;
    },
    async restart(at) {
      await current().close();
      bot = null;
      if (at) {
        const next = atLocal(at);
        if (next < state.now) throw new Error('the clock never goes back');
        state.now = next;
      }
      bot = await open();
      await bot.catchUp();
    },
    async setClock(at) {
      const from = state.now;
      state.now = atLocal(at);
      if (state.now < from) throw new Error('the clock never goes back');
      await current().advance(from);
    },
    async send(group, sender, text, opts = {}) {
      const before = channel.sent.length;
      counter += 1;
      const as = opts.as;
      await current().receive({
        platform: as?.platform ?? 'console', messageId: opts.messageId ?? `test-${counter}`,
        group: group ? { id: as ? (as.chatId ?? `chat:${group}`) : group, name: group } : null,
        sender: as ? { id: as.id, name: sender, ...(as.durableId ? { durableId: as.durableId } : {}) } : { id: sender, name: sender },
        text, mentions: (opts.mentions ?? []).map((name) => ({ id: name, name })), attachments: opts.attachments ?? [], at: state.now,
        // a DingTalk or WeCom robot is only given what was said to it (@-mentions, private chats)
        ...(as && as.platform !== 'wechaty' ? { addressed: true } : {}),
      });
      return channel.sent.slice(before);
    },
    lines: (deliveries) => deliveries.map(formatDelivery),
    read: (work) => current().queue.run(() => work(createStore(current().db))),
    async close() {
      await bot?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return chat;
}

/** The workbook a delivery carries (导出台账, 整改报告), read from its bytes; throws when it has none. */
export async function sentWorkbook(delivery: Delivery | undefined): Promise<ExcelJS.Workbook> {
  if (!delivery?.file) throw new Error(`no file sent: ${delivery ? formatDelivery(delivery) : 'no delivery'}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(delivery.file.data as unknown as ArrayBuffer);
  return book;
}
