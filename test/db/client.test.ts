import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { applySqliteMigrations } from '../../src/db/migrate.ts';

describe('the database connection', () => {
  it('runs every transaction in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-client-'));
    const file = join(dir, 'ledger.db');
    applySqliteMigrations(file);
    const db = await openDatabase(file);
    try {
      const settings = await db.$transaction(async (tx) => ({
        journal: await tx.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode'),
        synchronous: await tx.$queryRawUnsafe<Array<{ synchronous: bigint }>>('PRAGMA synchronous'),
        foreignKeys: await tx.$queryRawUnsafe<Array<{ foreign_keys: bigint }>>('PRAGMA foreign_keys'),
      }));
      expect(settings.journal[0]?.journal_mode).toBe('wal');
      expect(Number(settings.synchronous[0]?.synchronous)).toBe(2); // FULL
      expect(Number(settings.foreignKeys[0]?.foreign_keys)).toBe(1);
      await expect(db.hazardEvent.create({ data: { hazardId: 999, type: 'progress', at: new Date() } })).rejects.toThrow();
    } finally {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
