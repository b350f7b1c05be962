import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { atLocal, isoLocal } from '../../src/domain/calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshDatabase } from '../helpers/database.ts';

let bot: Bot | null = null;
let dir = '';
afterEach(async () => {
  vi.useRealTimers();
  await bot?.close();
  bot = null;
  rmSync(dir, { recursive: true, force: true });
});

// The production wiring: node-cron (Asia/Shanghai, no overlap) and the delivery timer, on a faked
// clock so nothing here depends on how fast the machine is.
describe('the live schedule', () => {
  it('fires the jobs with node-cron at their times and delivers through the timer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hz-live-'));
    const channel = new RecordingChannel(() => new Date());
    bot = await createBot({ config: defaultConfig({ dbFile: freshDatabase(join(dir, 'live.db')), dataDir: join(dir, 'data') }), channel, log: createLogger('silent') });
    await bot.importRoster(readRoster(ORG_ROSTER));
    vi.useFakeTimers({ now: atLocal('2026-12-01 08:59:00'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await bot.receive({
      platform: 'console', messageId: 'live-1', group: { id: '应急管理局监管群', name: '应急管理局监管群' },
      sender: { id: '王建国', name: '王建国' }, text: '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月2日前',
      mentions: [], attachments: [], at: new Date(),
    });
    await bot.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000); // past 09:00
    await bot.stop();
    const pushes = channel.sent.filter((d) => d.text.startsWith('【今日提醒】'));
    expect(pushes.map((d) => `${isoLocal(d.at).slice(11, 16)} ${d.group?.name}`)).toEqual(['09:00 蓝天物流安全对接群']);
  });
});
