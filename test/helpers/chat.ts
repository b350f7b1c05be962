import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig, type AppConfig } from '../../src/app/config.ts';
import { createLogger, type Logger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/app/roster-file.ts';
import type { IncomingAttachment } from '../../src/channels/channel.ts';
import { RecordingChannel, formatDelivery, type RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { createStore, type Store } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';

export const ORG_ROSTER = join(import.meta.dirname, '..', 'transcripts', 'org.yaml');

export interface ChatOptions {
  /** roster YAML to import; the shared test org by default, null for none */
  roster?: string | null;
  /** Shanghai wall-clock start, 'YYYY-MM-DD HH:mm' */
  at?: string;
  config?: Partial<AppConfig>;
  /** silent by default */
  log?: Logger;
}

/**
 * A conversation with the real bot on a real SQLite file: `await chat.send('红星化工安全对接群',
 * '张伟', 'YH-0001 进度60%')` returns what the bot sent because of it.
 */
export interface Chat {
  bot: Bot;
  channel: RecordingChannel;
  dir: string;
  now: Date;
  /** Moves the simulated clock forward (runs what fell due, like the simulator's @clock). */
  setClock(at: string): Promise<void>;
  send(group: string | null, sender: string, text: string, options?: { messageId?: string; attachments?: IncomingAttachment[]; mentions?: string[] }): Promise<RecordedDelivery[]>;
  /** Texts sent because of the last send, as `→ [群] text` lines. */
  lines(deliveries: RecordedDelivery[]): string[];
  /** Runs a function on the store inside the bot's queue. */
  read<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let counter = 0;

export async function createChat(options: ChatOptions = {}): Promise<Chat> {
  const dir = mkdtempSync(join(tmpdir(), 'hz-test-'));
  const state = { now: atLocal(options.at ?? '2026-12-01 09:00') };
  const channel = new RecordingChannel(() => state.now);
  const config = defaultConfig({ dbFile: join(dir, 'test.db'), dataDir: join(dir, 'data'), ...options.config });
  const bot = await createBot({ config, channel, log: options.log ?? createLogger('silent'), clock: () => state.now });
  const roster = options.roster === undefined ? ORG_ROSTER : options.roster;
  if (roster) await bot.importRoster(readRoster(roster));

  const chat: Chat = {
    bot, channel, dir,
    get now() {
      return state.now;
    },
    async setClock(at) {
      const from = state.now;
      state.now = atLocal(at);
      if (state.now < from) throw new Error('the clock never goes back');
      await bot.advance(from);
    },
    async send(group, sender, text, opts = {}) {
      const before = channel.sent.length;
      counter += 1;
      await bot.receive({
        platform: 'console', messageId: opts.messageId ?? `test-${counter}`,
        group: group ? { id: group, name: group } : null, sender: { id: sender, name: sender },
        text, mentions: (opts.mentions ?? []).map((name) => ({ id: name, name })), attachments: opts.attachments ?? [], at: state.now,
      });
      return channel.sent.slice(before);
    },
    lines: (deliveries) => deliveries.map(formatDelivery),
    read: (work) => bot.queue.run(() => work(createStore(bot.db))),
    async close() {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return chat;
}
