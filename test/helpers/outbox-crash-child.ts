// The crash test's child: writes to the outbox, then hangs inside the platform's send until the
// parent kills it with SIGKILL. Usage: tsx outbox-crash-child.ts <dbFile> <dataDir> <roster>
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { Delivery } from '../../src/core/messages.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';

const [dbFile, dataDir, roster] = process.argv.slice(2);
if (!dbFile || !dataDir || !roster) throw new Error('usage: outbox-crash-child.ts <dbFile> <dataDir> <roster>');

/** A platform that never answers: the process dies while a message is "on the wire". */
const hanging: Channel = {
  platform: 'console',
  async start() {},
  async stop() {},
  async send(d: Delivery) {
    process.stdout.write(`SENDING ${JSON.stringify(d.text.slice(0, 20))}\n`);
    // a request that never comes back, on a live process
    await new Promise(() => setInterval(() => undefined, 60_000));
  },
};

const now = atLocal('2026-12-01 09:00');
const bot = await createBot({ config: defaultConfig({ dbFile, dataDir }), channel: hanging, log: createLogger('silent'), clock: () => now });
await bot.importRoster(readRoster(roster));
const unit = await bot.queue.run(() => createStore(bot.db).roster.groupByName('红星化工安全对接群'));
await bot.queue.run(() => createStore(bot.db).outbox.enqueue({
  kind: 'push', groupId: unit!.id, personId: null, text: '⏰ 提醒：YH-0009 明天到期', mentions: [],
  extra: { job: 'send-deadline-reminders' }, dedupeKey: 'reminder:YH-0009:2026-12-01',
}, now));
process.stdout.write('WRITTEN\n');
// the registration's records and its replies are written in one transaction, then sent
await bot.receive({
  platform: 'console', messageId: 'crash-1', group: { id: '应急管理局监管群', name: '应急管理局监管群' },
  sender: { id: '王建国', name: '王建国' }, text: '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕',
  mentions: [], attachments: [], at: now,
});
