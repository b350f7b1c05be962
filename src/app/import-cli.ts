// `npm run import -- FILE.xlsx [--as 姓名] [--confirm] [红兴化工=红星化工 …] [来源的话]`: reads a
// 问题清单 into the database the bot uses (HZ_DB / HZ_DATABASE_URL, HZ_DATA_DIR), as the same list
// sent into the chat would be. Without --confirm it prints the preview and keeps it, so the person
// named by --as may also answer 确认导入 in the chat; with --confirm it imports in one transaction
// and queues the announcements, which the running bot sends.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './cli.ts';
import type { CommandContext } from '../features/command.ts';
import { loadConfig } from './config.ts';
import type { AppConfig } from '../core/config.ts';
import type { CliOutput } from './export-cli.ts';
import { confirmImport, previewWorkbook } from '../features/problem-list-import.ts';
import { UserError } from '../core/user-error.ts';
import { closeDatabase, openDatabase } from '../db/database.ts';
import { inTransaction, type Store } from '../db/store.ts';
import { localDate } from '../domain/calendar.ts';
import type { Person } from '../domain/types.ts';

const USAGE = '用法：npm run import -- 清单.xlsx [--as 导入人姓名] [--confirm] [写法=名册中的单位名 …] [来源，如 省安委会第三督查组11月28日督查反馈]\n例：npm run import -- 督查反馈.xlsx --as 王建国 --confirm 红兴化工=红星化工';

/** The importer: the person named, who must be an admin or a department; else the roster's first admin. */
async function importer(store: Store, name: string | undefined): Promise<Person> {
  if (name) {
    const people = (await store.roster.peopleByName(name)).filter((p) => p.role === 'admin' || p.role === 'department');
    const [only, other] = people;
    if (!only) throw new UserError(`名册中没有管理员或监管部门人员「${name}」。${USAGE.split('\n')[1] ?? ''}`);
    if (other) throw new UserError(`名册中有几位「${name}」，无法确定是谁导入。`);
    return only;
  }
  const admin = (await store.roster.people()).find((p) => p.role === 'admin');
  if (!admin) throw new UserError('名册中没有管理员：请用 --as 写明导入人（管理员或监管部门人员）。');
  return admin;
}

function cliContext(store: Store, config: AppConfig, sender: Person, now: Date, print: (text: string) => void): CommandContext {
  return {
    now, today: localDate(now), sender, group: null, store, config, commands: [], attachments: [],
    message: { platform: 'console', messageId: `import-${now.getTime()}`, group: null, sender: { id: sender.name, name: sender.name }, text: '', mentions: [], attachments: [], at: now },
    async reply(text) {
      print(text);
    },
    async push(msg) {
      await store.outbox.enqueue({ kind: 'push', ...msg }, now);
    },
  };
}

/** `npm run import` with its arguments and environment; returns the exit code. `now` is a parameter for tests. */
export async function importCli(argv: string[], env: NodeJS.ProcessEnv = process.env, console: CliOutput = globalThis.console, now = new Date()): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    console.log(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  const asAt = argv.indexOf('--as');
  const asName = asAt !== -1 ? argv[asAt + 1] : undefined;
  if (asAt !== -1 && (!asName || asName.startsWith('--'))) throw new UserError(`--as 后面要写导入人姓名。${USAGE.split('\n')[1] ?? ''}`);
  const words = argv.filter((a, i) => !a.startsWith('--') && (asAt === -1 || i !== asAt + 1));
  const [file, ...rest] = words;
  if (!file || !/\.xlsx$/i.test(file)) throw new UserError(`请写明 .xlsx 清单文件。${USAGE.split('\n')[1] ?? ''}`);
  if (!existsSync(file)) throw new UserError(`找不到文件 ${file}`);
  const mappings = rest.filter((w) => /[=＝]/.test(w));
  const said = rest.filter((w) => !/[=＝]/.test(w)).join(' ');
  const config = loadConfig(env);
  if (!config.databaseUrl && !existsSync(config.dbFile)) {
    throw new UserError(`找不到数据库 ${config.dbFile}：请用 HZ_DB 指定机器人使用的数据库文件（默认 data/hazard-zero.db，npm start 第一次运行时创建）。`);
  }
  const db = await openDatabase({ url: config.databaseUrl, file: config.dbFile, sync: config.dbSync });
  try {
    return await inTransaction(db, async (store) => {
      const ctx = cliContext(store, config, await importer(store, asName), now, (text) => console.log(text));
      if (!(await previewWorkbook(ctx, { name: basename(file), data: readFileSync(file) }, said))) return 1;
      if (argv.includes('--confirm')) await confirmImport(ctx, mappings.join(' '));
      return 0;
    });
  } finally {
    await closeDatabase(db);
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) runCli((argv) => importCli(argv));
