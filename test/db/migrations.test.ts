import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySqliteMigrations, FailedMigrationError, postgresMigrationsDir, readMigrations } from '../../src/db/migrate.ts';
import {
  applyPendingMigrations,
  diffMigrationScript,
  diffPostgresSchemas,
  listMigrations,
  migrationsDir,
  schemaPath,
  snapshotPath,
} from '../../src/db/schema-engine.ts';

/** Every table, index and column definition of an SQLite file, except the migrations table's rows. */
function schemaOf(file: string): Array<{ type: string; name: string; sql: string | null }> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ type: string; name: string; sql: string | null }>;
  } finally {
    db.close();
  }
}

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
    firstApply = applySqliteMigrations(dbFile);
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

  it('applies nothing the second time', () => {
    expect(applySqliteMigrations(dbFile)).toEqual([]);
  });

  it('records them so that Prisma Migrate agrees: its engine finds nothing to apply', async () => {
    expect(await applyPendingMigrations(dbFile)).toEqual([]);
  });

  it('builds the same tables as Prisma Migrate, also when continuing a database part-way', async () => {
    const byEngine = join(dir, 'engine.db');
    const [first] = listMigrations();
    await applyPendingMigrations(byEngine);
    const engineSchema = schemaOf(byEngine);
    const partial = join(dir, 'partial.db');
    applySqliteMigrations(partial, readMigrations().filter((m) => m.name === first));
    expect(applySqliteMigrations(partial)).toEqual(listMigrations().slice(1));
    expect(schemaOf(partial)).toEqual(engineSchema);
    expect(schemaOf(dbFile)).toEqual(engineSchema);
  });

  it('applies a failing migration not at all and says which one failed', () => {
    const file = join(dir, 'failing.db');
    const broken = [...readMigrations(), { name: '29990101000000_broken', sql: 'CREATE TABLE "X" ("id" INTEGER);\nNOT SQL;', checksum: '0' }];
    expect(() => applySqliteMigrations(file, broken)).toThrow(/syntax error/);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'X'").get()).toBeUndefined();
      expect((db.prepare('SELECT migration_name AS n FROM _prisma_migrations').all() as Array<{ n: string }>).map((r) => r.n)).toEqual(listMigrations());
    } finally {
      db.close();
    }
  });

  it('refuses to start over a migration Prisma Migrate recorded as failed', () => {
    const file = join(dir, 'failed.db');
    applySqliteMigrations(file);
    const db = new Database(file);
    db.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, applied_steps_count) VALUES ('x', '0', '29990101000000_half', 0)").run();
    db.close();
    expect(() => applySqliteMigrations(file)).toThrow(FailedMigrationError);
  });

  it('matches schema.prisma (no pending schema change)', async () => {
    expect(await diffMigrationScript()).toBe('');
  });

  it('has a PostgreSQL history in step with schema.prisma too (npm run db:migrate writes both)', async () => {
    // the snapshot is the schema the last migrations were written from: equal means nothing pending
    expect(await diffPostgresSchemas(readFileSync(snapshotPath, 'utf8'), readFileSync(schemaPath, 'utf8'))).toBe('');
    expect(readMigrations(postgresMigrationsDir).length).toBeGreaterThan(0);
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
});
