import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { Delivery, IncomingMessage } from '../../src/core/messages.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshLedger } from '../helpers/database.ts';

// A platform's send API that hangs (a slow WeCom gateway, a stuck HTTP call) must not hold up
// the messages that arrive behind it: adapters hand messages to bot.accept, which commits the
// message and its replies, then leaves the sending to the outbox.
const dir = mkdtempSync(join(tmpdir(), 'hz-accept-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('receiving while the platform hangs', () => {
  it('handles the next messages while the first reply is still being sent', async () => {
    const sends: Delivery[] = [];
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => { release = resolve; });
    const channel: Channel = {
      platform: 'console',
      start: async () => undefined,
      send: async (delivery) => {
        sends.push(delivery);
        await hanging;
      },
      stop: async () => undefined,
    };
    const at = atLocal('2026-12-01 09:00');
    const bot = await createBot({ config: defaultConfig({ ...(await freshLedger(dir)), dataDir: join(dir, 'data') }), channel, log: createLogger('silent'), clock: () => at, jobs: [] });
    await bot.importRoster(readRoster(ORG_ROSTER));
    const message = (n: number, text: string): IncomingMessage => ({
      platform: 'console', messageId: `m${n}`, group: { id: '应急管理局监管群', name: '应急管理局监管群' }, sender: { id: '王建国', name: '王建国' },
      text, mentions: [], attachments: [], at,
    });
    await bot.accept(message(1, '登记隐患：红星化工 储罐呼吸阀损坏，责任人@张伟，12月15日前'));
    // the first reply's send is under way, and hangs (on PostgreSQL its claim is checked first)
    await vi.waitFor(() => expect(sends).toHaveLength(1), { timeout: 30_000, interval: 10 });
    // the next two messages are still handled and committed
    await bot.accept(message(2, '登记隐患：红星化工 配电箱未接地，责任人@张伟，12月20日前'));
    await bot.accept(message(3, '逾期隐患'));
    const codes = await bot.queue.run(async () => (await createStore(bot.db).hazards.all()).map((h) => h.code));
    expect(codes).toEqual(['YH-0001', 'YH-0002']);
    expect(sends).toHaveLength(1);
    release();
    await bot.deliver();
    expect(sends.length).toBeGreaterThanOrEqual(4);
    await bot.close();
  });
});
