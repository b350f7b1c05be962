import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, freshLedger, testProvider } from '../helpers/database.ts';

// The two migration histories come from one schema by a script; this checks that what they
// build agrees: the same tables, columns, nullability and unique indexes on both databases.
describe.runIf(testProvider() === 'postgresql')('the PostgreSQL history', () => {
  it('builds the tables the SQLite history builds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-schema-'));
    const ledger = await freshLedger(dir);
    const client = new pg.Client({ connectionString: ledger.databaseUrl ?? '' });
    await client.connect();
    const columns = (await client.query<{ t: string; c: string; nullable: string }>(`SELECT table_name AS t, column_name AS c, is_nullable AS nullable
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`)).rows
      .map((r) => `${r.t}.${r.c}${r.nullable === 'YES' ? '?' : ''}`);
    const uniques = (await client.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
      AND indexdef LIKE 'CREATE UNIQUE%' AND indexname NOT LIKE '%_pkey' ORDER BY 1`)).rows.map((r) => r.name);
    await client.end();

    const file = freshDatabase(join(dir, 'sqlite.db'));
    const db = new Database(file, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as Array<{ name: string }>).map((r) => r.name);
    const sqliteColumns = tables.flatMap((t) => (db.pragma(`table_info("${t}")`) as Array<{ name: string; notnull: number; pk: number }>)
      .map((c) => `${t}.${c.name}${c.notnull || c.pk ? '' : '?'}`)).sort();
    const sqliteUniques = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    db.close();

    expect(columns.sort()).toEqual(sqliteColumns);
    expect(uniques).toEqual(sqliteUniques);
  });
});
