import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore, inTransaction } from '../../src/db/store.ts';
import { freshLedger } from '../helpers/database.ts';

// #13: a file an outbox message sends (导出台账, 整改报告) is kept in the database with it, so any
// instance can send it: written in the message's transaction, read only to send it, then dropped.
const now = new Date('2026-12-01T01:00:00Z');
// the size of a 整改报告 with its photos embedded, at the limit
const REPORT = randomBytes(15 * 1024 * 1024);
const reply = (file: OutgoingMessage['file'], dedupeKey?: string): OutgoingMessage => ({
  kind: 'reply', groupId: null, personId: 1, text: '已导出台账', mentions: [], ...(file ? { file } : {}), ...(dedupeKey ? { dedupeKey } : {}),
});

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-outbox-files-'));
  const target = await freshLedger(dir);
  db = await openDatabase({ url: target.databaseUrl, file: target.dbFile });
});
afterEach(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('the outbox keeps the files it sends', () => {
  it('writes a 15 MB file with its message, names it in the entry without its bytes, gives the bytes back whole, and drops them', async () => {
    await inTransaction(db, (store) => store.outbox.enqueue(reply({ name: '整改报告-QD-0001-20261201-090000.xlsx', data: REPORT }), now));
    const outbox = createStore(db).outbox;
    const [entry] = await outbox.due(now);
    expect(entry?.extra).toEqual({ file: '整改报告-QD-0001-20261201-090000.xlsx' });
    expect(entry).not.toHaveProperty('file');
    expect(await outbox.fileTotals()).toEqual({ files: 1, bytes: REPORT.length });
    expect((await outbox.fileBytes(entry!.id))?.equals(REPORT)).toBe(true);

    await inTransaction(db, async (store) => {
      await store.outbox.markSent([entry!.id], now);
      await store.outbox.dropFiles([entry!.id]);
    });
    expect(await outbox.fileBytes(entry!.id)).toBeNull();
    expect(await outbox.fileTotals()).toEqual({ files: 0, bytes: 0 });
  });

  it('keeps neither the message nor its bytes when the transaction that wrote them fails', async () => {
    await expect(inTransaction(db, async (store) => {
      await store.outbox.enqueue(reply({ name: '台账.xlsx', data: Buffer.from('xlsx') }), now);
      throw new Error('the command failed after replying');
    })).rejects.toThrow('the command failed');
    const outbox = createStore(db).outbox;
    expect(await outbox.due(now)).toEqual([]);
    expect(await outbox.fileTotals()).toEqual({ files: 0, bytes: 0 });
  });

  it('writes no second copy for a message whose dedupe key was used before', async () => {
    const file = { name: '台账.xlsx', data: Buffer.from('first') };
    expect(await inTransaction(db, (store) => store.outbox.enqueue(reply(file, 'export:1'), now))).toBe(true);
    expect(await inTransaction(db, (store) => store.outbox.enqueue(reply({ ...file, data: Buffer.from('second') }, 'export:1'), now))).toBe(false);
    const outbox = createStore(db).outbox;
    const [entry] = await outbox.due(now);
    expect((await outbox.fileBytes(entry!.id))?.toString()).toBe('first');
    expect(await outbox.fileTotals()).toEqual({ files: 1, bytes: 5 });
  });

  it('writes a message without a file as before: no bytes row', async () => {
    await inTransaction(db, (store) => store.outbox.enqueue(reply(undefined), now));
    const outbox = createStore(db).outbox;
    const [entry] = await outbox.due(now);
    expect(entry?.extra).toEqual({});
    expect(await outbox.fileBytes(entry!.id)).toBeNull();
    expect(await outbox.fileTotals()).toEqual({ files: 0, bytes: 0 });
  });
});
