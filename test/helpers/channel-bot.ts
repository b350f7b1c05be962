import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { createStore, type Store } from '../../src/db/store.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { freshDatabase } from './database.ts';

/** A whole bot on a fresh SQLite file behind a real platform adapter (DingTalk, WeCom) talking to a loopback fake. */
export interface ChannelBot {
  dir: string;
  bot: Bot;
  /** Runs a function on the store inside the bot's queue. */
  read<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Stops the bot and removes its folder (the channel and the fake are the test's to stop first). */
  close(): Promise<void>;
}

/** Builds the bot on `channel` with the roster file, in a fresh temporary folder; the channel is not started. */
export async function startChannelBot(options: { prefix: string; channel: Channel; roster: string; clock: () => Date }): Promise<ChannelBot> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  const config = defaultConfig({ dbFile: freshDatabase(join(dir, 'test.db')), dataDir: join(dir, 'data') });
  const bot = await createBot({ config, channel: options.channel, log: createLogger('silent'), clock: options.clock });
  await bot.importRoster(readRoster(options.roster));
  return {
    dir, bot,
    read: (work) => bot.queue.run(() => work(createStore(bot.db))),
    async close() {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `sent()` holds `count` more than `before`, and returns what came after `before`. */
export async function sentAfter<T>(sent: () => readonly T[], before: number, count: number): Promise<T[]> {
  await vi.waitFor(() => expect(sent().length).toBeGreaterThanOrEqual(before + count), { timeout: 15_000, interval: 20 });
  return sent().slice(before);
}

/**
 * The deadline reminder the scheduler writes for 张伟 in 红星化工安全对接群 (the shared org and the
 * WeCom fixture roster both have them): one push under its dedupe key, as the channel tests send it.
 */
export async function reminderForZhang(read: ChannelBot['read']): Promise<OutgoingMessage> {
  const unit = await read((s) => s.roster.groupByName('红星化工安全对接群'));
  const [zhang] = await read((s) => s.roster.peopleByName('张伟'));
  if (!unit || !zhang) throw new Error('the roster has no 红星化工安全对接群 or no 张伟');
  return {
    kind: 'push', groupId: unit.id, personId: null, text: '⏰ 提醒：YH-0002 明天到期，请抓紧整改。', mentions: [zhang.id],
    extra: { job: 'send-deadline-reminders' }, dedupeKey: 'reminder:YH-0002:2026-12-01',
  };
}
