import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/db/generated/client.ts';
import {
  applyPendingMigrations,
  diffMigrationScript,
  listMigrations,
  migrationsDir,
} from '../../src/db/schema-engine.ts';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  applied_steps_count: number;
}

describe('migrations', () => {
  let dir: string;
  let dbFile: string;
  let firstApply: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hazard-zero-migrations-'));
    dbFile = join(dir, 'test.db');
    firstApply = await applyPendingMigrations(dbFile);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration directory once, recorded as prisma migrate deploy does', () => {
    const names = listMigrations();
    expect(names.length).toBeGreaterThan(0);
    expect(firstApply).toEqual(names);

    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name')
        .all() as MigrationRow[];
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
        const sql = readFileSync(join(migrationsDir, row.migration_name, 'migration.sql'));
        expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      }
    } finally {
      db.close();
    }
  });

  it('applies nothing the second time', async () => {
    expect(await applyPendingMigrations(dbFile)).toEqual([]);
  });

  it('matches schema.prisma (no pending schema change)', async () => {
    expect(await diffMigrationScript()).toBe('');
  });

  it('creates the ledger tables', () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      );
      expect(tables).toEqual(
        expect.arrayContaining([
          'Unit',
          'Person',
          'Group',
          'Hazard',
          'HazardEvent',
          'Attachment',
          'ProcessedMessage',
          'PendingDraft',
          'OutboxMessage',
          'JobRun',
          'Reinspection',
          'CreditListEntry',
          'Counter',
          '_prisma_migrations',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('serves the generated Prisma client', async () => {
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${dbFile}` }) });
    try {
      const created = await prisma.unit.create({ data: { name: '开发区管委会', kind: 'park' } });
      const found = await prisma.unit.findUnique({ where: { id: created.id } });
      expect(found).toMatchObject({ name: '开发区管委会', kind: 'park', blacklisted: false, supervisorId: null });
      expect(found?.createdAt).toBeInstanceOf(Date);
    } finally {
      await prisma.$disconnect();
    }
  });
});
