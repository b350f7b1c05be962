import { existsSync } from 'node:fs';
import { DatabaseInUseError } from '../db/process-lock.ts';
import { cliTexts } from '../i18n/cli-texts.ts';
import { UserError } from '../core/user-error.ts';

/** HZ_DEBUG=1 (or true/yes): print the stack behind a message, for whoever maintains the bot. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.HZ_DEBUG ?? '');
}

/** SQLite's error code, also when a driver or Prisma wrapped the error (`cause`, or only its text). */
function sqliteCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  const inText = /\bSQLITE_[A-Z_]+\b/.exec(String((error as { message?: unknown }).message ?? ''))?.[0];
  if (inText) return inText;
  return sqliteCode((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * What an error means to the person at the keyboard: Chinese lines, each naming the file and the
 * fix. `dbFile` is the database the tool was pointed at, named when SQLite refuses it.
 */
export function explainError(error: unknown, dbFile = process.env.HZ_DB ?? 'data/hazard-zero.db'): string {
  if (error instanceof DatabaseInUseError) return error.message.split('\n')[0] ?? error.message;
  if (error instanceof UserError) return error.message;
  const sqlite = sqliteCode(error);
  if (sqlite === 'SQLITE_NOTADB' || sqlite === 'SQLITE_CORRUPT') return cliTexts.notADatabase(dbFile);
  if (sqlite === 'SQLITE_BUSY' || sqlite === 'SQLITE_LOCKED') return cliTexts.databaseBusy(dbFile);
  if (sqlite === 'SQLITE_CANTOPEN') return cliTexts.cannotOpen(dbFile);
  if (sqlite === 'SQLITE_READONLY') return cliTexts.noPermission(dbFile);
  if (sqlite === 'SQLITE_FULL') return cliTexts.diskFull(dbFile);
  const e = error as NodeJS.ErrnoException & { code?: unknown };
  const path = typeof e?.path === 'string' ? e.path : null;
  if (path && e.code === 'ENOENT') return cliTexts.fileMissing(path);
  if (path && (e.code === 'EACCES' || e.code === 'EPERM')) return cliTexts.noPermission(path);
  if (path && e.code === 'EISDIR') return cliTexts.isFolder(path);
  if (path && e.code === 'ENOSPC') return cliTexts.diskFull(path);
  const message = error instanceof Error ? error.message : String(error);
  return cliTexts.unexpected(message.split('\n').find((l) => l.trim() !== '')?.trim() ?? (error instanceof Error ? error.name : '未知错误'));
}

/**
 * Reads `.env` from the current folder when there is one, as `npm start` does, so a tool works on the
 * same database as the bot; variables already set win over it.
 */
export function loadDotEnv(): void {
  if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env');
}

/**
 * Runs a command-line tool: its exit code, or for an error one Chinese line per problem on stderr
 * and exit code 1. A stack only with HZ_DEBUG=1: a user's mistake is not a crash.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  const argv = process.argv.slice(2);
  // a bot's SDK or pool may keep a timer alive after the work is done: exit explicitly
  Promise.resolve().then(() => {
    loadDotEnv();
    return main(argv);
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const dbAt = argv.indexOf('--db');
      console.error(explainError(error, (dbAt !== -1 ? argv[dbAt + 1] : undefined) ?? process.env.HZ_DB));
      if (debugEnabled()) console.error(error);
      process.exit(1);
    },
  );
}
