import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import type { IncomingMessage } from '../../src/core/messages.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { readLedger } from '../helpers/ledger-check.ts';
import { freshDatabase } from '../helpers/database.ts';

// Platforms redeliver: a webhook retried after a timeout, a reconnecting socket replaying its
// backlog, two gateway instances. The same platform message id must have effect once and be
// answered once, whether the copies arrive one after another, all at once, or after a restart.

const UNIT = '红星化工安全对接群';
const DEPT = '应急管理局监管群';
const at = atLocal('2026-12-01 09:00');

let dir: string;
let bot: Bot;
let channel: RecordingChannel;
const open = async () => {
  channel = new RecordingChannel(() => at);
  bot = await createBot({ config: defaultConfig({ dbFile: join(dir, 'ledger.db'), dataDir: join(dir, 'data') }), channel, log: createLogger('silent'), clock: () => at });
};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-redelivery-'));
  freshDatabase(join(dir, 'ledger.db'));
  await open();
  await bot.importRoster(readRoster(ORG_ROSTER));
});
afterAll(async () => {
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function message(group: string, sender: string, text: string, platform: IncomingMessage['platform'] = 'console'): IncomingMessage {
  n += 1;
  return { platform, messageId: `redeliver-${n}`, group: { id: group, name: group }, sender: { id: sender, name: sender }, text, mentions: [], attachments: [], at };
}

/** Delivers one message `times` times, all at once or one after another; returns what was sent. */
async function deliver(m: IncomingMessage, times: number, concurrently: boolean) {
  const before = channel.sent.length;
  if (concurrently) await Promise.all(Array.from({ length: times }, () => bot.receive({ ...m })));
  else for (let i = 0; i < times; i++) await bot.receive({ ...m });
  return channel.sent.slice(before);
}

const ledger = () => bot.queue.run(async () => readLedger(join(dir, 'ledger.db')));
const eventsOf = async (code: string) => (await ledger()).hazards.find((h) => h.code === code)?.events.map((e) => e.type) ?? [];

async function register(): Promise<string> {
  const out = await deliver(message(DEPT, '王建国', `登记隐患：红星化工 ${n}号储罐呼吸阀损坏，责任人@张伟，12月15日前`), 1, false);
  return /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0] ?? '';
}

describe.each([2, 3, 5])('a message delivered %i times', (times) => {
  describe.each([true, false])('concurrently: %s', (concurrently) => {
    it('registers one hazard and answers once', async () => {
      const hazards = (await ledger()).hazards.length;
      const out = await deliver(message(DEPT, '王建国', '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前'), times, concurrently);
      expect(out.map((d) => d.group?.name)).toEqual([DEPT, UNIT]); // the reply, and the push to the unit
      expect((await ledger()).hazards.length).toBe(hazards + 1);
    });

    it('records one step of a lifecycle and answers once', async () => {
      const code = await register();
      expect(await deliver(message(UNIT, '张伟', `${code} 进度30% 已停用`), times, concurrently)).toHaveLength(1);
      expect(await deliver(message(UNIT, '张伟', `${code} 整改完成`), times, concurrently)).toHaveLength(2);
      expect(await deliver(message(DEPT, '王建国', `${code} 驳回 型号不符`), times, concurrently)).toHaveLength(2);
      expect(await deliver(message(UNIT, '张伟', `${code} 申请延期到12月30日 原因：配件未到货`), times, concurrently)).toHaveLength(2);
      expect(await deliver(message(DEPT, '王建国', `${code} 批准延期`), times, concurrently)).toHaveLength(2);
      expect(await eventsOf(code)).toEqual(['created', 'progress', 'submitted', 'rejected', 'extension_requested', 'extension_approved']);
    });
  });
});

describe('redelivery', () => {
  it('mixed with other messages in flight still has effect once each', async () => {
    const code = await register();
    const progress = message(UNIT, '张伟', `${code} 进度10%`);
    const query = message(UNIT, '张伟', `查询 ${code}`);
    const before = channel.sent.length;
    await Promise.all([progress, query, progress, query, progress].map((m) => bot.receive({ ...m })));
    expect(channel.sent.length - before).toBe(2);
    expect(await eventsOf(code)).toEqual(['created', 'progress']);
  });

  it('counts the same id from another platform as another message', async () => {
    const code = await register();
    const m = message(UNIT, '张伟', `${code} 进度20%`);
    await deliver(m, 2, true);
    await deliver({ ...m, platform: 'wecom' }, 2, true);
    expect(await eventsOf(code)).toEqual(['created', 'progress', 'progress']);
  });

  it('has no effect after a restart on the same database', async () => {
    const code = await register();
    const m = message(UNIT, '张伟', `${code} 整改完成`);
    expect(await deliver(m, 1, false)).toHaveLength(2);
    await bot.close();
    await open();
    expect(await deliver(m, 3, true)).toEqual([]);
    expect(await deliver({ ...m, text: `${code} 进度50% 改了文字的重发` }, 1, false)).toEqual([]);
    expect(await eventsOf(code)).toEqual(['created', 'submitted']);
    expect((await ledger()).problems).toEqual([]);
  });
});
