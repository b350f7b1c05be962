import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, rawTransaction, type Db } from '../../src/db/client.ts';
import { applySqliteMigrations } from '../../src/db/migrate.ts';

// A message's transaction is BEGIN IMMEDIATE/COMMIT on Prisma's own connection; a Prisma call
// that opens a transaction of its own inside it gets a savepoint (client.ts). That leans on how
// Prisma 7.10 ends its transactions, so these pin the behaviour an upgrade must keep.
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-rawtx-'));
  const file = join(dir, 'ledger.db');
  applySqliteMigrations(file);
  db = await openDatabase(file);
});
afterEach(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const unitNames = async () => (await db.unit.findMany({ orderBy: { name: 'asc' } })).map((u) => u.name);

describe('rawTransaction with Prisma inside', () => {
  it('commits plain and nested Prisma writes together', async () => {
    await rawTransaction(db, async () => {
      await db.unit.create({ data: { name: '应急管理局', kind: 'department' } });
      // a nested write: Prisma runs it as a transaction of its own, which becomes a savepoint
      await db.unit.create({ data: { name: '红星化工', kind: 'enterprise', people: { create: [{ name: '张伟', role: 'contact' }] } } });
      await db.counter.upsert({ where: { name: 'hazard' }, create: { name: 'hazard', value: 1 }, update: { value: { increment: 1 } } });
    });
    expect(await unitNames()).toEqual(['应急管理局', '红星化工']);
    expect(await db.person.count()).toBe(1);
    expect((await db.counter.findUnique({ where: { name: 'hazard' } }))?.value).toBe(1);
  });

  it('rolls back everything, nested writes included, when the message fails', async () => {
    await expect(rawTransaction(db, async () => {
      await db.unit.create({ data: { name: '红星化工', kind: 'enterprise', people: { create: [{ name: '张伟', role: 'contact' }] } } });
      throw new Error('the command failed');
    })).rejects.toThrow('the command failed');
    expect(await unitNames()).toEqual([]);
    expect(await db.person.count()).toBe(0);
  });

  it('rolls back only a failed nested write when the message carries on', async () => {
    await db.unit.create({ data: { name: '红星化工', kind: 'enterprise' } });
    await rawTransaction(db, async () => {
      // the unit name is taken: this nested write fails as a whole, its person included
      await expect(db.unit.create({ data: { name: '红星化工', kind: 'enterprise', people: { create: [{ name: '李强', role: 'contact' }] } } })).rejects.toThrow();
      await db.unit.create({ data: { name: '蓝天物流', kind: 'enterprise' } });
    });
    expect(await unitNames()).toEqual(['红星化工', '蓝天物流']);
    expect(await db.person.count()).toBe(0);
  });
});
