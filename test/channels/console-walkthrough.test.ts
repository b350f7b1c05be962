import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { CONSOLE_BANNER } from '../../src/app/console-banner.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { ConsoleChannel } from '../../src/channels/console-channel.ts';
import { createStore } from '../../src/db/store.ts';

const REPO = join(import.meta.dirname, '..', '..');

/** The console demo as `npm start` runs it, on a fresh demo database, typed into from a stream. */
async function consoleDemo(at: Date) {
  const dir = mkdtempSync(join(tmpdir(), 'hz-console-'));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
  const channel = new ConsoleChannel({ input, output, clock: () => at, baseDir: REPO, filesDir: join(dir, 'data', 'exports') });
  const bot: Bot = await createBot({ config: defaultConfig({ dbFile: join(dir, 'demo.db'), dataDir: join(dir, 'data') }), channel, log: createLogger('silent'), clock: () => at });
  await bot.importRoster(readRoster(join(REPO, 'demo', 'roster.yaml')));
  await channel.start((message) => bot.receive(message));
  return {
    bot, dir,
    printed: () => printed,
    async type(lines: readonly string[]) {
      for (const line of lines) input.write(`${line}\n`);
      input.end();
      await channel.closed();
    },
    async close() {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let demo: Awaited<ReturnType<typeof consoleDemo>> | null = null;
afterEach(async () => {
  await demo?.close();
  demo = null;
});

describe('the console demo', () => {
  // any day of the year: the walkthrough's deadline is relative, so it never lands in the past
  it.each(['2026-12-02T01:00:00Z', '2027-12-30T09:00:00Z'])('closes the major hazard by the banner walkthrough exactly as printed (%s)', async (at) => {
    const walkthrough = CONSOLE_BANNER.split('\n').filter((l) => l.startsWith('  [')).map((l) => l.slice(2));
    expect(walkthrough.length).toBeGreaterThanOrEqual(6);
    demo = await consoleDemo(new Date(at));
    await demo.type(walkthrough);

    const hazard = await createStore(demo.bot.db).hazards.byCode('YH-0001');
    expect(hazard).toMatchObject({ level: 'major', status: 'closed' });
    expect(await createStore(demo.bot.db).hazards.evidenceCount(hazard?.id ?? -1)).toBe(1);
    const printed = demo.printed();
    expect(printed).toContain('已将 1 个附件存为 YH-0001 的整改证据');
    expect(printed).toContain('治理方案六项已齐全');
    expect(printed).toContain('→ [红星化工安全对接群] YH-0001 验收通过，已销号。');
    expect(printed).not.toMatch(/出错|找不到文件|看不懂/);
  });

  it('says in one line when an @图片 file is missing, and sends nothing', async () => {
    demo = await consoleDemo(new Date('2026-12-02T01:00:00Z'));
    await demo.type(['[红星化工安全对接群] 张伟: @图片 demo/no-such-photo.jpg']);
    expect(demo.printed()).toBe(`（找不到文件 ${join(REPO, 'demo', 'no-such-photo.jpg')}，没有发送。路径从 ${REPO} 算起，例：@图片 demo/valve.jpg）\n`);
  });

  // `@图片` with no path went to the bot as text and met silence
  it('says how to write @图片 when the path is left out, and sends nothing', async () => {
    demo = await consoleDemo(new Date('2026-12-02T01:00:00Z'));
    await demo.type(['[红星化工安全对接群] 张伟: @图片', '@照片  ']);
    expect(demo.printed()).toBe('（@图片 后面要写文件路径，例：@图片 demo/valve.jpg）\n'.repeat(2));
  });

  it('shows where an exported ledger is: written under its own data folder when sent, that path printed', async () => {
    demo = await consoleDemo(new Date('2026-12-02T01:00:00Z'));
    await demo.type([
      '[应急管理局监管群] 王建国: 登记隐患：红星化工 配电室电缆沟积水，责任人@张伟，10天内整改完毕',
      '[县安委会领导群] 刘县长: 导出台账',
    ]);
    const path = join(demo.dir, 'data', 'exports', '台账-20261202-090000.xlsx');
    expect(demo.printed()).toContain(`文件：台账-20261202-090000.xlsx\n  （文件：${path}）`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.getWorksheet('隐患台账')?.getCell('B3').value).toBe('YH-0001');
  });

  it('refuses a file that is not a photo or document, through the evidence path', async () => {
    demo = await consoleDemo(new Date('2026-12-02T01:00:00Z'));
    await demo.type([
      '[应急管理局监管群] 王建国: 登记隐患：红星化工 配电室电缆沟积水，责任人@张伟，10天内整改完毕',
      '[红星化工安全对接群] 张伟: YH-0001 进度50% 已抽排积水',
      '[红星化工安全对接群] 张伟: @图片 package.json',
    ]);
    expect(await createStore(demo.bot.db).hazards.evidenceCount(1)).toBe(0);
    expect(demo.printed()).toMatch(/package\.json/);
  });
});
