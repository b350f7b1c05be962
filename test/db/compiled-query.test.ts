import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/db/compiled-query.ts';
import { closeDatabase, openDatabase, transaction, type Db } from '../../src/db/database.ts';
import { freshLedger } from '../helpers/database.ts';

// A hot query compiled once runs with each call's values, on the database or a transaction, on both providers.
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-compiled-'));
  const target = await freshLedger(dir);
  db = await openDatabase({ url: target.databaseUrl, file: target.dbFile });
  const createdAt = '2026-12-01T01:00:00.000+00:00';
  await db.insertInto('Unit').values([
    { name: '红星化工', kind: 'enterprise', createdAt },
    { name: '蓝天物流', kind: 'enterprise', createdAt },
    { name: '应急管理局', kind: 'department', createdAt },
  ]).execute();
});
afterEach(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const byKindAndName = compiledOnce((on: Db, name: string, kind: string) =>
  on.selectFrom('Unit').select(['name', 'kind']).where('kind', '=', kind).where('name', '!=', name).where('blacklisted', '=', 0).orderBy('id'));

describe('compiledOnce', () => {
  it('runs the query with each call’s values, constants kept', async () => {
    expect((await byKindAndName(db, '红星化工', 'enterprise')).rows).toEqual([{ name: '蓝天物流', kind: 'enterprise' }]);
    expect((await byKindAndName(db, '蓝天物流', 'enterprise')).rows).toEqual([{ name: '红星化工', kind: 'enterprise' }]);
    expect((await byKindAndName(db, '红星化工', 'department')).rows).toEqual([{ name: '应急管理局', kind: 'department' }]);
  });

  it('runs inside a transaction, on its connection', async () => {
    const rows = await transaction(db, async (tx) => {
      await tx.insertInto('Unit').values({ name: '实验小学', kind: 'other', createdAt: '2026-12-01T01:00:00.000+00:00' }).execute();
      return (await byKindAndName(tx, '', 'other')).rows;
    });
    expect(rows).toEqual([{ name: '实验小学', kind: 'other' }]);
  });

  it('refuses a query that changes an argument instead of binding it', async () => {
    const changed = compiledOnce((on: Db, name: string) => on.selectFrom('Unit').select('id').where('name', '=', name.slice(1)));
    const twice = compiledOnce((on: Db, name: string) => on.selectFrom('Unit').select('id').where('name', '=', name).where('sector', '=', name));
    expect(() => changed(db, '红星化工')).toThrow(/each argument must appear in the query once/);
    expect(() => twice(db, '红星化工')).toThrow(/each argument must appear in the query once/);
  });
});
