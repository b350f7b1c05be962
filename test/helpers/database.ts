import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import type { Provider } from '../../src/db/database.ts';
import { adminQuery, databaseUrl } from '../setup/postgres-server.ts';

/**
 * Puts a freshly migrated, empty SQLite ledger at `file` (a copy of the run's template, see
 * test/setup/database-templates.ts) and returns `file`. The bot finds nothing left to migrate.
 */
export function freshDatabase(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(inject('sqliteTemplate'), file);
  return file;
}

/** The provider this test file runs on: its vitest project's (vitest.config.ts). */
export function testProvider(): Provider {
  return process.env.HZ_TEST_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite';
}

let created = 0;

/**
 * A fresh, migrated, empty ledger for one bot, on the provider of this test run: an SQLite copy
 * at `dir`/test.db, or a new PostgreSQL database made from the migrated template. Returns what
 * the bot's config needs (`databaseUrl` null on SQLite).
 */
export async function freshLedger(dir: string): Promise<{ dbFile: string; databaseUrl: string | null }> {
  const dbFile = join(dir, 'test.db');
  if (testProvider() === 'sqlite') return { dbFile: freshDatabase(dbFile), databaseUrl: null };
  const admin = inject('postgresAdminUrl');
  if (!admin) throw new Error('no PostgreSQL test server: run the postgresql project (vitest.config.ts)');
  created += 1;
  const name = `hz_test_${process.pid}_${created}`;
  await adminQuery(admin, `CREATE DATABASE ${name} TEMPLATE hz_template`);
  return { dbFile, databaseUrl: databaseUrl(admin, name) };
}
