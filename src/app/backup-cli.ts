// `npm run backup [-- DIR]`: a checked online copy of the SQLite ledger (HZ_DB) into DIR, else
// HZ_BACKUP_DIR, else <HZ_DATA_DIR>/backups, keeping the newest HZ_BACKUP_KEEP. Safe while the bot
// runs. How to restore it, and how to back up PostgreSQL, is in docs/database.md.
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from './config.ts';
import type { CliOutput } from './export-cli.ts';
import { backupSqlite } from '../db/backup.ts';

/** `npm run backup` with its arguments and environment; returns the exit code. */
export async function backupCli(argv: string[], env: NodeJS.ProcessEnv = process.env, console: CliOutput = globalThis.console): Promise<number> {
  const config = loadConfig(env);
  if (config.databaseUrl) {
    console.error('数据库在 PostgreSQL 上（HZ_DATABASE_URL）：请用 pg_dump 备份（证据文件也在数据库中，一并备份），见 docs/database.md。');
    return 2;
  }
  if (!existsSync(config.dbFile)) {
    console.error(`数据库 ${config.dbFile} 不存在（可用 HZ_DB 指定）。`);
    return 1;
  }
  const dir = argv.find((a) => !a.startsWith('-')) ?? config.backup.dir ?? join(config.dataDir, 'backups');
  const connection = new BetterSqlite3(config.dbFile, { timeout: 5000 });
  try {
    const result = await backupSqlite(connection, dir, new Date(), config.backup.keep);
    console.log(`已备份到 ${result.file}（${(result.bytes / 1024 / 1024).toFixed(1)} MB，完整性检查通过）${result.removed.length > 0 ? `，删除了 ${result.removed.length} 个旧备份` : ''}`);
    console.log(`证据文件不在数据库文件里：请把 ${join(config.dataDir, 'evidence')} 一并复制（文件按内容命名，只增不改，可增量同步）。`);
    return 0;
  } finally {
    connection.close();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) process.exitCode = await backupCli(process.argv.slice(2));
