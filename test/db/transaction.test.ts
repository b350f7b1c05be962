import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openSqlite, sqliteConnection, transaction, type Db } from '../../src/db/database.ts';
import { freshDatabase } from '../helpers/database.ts';

// A message's writes land together or not at all, and the next message's transaction waits.
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-tx-'));
  db = await openSqlite(freshDatabase(join(dir, 'ledger.db')));
});
afterEach(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const stamp = '2026-12-01T01:00:00.000+00:00';
const unitNames = async () => (await db.selectFrom('Unit').select('name').orderBy('name').execute()).map((u) => u.name);
const addUnit = (tx: Db, name: string) => tx.insertInto('Unit').values({ name, kind: 'enterprise', createdAt: stamp }).execute();

describe('one transaction per message', () => {
  it('commits every write together', async () => {
    await transaction(db, async (tx) => {
      await addUnit(tx, '应急管理局');
      await addUnit(tx, '红星化工');
    });
    expect(await unitNames()).toEqual(['应急管理局', '红星化工'].sort());
  });

  it('keeps none of them when anything fails, and the connection serves the next one', async () => {
    await expect(transaction(db, async (tx) => {
      await addUnit(tx, '红星化工');
      await addUnit(tx, '红星化工'); // the name is unique
    })).rejects.toThrow(/UNIQUE/);
    expect(await unitNames()).toEqual([]);
    expect(sqliteConnection(db).inTransaction).toBe(false);
    await transaction(db, (tx) => addUnit(tx, '蓝天物流'));
    expect(await unitNames()).toEqual(['蓝天物流']);
  });

  it('takes the write lock at BEGIN (IMMEDIATE), and runs the next transaction after this one', async () => {
    const order: string[] = [];
    const first = transaction(db, async (tx) => {
      // another connection cannot write while the transaction holds the lock, even before its first write
      const other = (await import('better-sqlite3')).default;
      const reader = new other(join(dir, 'ledger.db'), { timeout: 0 });
      expect(() => reader.prepare("INSERT INTO Counter (name, value) VALUES ('x', 1)").run()).toThrow(/locked|busy/i);
      reader.close();
      await addUnit(tx, '甲');
      order.push('first');
    });
    const second = transaction(db, async (tx) => {
      await addUnit(tx, '乙');
      order.push('second');
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('runs in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const connection = sqliteConnection(db);
    expect(connection.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connection.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(connection.pragma('foreign_keys', { simple: true })).toBe(1);
    await expect(sql`INSERT INTO "HazardEvent" ("hazardId", "type", "at") VALUES (999, 'progress', ${stamp})`.execute(db)).rejects.toThrow(/FOREIGN KEY/);
  });
});
