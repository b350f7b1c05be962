import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCli } from '../../src/app/backup-cli.ts';
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { listBackups } from '../../src/db/backup.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { readLedger } from '../helpers/ledger-check.ts';

// Backups are taken while the bot answers; each must be a consistent ledger (integrity, foreign
// keys, every hazard equal to the replay of its events: src/domain/replay.ts) and must restore.
const DEPT = '应急管理局监管群';
const UNIT = '红星化工安全对接群';
let chat: Chat;
let dir: string;
beforeAll(async () => {
  chat = await createChat({ at: '2026-12-01 09:00', jobs: [], config: { backup: { dir: null, keep: 3, everyHours: 24 } } });
  dir = mkdtempSync(join(tmpdir(), 'hz-backups-'));
});
afterAll(async () => {
  await chat.close();
  rmSync(dir, { recursive: true, force: true });
});

const register = (n: number) => chat.send(DEPT, '王建国', `登记隐患：红星化工 ${n}号储罐呼吸阀损坏，责任人@张伟，12月15日前`);

describe('online backup and restore', () => {
  it('takes consistent backups under load, keeps the newest three, and each restores to a working bot', async () => {
    for (let n = 1; n <= 5; n++) await register(n);
    // messages and backups at once: registrations, progress reports and three backups interleave
    const load: Array<Promise<unknown>> = [];
    const backups: Array<Promise<unknown>> = [];
    for (let round = 0; round < 4; round++) {
      backups.push(chat.bot.backup(join(dir, `round-${round % 2}`)));
      for (let n = 0; n < 6; n++) load.push(round % 2 === 0 ? register(100 + round * 10 + n) : chat.send(UNIT, '张伟', `YH-000${1 + n % 5} 进度${20 + round * 10}% 已更换阀门`));
      await chat.setClock(`2026-12-01 09:0${round + 1}`);
    }
    await Promise.all([...load, ...backups]);
    await chat.bot.backup(join(dir, 'round-0'));

    const files = [...listBackups(join(dir, 'round-0')), ...listBackups(join(dir, 'round-1'))];
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(listBackups(join(dir, 'round-0')).length).toBeLessThanOrEqual(3);
    for (const file of files) {
      const ledger = readLedger(file);
      expect(ledger.problems, file).toEqual([]);
      expect(ledger.hazards.length).toBeGreaterThanOrEqual(5);
    }
    const final = readLedger(files.at(-1) ?? '');
    const live = await chat.read((s) => s.hazards.all());
    expect(final.hazards.length).toBe(live.length);

    // restore: stop nothing here — copy the backup where a new bot's database goes and start it
    const restored = join(dir, 'restored', 'ledger.db');
    mkdirSync(join(dir, 'restored'), { recursive: true });
    copyFileSync(files.at(-1) ?? '', restored);
    const channel = new RecordingChannel(() => atLocal('2026-12-01 10:00'));
    const bot = await createBot({ config: defaultConfig({ dbFile: restored, dataDir: join(dir, 'restored', 'data') }), channel, log: createLogger('silent'), clock: () => atLocal('2026-12-01 10:00'), jobs: [] });
    try {
      await bot.receive({ platform: 'console', messageId: 'after-restore', group: { id: UNIT, name: UNIT }, sender: { id: '张伟', name: '张伟' }, text: 'YH-0002 进度90% 恢复后继续', mentions: [], attachments: [], at: atLocal('2026-12-01 10:00') });
      expect(channel.sent.map((d) => d.text).join('\n')).toContain('YH-0002');
      const hazard = await bot.queue.run(() => createStore(bot.db).hazards.byCode('YH-0002'));
      expect(hazard?.progress).toBe(90);
    } finally {
      await bot.close();
    }
    expect(readLedger(restored).problems).toEqual([]);
  });

  it('runs as npm run backup, beside a running bot', async () => {
    const lines: string[] = [];
    const env = { HZ_DB: join(chat.dir, 'test.db'), HZ_DATA_DIR: join(chat.dir, 'data'), HZ_BACKUP_KEEP: '2' };
    const out = join(dir, 'cli');
    expect(await backupCli([out], env, { log: (l) => lines.push(l), error: (l) => lines.push(l) })).toBe(0);
    expect(lines[0]).toMatch(/^已备份到 .*hazard-zero-\d{8}-\d{6}\.db（[\d.]+ MB，完整性检查通过）/);
    expect(listBackups(out)).toHaveLength(1);
    expect(readLedger(listBackups(out)[0] ?? '').problems).toEqual([]);
    expect(existsSync(join(chat.dir, 'test.db'))).toBe(true);
    expect(await backupCli([], { HZ_DATABASE_URL: 'postgresql://localhost/x' }, { log: (l) => lines.push(l), error: (l) => lines.push(l) })).toBe(2);
    expect(lines.at(-1)).toContain('pg_dump');
  });
});
