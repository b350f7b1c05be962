// `npm run export -- [filters] [--out FILE]`: writes the ledger workbook from the database the bot
// uses (HZ_DB, HZ_DATA_DIR), with the same filters as 导出台账 in chat: 本季度 应急管理局 重大 逾期.
// It only reads, so it runs beside the bot on the same database.
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { exportLedger } from '../features/export-ledger.ts';
import { saveFile } from '../features/save-file.ts';
import { UserError } from '../core/user-error.ts';
import { closeDatabase, openDatabase } from '../db/database.ts';
import { createStore } from '../db/store.ts';
import { formatDate } from '../domain/calendar.ts';

const USAGE = '用法：npm run export -- [期间] [单位或部门] [重大|一般] [待整改|整改中|待验收|已销号|逾期|未销号] [--out 文件.xlsx]\n例：npm run export -- 2026年第四季度 应急管理局 重大 --out 四季度台账.xlsx';
const EXAMPLE = USAGE.split('\n')[1] ?? '';

/** Where the CLI prints: the console, or a test's buffers (tests call the CLI in-process). */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `npm run export` with its arguments and environment; returns the exit code. A user's mistake
 * (no database, a filter it cannot read) is thrown as a UserError: runCli says it in one line.
 */
export async function exportCli(argv: string[], env: NodeJS.ProcessEnv = process.env, console: CliOutput = globalThis.console): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const outAt = argv.indexOf('--out');
  const out = outAt !== -1 ? argv[outAt + 1] : undefined;
  if (outAt !== -1 && (!out || out.startsWith('--'))) throw new UserError(`--out 后面要写文件名。${EXAMPLE}`);
  const words = argv.filter((a, i) => !a.startsWith('--') && (outAt === -1 || i !== outAt + 1));
  const config = loadConfig(env);
  if (!config.databaseUrl && !existsSync(config.dbFile)) {
    throw new UserError(`找不到数据库 ${config.dbFile}：请用 HZ_DB 指定机器人使用的数据库文件（默认 data/hazard-zero.db，npm start 第一次运行时创建）。`);
  }
  const db = await openDatabase({ url: config.databaseUrl, file: config.dbFile, sync: config.dbSync });
  try {
    const now = new Date();
    const result = await exportLedger(createStore(db), words.join(' '), undefined, now, config);
    if (!result.ok) throw new UserError(`${result.reply.split('\n').join(' ')}（${EXAMPLE}）`);
    // where asked, else beside the bot's own exports (-2, -3 … rather than over another file)
    const path = out ? resolve(out) : saveFile(join(config.dataDir, 'exports'), result.file);
    if (out) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, result.file.data);
    }
    const filters = result.filterWords.length > 0 ? result.filterWords.join('、') : '全部';
    console.log(`已导出 ${result.count} 项（${filters}），季度统计：${result.quarter.label}（${formatDate(result.due, now)}前报送）`);
    console.log(path);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) runCli((argv) => exportCli(argv));
