// Online backups of the SQLite ledger: a consistent copy taken while the bot runs, checked, kept
// a number of days. (PostgreSQL is backed up with its own tools: docs/database.md.)
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** What one backup run did. */
export interface BackupResult {
  /** the checked copy */
  file: string;
  bytes: number;
  /** older copies removed to keep the count */
  removed: string[];
}

/** A copy that failed `PRAGMA integrity_check`: kept aside, never counted as a backup. */
export class BackupCheckError extends Error {}

const PREFIX = 'hazard-zero-';
const NAME = /^hazard-zero-\d{8}-\d{6}\.db$/;

/** `hazard-zero-YYYYMMDD-HHMMSS.db` in UTC: names sort in time order. */
export function backupName(at: Date): string {
  return `${PREFIX}${at.toISOString().replace(/\D/g, '').slice(0, 8)}-${at.toISOString().replace(/\D/g, '').slice(8, 14)}.db`;
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => NAME.test(name)).sort().map((name) => join(dir, name));
}

/**
 * Copies the database behind `connection` into `dir` with SQLite's online backup API (the bot
 * keeps answering meanwhile; writes made during the copy on this connection are carried into it,
 * so the copy is one consistent moment), checks the copy with `PRAGMA integrity_check`, and then
 * removes the oldest backups beyond `keep`. The copy is written under a temporary name and renamed
 * only once checked: a file named like a backup is always a good one.
 */
export async function backupSqlite(connection: BetterSqlite3.Database, dir: string, at: Date, keep: number): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupName(at));
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // a few hundred pages per step: other statements on the connection run between the steps
  await connection.backup(partial, { progress: () => 256 });
  const copy = new BetterSqlite3(partial);
  let bytes: number;
  try {
    // a self-contained file: the copy's WAL, if any, folded in
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupCheckError(`backup ${partial} failed integrity_check: ${String(integrity)}`);
    const pages = copy.pragma('page_count', { simple: true }) as number;
    const size = copy.pragma('page_size', { simple: true }) as number;
    bytes = pages * size;
  } finally {
    copy.close();
  }
  renameSync(partial, file);
  const all = listBackups(dir);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const old of removed) rmSync(old, { force: true });
  return { file, bytes, removed };
}
