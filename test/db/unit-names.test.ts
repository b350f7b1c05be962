import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore, inTransaction } from '../../src/db/store.ts';
import { freshLedger } from '../helpers/database.ts';

// The unit names a registration is matched against are kept between messages: every change to
// the units must still show in the next read, whoever made it.
const at = new Date('2026-12-01T01:00:00Z');
const unit = (name: string) => ({ name, kind: 'enterprise' as const, supervisorId: null, sector: null });

let dir: string;
let target: { dbFile: string; databaseUrl: string | null };
let db: Db;
let other: Db | null = null;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-unit-names-'));
  target = await freshLedger(dir);
  db = await openDatabase({ url: target.databaseUrl, file: target.dbFile });
});
afterEach(async () => {
  if (other) await closeDatabase(other);
  other = null;
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const names = (on: Db) => createStore(on).roster.unitNames();

describe('unit names', () => {
  it('shows a unit added in a transaction, to that transaction and after it', async () => {
    await createStore(db).roster.upsertUnit(unit('红星化工'), at);
    expect(await names(db)).toEqual(['红星化工']);
    await inTransaction(db, async (store) => {
      await store.roster.upsertUnit(unit('蓝天物流'), at);
      expect(await store.roster.unitNames()).toEqual(['红星化工', '蓝天物流']);
    });
    expect(await names(db)).toEqual(['红星化工', '蓝天物流']);
  });

  it('forgets a unit whose transaction was rolled back, even when the next unit gets its id', async () => {
    await createStore(db).roster.upsertUnit(unit('红星化工'), at);
    await expect(inTransaction(db, async (store) => {
      await store.roster.upsertUnit(unit('临时单位'), at);
      expect(await store.roster.unitNames()).toEqual(['红星化工', '临时单位']);
      throw new Error('the message failed');
    })).rejects.toThrow('the message failed');
    await inTransaction(db, (store) => store.roster.upsertUnit(unit('蓝天物流'), at));
    expect(await names(db)).toEqual(['红星化工', '蓝天物流']);
  });

  it('shows a unit another connection added (a CLI, another instance)', async () => {
    await createStore(db).roster.upsertUnit(unit('红星化工'), at);
    expect(await names(db)).toEqual(['红星化工']);
    other = await openDatabase({ url: target.databaseUrl, file: target.dbFile });
    await createStore(other).roster.upsertUnit(unit('蓝天物流'), at);
    expect(await names(db)).toEqual(['红星化工', '蓝天物流']);
  });
});
