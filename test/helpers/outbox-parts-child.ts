// The split-message crash test's child: a three-part push on a route that takes 48 bytes a
// message; the platform takes part 1, then the process dies while part 2 is on the wire.
// Usage: tsx outbox-parts-child.ts <dbFile> <dataDir> <roster>
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { Delivery } from '../../src/core/messages.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { PARTS_ROUTE } from './outbox-parts-route.ts';

const [dbFile, dataDir, roster] = process.argv.slice(2);
if (!dbFile || !dataDir || !roster) throw new Error('usage: outbox-parts-child.ts <dbFile> <dataDir> <roster>');

const THREE_PARTS = ['第一段：储罐区呼吸阀损坏', '第二段：消防通道被占用', '第三段：配电箱未接地'].join('\n');

const channel: Channel = {
  platform: 'console',
  async start() {},
  async stop() {},
  route: () => PARTS_ROUTE,
  async send(d: Delivery) {
    if (d.text.startsWith('第一段')) {
      process.stdout.write(`TOOK ${JSON.stringify(d.text)} ${d.key ?? ''}\n`);
      return;
    }
    process.stdout.write(`SENDING ${JSON.stringify(d.text)}\n`);
    await new Promise(() => setInterval(() => undefined, 60_000));
  },
};

const now = atLocal('2026-12-01 09:00');
const bot = await createBot({ config: defaultConfig({ dbFile, dataDir }), channel, log: createLogger('silent'), clock: () => now });
await bot.importRoster(readRoster(roster));
const unit = await bot.queue.run(() => createStore(bot.db).roster.groupByName('红星化工安全对接群'));
await bot.queue.run(() => createStore(bot.db).outbox.enqueue({ kind: 'push', groupId: unit!.id, personId: null, text: THREE_PARTS, mentions: [] }, now));
await bot.deliver();
