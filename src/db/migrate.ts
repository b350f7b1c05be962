// Applies the migration SQL in prisma/migrations at start, without Prisma's schema engine: the
// engine (WebAssembly, ~70 MB and ~1 s per fresh database) is only needed to *write* migrations
// (`npm run db:migrate`). Each migration is recorded in `_prisma_migrations` exactly as
// `prisma migrate deploy` records it, so Prisma's own tools agree about what is applied.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';

/** The migrations folder of the SQLite history. */
export const sqliteMigrationsDir = fileURLToPath(new URL('../../prisma/migrations/sqlite', import.meta.url));
/** The migrations folder of the PostgreSQL history, generated from the same schema (npm run db:migrate). */
export const postgresMigrationsDir = fileURLToPath(new URL('../../prisma/migrations/postgresql', import.meta.url));

/** One migration directory: its name (the apply order) and its script. */
export interface Migration {
  name: string;
  sql: string;
  /** lowercase hex SHA-256 of migration.sql, as Prisma Migrate computes it */
  checksum: string;
}

/** A migration that failed before (Prisma's P3009): a person must look before anything else runs. */
export class FailedMigrationError extends Error {}

/** The migration directories of `dir`, sorted by name as Prisma Migrate sorts them. */
export function readMigrations(dir: string = sqliteMigrationsDir): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

// The table exactly as the schema engine creates it on SQLite.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** A time as the engine writes it into `_prisma_migrations` on SQLite. */
function engineTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/**
 * Applies every migration not yet recorded as finished to the SQLite file `file` (created if
 * missing) and returns their names, in order. Each runs in its own `BEGIN IMMEDIATE` transaction
 * together with its `_prisma_migrations` row, so a crash leaves it wholly applied or not at all
 * (the engine itself runs SQLite scripts outside a transaction). Prisma's table-rebuild scripts
 * switch `foreign_keys` off and on, which SQLite ignores inside a transaction: the runner switches
 * it off around the transaction instead and checks the keys before committing.
 */
export function applySqliteMigrations(file: string, migrations: readonly Migration[] = readMigrations()): string[] {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  try {
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const rows = db.prepare('SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations').all() as Array<{ name: string; finished: string | null; rolledBack: string | null }>;
    const failed = rows.find((row) => row.finished === null && row.rolledBack === null);
    if (failed) {
      throw new FailedMigrationError(`migration ${failed.name} failed earlier in ${file}: fix the database, then mark it with \`prisma migrate resolve\` (docs/database.md)`);
    }
    const applied = new Set(rows.filter((row) => row.rolledBack === null).map((row) => row.name));
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      db.pragma('foreign_keys = OFF');
      try {
        db.transaction(() => {
          const startedAt = engineTime(new Date());
          db.exec(migration.sql);
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${migration.name} leaves ${broken.length} broken foreign keys`);
          db.prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
            VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`).run(randomUUID(), migration.checksum, engineTime(new Date()), migration.name, startedAt);
        }).immediate();
      } finally {
        db.pragma('foreign_keys = ON');
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    db.close();
  }
}

// The table exactly as the schema engine creates it on PostgreSQL.
const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
/** Prisma Migrate's own advisory lock key: our runner and `prisma migrate` never run at once. */
const MIGRATE_LOCK = 72707369;

/**
 * Applies every migration of the PostgreSQL history not yet recorded as finished to the
 * database at `url`, each in its own transaction with its `_prisma_migrations` row, under Prisma
 * Migrate's advisory lock (several bots starting together migrate once). Returns their names.
 */
export async function applyPostgresMigrations(url: string, migrations: readonly Migration[] = readMigrations(postgresMigrationsDir)): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ name: string; finished: Date | null; rolledBack: Date | null }>(
      'SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS "rolledBack" FROM _prisma_migrations');
    const failed = rows.find((row) => row.finished === null && row.rolledBack === null);
    if (failed) {
      throw new FailedMigrationError(`migration ${failed.name} failed earlier: fix the database, then mark it with \`prisma migrate resolve\` (docs/database.md)`);
    }
    const applied = new Set(rows.filter((row) => row.rolledBack === null).map((row) => row.name));
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await client.query('BEGIN');
      try {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
          VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`, [randomUUID(), migration.checksum, migration.name, startedAt]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}
