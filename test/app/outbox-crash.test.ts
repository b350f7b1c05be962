import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { Delivery } from '../../src/core/messages.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { PARTS_ROUTE } from '../helpers/outbox-parts-route.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the child until it says it is sending, then kills it hard; resolves with what it printed.
 * One node process with tsx's loader (not `npx tsx`, which runs the script two processes down,
 * where a SIGKILL to npx would not reach it).
 */
function runAndKill(dbFile: string, dataDir: string, childScript = 'outbox-crash-child.ts'): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const script = join(ROOT, 'test', 'helpers', childScript);
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbFile, dataDir, ORG_ROSTER], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('SENDING')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes('SENDING')) resolve({ out, signal });
      else reject(new Error(`child exited ${code ?? signal}: ${err}`));
    });
  });
}

describe('the outbox across a crash', () => {
  it('delivers exactly once after a SIGKILL between "written" and "sent"', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hz-crash-'));
    const dbFile = join(dir, 'crash.db');
    const dataDir = join(dir, 'data');
    const { out, signal } = await runAndKill(dbFile, dataDir);
    expect(signal).toBe('SIGKILL');
    expect(out).toContain('WRITTEN');
    expect(out).toContain('SENDING');

    // the restart: same database, a platform that works
    const now = atLocal('2026-12-01 09:05');
    const channel = new RecordingChannel(() => now);
    const bot = await createBot({ config: defaultConfig({ dbFile, dataDir }), channel, log: createLogger('silent'), clock: () => now });
    try {
      expect(await bot.queue.run(() => createStore(bot.db).hazards.byCode('YH-0001'))).toMatchObject({ ownerName: '张伟' });
      expect(await bot.deliver()).toBe(3);
      expect(await bot.deliver()).toBe(0);
      const texts = channel.sent.map((d) => `${d.group?.name}|${d.text.slice(0, 12)}`);
      expect(texts).toHaveLength(3);
      expect(new Set(texts).size).toBe(3);
      expect(channel.sent.map((d) => d.group?.name)).toEqual(['红星化工安全对接群', '应急管理局监管群', '红星化工安全对接群']);
      expect(channel.sent[0]?.text).toBe('⏰ 提醒：YH-0009 明天到期');
      expect(await bot.queue.run(() => createStore(bot.db).outbox.pendingCount())).toBe(0);
      // the push's dedupe key still holds after the restart
      expect(await bot.queue.run(() => createStore(bot.db).outbox.enqueue({ kind: 'push', groupId: 1, personId: null, text: 'x', mentions: [], dedupeKey: 'reminder:YH-0009:2026-12-01' }, now))).toBe(false);
    } finally {
      await bot.close();
    }
  });
});

describe('a split message across a crash (#9 item 6: sent twice after SIGKILL)', () => {
  it('never sends a part twice: each part is recorded as it goes out, and the restart resumes after it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hz-crash-'));
    const dbFile = join(dir, 'crash.db');
    const dataDir = join(dir, 'data');
    const { out } = await runAndKill(dbFile, dataDir, 'outbox-parts-child.ts');
    // the platform took part 1; part 2 was on the wire when the process died
    expect(out).toContain('TOOK "第一段：储罐区呼吸阀损坏"');
    expect(out).toContain('SENDING "第二段：消防通道被占用"');

    const now = atLocal('2026-12-01 09:05');
    const sent: Delivery[] = [];
    const channel: Channel = {
      platform: 'console', async start() {}, async stop() {}, route: () => PARTS_ROUTE,
      async send(d) {
        sent.push(d);
      },
    };
    const bot = await createBot({ config: defaultConfig({ dbFile, dataDir }), channel, log: createLogger('silent'), clock: () => now });
    try {
      expect(await bot.deliver()).toBe(1);
      // every part exactly once over both lives: part 1 before the crash, 2 (again: it never arrived) and 3 after
      const before = [...out.matchAll(/TOOK "([^"]+)"/g)].map((m) => m[1]);
      const counts = new Map<string, number>();
      for (const text of [...before, ...sent.map((d) => d.text)]) counts.set(text ?? '?', (counts.get(text ?? '?') ?? 0) + 1);
      // the duplicates: parts the platform got twice
      expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(sent.map((d) => [d.key, d.text])).toEqual([['outbox:1#2/3', '第二段：消防通道被占用'], ['outbox:1#3/3', '第三段：配电箱未接地']]);
      expect(await bot.queue.run(() => createStore(bot.db).outbox.pendingCount())).toBe(0);
    } finally {
      await bot.close();
    }
  });
});
