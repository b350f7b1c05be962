import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore, inTransaction } from '../../src/db/store.ts';
import { freshLedger } from '../helpers/database.ts';

// The drafts repository keeps the row it read or wrote for each slot within its store (one
// transaction): what the same transaction wrote must show at once, and the next transaction must
// read the table again.
const now = new Date('2026-12-01T01:00:00Z');
const later = new Date('2026-12-01T01:30:00Z');
const draft = (command: string) => ({ groupId: 1, personId: 2, command, fields: { text: command }, missing: 'code', expiresAt: later });

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-drafts-'));
  const target = await freshLedger(dir);
  db = await openDatabase({ url: target.databaseUrl, file: target.dbFile });
});
afterEach(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('drafts within one transaction and across transactions', () => {
  it('gives back what the same transaction saved or removed, after reading it once', async () => {
    await inTransaction(db, async (store) => {
      expect(await store.drafts.get(1, 2, now)).toBeNull();
      await store.drafts.save(draft('登记隐患'));
      expect(await store.drafts.get(1, 2, now)).toMatchObject({ command: '登记隐患', fields: { text: '登记隐患' }, missing: 'code' });
      await store.drafts.save(draft('选择编号'));
      expect((await store.drafts.get(1, 2, now))?.command).toBe('选择编号');
      expect(await store.drafts.remove(1, 2, now)).toBe(true);
      expect(await store.drafts.get(1, 2, now)).toBeNull();
      expect(await store.drafts.remove(1, 2, now)).toBe(false);
    });
  });

  it('reads the table again in the next transaction, whoever wrote it meanwhile', async () => {
    await inTransaction(db, async (store) => expect(await store.drafts.get(1, 2, now)).toBeNull());
    await inTransaction(db, (store) => store.drafts.save(draft('登记隐患')));
    await inTransaction(db, async (store) => expect((await store.drafts.get(1, 2, now))?.command).toBe('登记隐患'));
    await inTransaction(db, (store) => store.drafts.remove(1, 2, now));
    await inTransaction(db, async (store) => expect(await store.drafts.get(1, 2, now)).toBeNull());
  });

  it('keeps an expired draft out of get until takeExpired hands it over and removes it', async () => {
    await inTransaction(db, (store) => store.drafts.save(draft('登记隐患')));
    await inTransaction(db, async (store) => {
      expect(await store.drafts.get(1, 2, later)).toBeNull();
      expect((await store.drafts.takeExpired(1, 2, later))?.command).toBe('登记隐患');
      expect(await store.drafts.takeExpired(1, 2, later)).toBeNull();
      expect(await store.drafts.get(1, 2, now)).toBeNull();
    });
    expect(await createStore(db).drafts.get(1, 2, now)).toBeNull();
  });
});
