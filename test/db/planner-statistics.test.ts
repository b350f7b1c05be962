import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, sqliteConnection, type Db } from '../../src/db/database.ts';
import { freshDatabase } from '../helpers/database.ts';

// SQLite's planner statistics after opening: row counts (sqlite_stat1) for every index, STAT4
// samples only for indexes whose keys repeat. With samples of a unique index, a lookup by code or
// name would be planned again on every run.
let dir: string;
let file: string;
let db: Db | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hz-planner-statistics-'));
  file = freshDatabase(join(dir, 'ledger.db'));
  const raw = new BetterSqlite3(file);
  const insert = raw.prepare("INSERT INTO \"Unit\" (name, kind, supervisorId) VALUES (?, 'enterprise', ?)");
  raw.transaction(() => {
    for (let i = 1; i <= 300; i++) insert.run(`企业${i}`, i > 10 ? (i % 10) + 1 : null);
  })();
  raw.close();
});
afterEach(async () => {
  if (db) await closeDatabase(db);
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

function statistics(on: Db) {
  const connection = sqliteConnection(on);
  const count = (table: string, idx: string) => (connection.prepare(`SELECT count(*) AS n FROM ${table} WHERE idx = ?`).get(idx) as { n: number }).n;
  const plan = (where: string, value: unknown) => (connection.prepare(`EXPLAIN QUERY PLAN SELECT id FROM "Unit" WHERE ${where}`).all(value) as Array<{ detail: string }>)
    .map((p) => p.detail).join('; ');
  return {
    byName: { stat1: count('sqlite_stat1', 'Unit_name_key'), stat4: count('sqlite_stat4', 'Unit_name_key'), plan: plan('name = ?', '企业3') },
    bySupervisor: { stat1: count('sqlite_stat1', 'Unit_supervisorId_idx'), stat4: count('sqlite_stat4', 'Unit_supervisorId_idx'), plan: plan('supervisorId = ?', 3) },
  };
}

function expectStatistics(on: Db): void {
  const { byName, bySupervisor } = statistics(on);
  expect(byName).toEqual({ stat1: 1, stat4: 0, plan: expect.stringContaining('INDEX Unit_name_key (name=?)') });
  expect(bySupervisor).toEqual({ stat1: 1, stat4: expect.any(Number), plan: expect.stringContaining('INDEX Unit_supervisorId_idx (supervisorId=?)') });
  expect(bySupervisor.stat4).toBeGreaterThan(0);
}

describe('planner statistics of an SQLite ledger', () => {
  it('analyses a ledger never analysed when it opens, keeping samples only where keys repeat', async () => {
    db = await openDatabase({ file });
    expectStatistics(db);
  });

  it('drops the samples of unique keys an earlier version gathered', async () => {
    const raw = new BetterSqlite3(file);
    raw.exec('ANALYZE');
    expect((raw.prepare("SELECT count(*) AS n FROM sqlite_stat4 WHERE idx = 'Unit_name_key'").get() as { n: number }).n).toBeGreaterThan(0);
    raw.close();
    db = await openDatabase({ file });
    expectStatistics(db);
  });
});
