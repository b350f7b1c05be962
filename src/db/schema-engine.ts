// Migrations run on Prisma's schema engine compiled to WebAssembly, driven through the
// better-sqlite3 driver adapter: the native engine binary cannot be downloaded on our hosts.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as Wasm from '@prisma/schema-engine-wasm/schema_engine_bg';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Absolute path of the Prisma schema. */
export const schemaPath = join(repoRoot, 'prisma', 'schema.prisma');
/** Absolute path of the SQLite migrations folder (the history the WASM engine can replay here). */
export const migrationsDir = join(repoRoot, 'prisma', 'migrations', 'sqlite');
/** Absolute path of the PostgreSQL migrations folder. */
export const postgresMigrationsDir = join(repoRoot, 'prisma', 'migrations', 'postgresql');
/**
 * The schema as it was when the last migrations were written: the PostgreSQL history's next
 * migration is the difference between it and the current schema (diffing two schemas needs no
 * server; replaying a PostgreSQL history would).
 */
export const snapshotPath = join(repoRoot, 'prisma', 'migrations', 'schema.snapshot.prisma');

/** The schema text with its datasource provider swapped (the schema keeps no @db.* attributes, so nothing else changes). */
export function schemaFor(provider: 'sqlite' | 'postgresql', text: string): string {
  return text.replace(/(datasource db \{[^}]*provider\s*=\s*)"[a-z]+"/, `$1"${provider}"`);
}

const LOCKFILE = 'migration_lock.toml';
const noFilters: Wasm.SchemaFilter = { externalTables: [], externalEnums: [] };

// The project's libs (ES2023, no DOM) and @types/node 20 do not declare WebAssembly.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loading: Promise<typeof Wasm> | undefined;

/**
 * Node 20 cannot `import` a .wasm file (the package's entry does), so instantiate the bytes
 * ourselves and hand the exports to the wasm-bindgen glue. Done once per process.
 */
function loadWasm(): Promise<typeof Wasm> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(gluePath)) as typeof Wasm;
    const bytes = readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return loading;
}

/**
 * A better-sqlite3 adapter factory shaped for the engine, plus a way to close what it opened.
 * Two mismatches between engine and adapter are bridged here:
 * - the engine runs each migration on the shadow database as one `executeRaw`, which
 *   better-sqlite3 refuses for more than one statement; such a script goes to `executeScript`;
 * - the engine sets `locking_mode=EXCLUSIVE` and `free()` does not close its connections, so the
 *   file stays locked until we dispose of them.
 */
function adapterFactory(url: string): { factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> } {
  const inner = new PrismaBetterSqlite3({ url });
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.push(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        const multiple = error instanceof RangeError && error.message.includes('more than one statement');
        if (!multiple || query.args.length > 0) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => track(await inner.connect()),
    connectToShadowDb: async () => track(await inner.connectToShadowDb()),
  };
  const close = async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
  };
  return { factory, close };
}

/** Runs `fn` on an engine connected to `url` (a shadow database is opened in memory when needed). */
async function withEngine<T>(url: string, fn: (engine: Wasm.SchemaEngine) => Promise<T>, schema = readFileSync(schemaPath, 'utf8')): Promise<T> {
  const { SchemaEngine } = await loadWasm();
  const { factory, close } = adapterFactory(url);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const datamodels: [string, string][] = [[schemaPath, schema]];
  try {
    const engine = await SchemaEngine.new({ datamodels }, () => {}, adapter);
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw engineError(error, adapter.errorRegistry);
  } finally {
    await close();
  }
}

/**
 * Engine errors name a failing driver call only as "External error id#N"; put the driver's own
 * message (e.g. the SQL error in a migration) into the error we throw.
 */
function engineError(error: unknown, registry: ErrorRegistry): Error {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  let text = typeof message === 'string' ? message : String(error);
  text = text.replace(/External error id#(\d+)/g, (whole, id: string) => {
    const cause = registry.consumeError(Number(id))?.error;
    return cause instanceof Error ? `${whole}: ${cause.message}` : whole;
  });
  // The adapter reports SQLITE_BUSY as a kind this engine build cannot decode.
  if (text.includes('unknown variant `SocketTimeout`')) text = `database is locked (SQLITE_BUSY). ${text}`;
  return new Error(typeof code === 'string' ? `Schema engine ${code}: ${text}` : `Schema engine: ${text}`, {
    cause: error,
  });
}

/** Reads the migrations folder the way `prisma migrate` does (directories sorted by name). */
function readMigrationsList(): Wasm.MigrationList {
  let lockContent: string | null = null;
  try {
    lockContent = readFileSync(join(migrationsDir, LOCKFILE), 'utf8');
  } catch {
    // No lockfile yet: the engine accepts that.
  }
  let entries: string[] = [];
  try {
    entries = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort((a, b) => a.localeCompare(b));
  } catch {
    // No migrations folder yet.
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: entries.map((name) => {
      let content: Wasm.JsResult<string, string>;
      try {
        content = { tag: 'ok', value: readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8') };
      } catch (error) {
        content = { tag: 'error', value: (error as Error).message };
      }
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  };
}

/** Names of the migration directories in `prisma/migrations`, in apply order. */
export function listMigrations(): string[] {
  return readMigrationsList().migrationDirectories.map((d) => d.path);
}

/**
 * The SQL that takes a database built from the migrations in `prisma/migrations` to the current
 * `prisma/schema.prisma`; an empty string when they already match.
 */
export async function diffMigrationScript(): Promise<string> {
  const migrations = readMigrationsList();
  // The engine wants migration_lock.toml to read a migrations folder; with no migrations yet,
  // diffing from an empty database is the same thing.
  const from: Wasm.DiffTarget =
    migrations.migrationDirectories.length === 0 ? { tag: 'empty' } : { tag: 'migrations', ...migrations };
  const schema = { path: schemaPath, content: readFileSync(schemaPath, 'utf8') };
  const to: Wasm.DiffTarget = { tag: 'schemaDatamodel', files: [schema] };
  const result = await withEngine(':memory:', (engine) =>
    engine.diff({ from, to, script: true, exitCode: null, filters: noFilters }),
  );
  const script = result.stdout ?? '';
  // An empty diff still comes back as the engine's "-- This is an empty migration." comment.
  const statements = script.replace(/^--.*$/gm, '').trim();
  return statements === '' ? '' : script;
}

/**
 * True when `_prisma_migrations` already records every migration as finished. Checked with a
 * plain read so that an up-to-date start never loads the WASM engine (about 70 MB and 0.3 s).
 */
function allApplied(dbFile: string, names: readonly string[]): boolean {
  if (!existsSync(dbFile)) return false;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db.prepare('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as Array<{ name: string }>;
    const applied = new Set(rows.map((r) => r.name));
    return names.every((n) => applied.has(n));
  } finally {
    db.close();
  }
}

/**
 * Applies every migration in `prisma/migrations` not yet applied to the SQLite file `dbFile`
 * (created if missing), recording each in `_prisma_migrations` as `prisma migrate deploy` does.
 * Returns the names of the migrations applied now, in order.
 */
export async function applyPendingMigrations(dbFile: string): Promise<string[]> {
  mkdirSync(dirname(dbFile), { recursive: true });
  const migrationsList = readMigrationsList();
  if (allApplied(dbFile, migrationsList.migrationDirectories.map((d) => d.path))) return [];
  const { appliedMigrationNames } = await withEngine(`file:${dbFile}`, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return appliedMigrationNames;
}

/**
 * The SQL that takes a PostgreSQL database with schema `from` (null: empty) to schema `to`, from
 * the two schema texts alone; '' when they match.
 */
export async function diffPostgresSchemas(from: string | null, to: string): Promise<string> {
  const toPg = schemaFor('postgresql', to);
  const target = (content: string): Wasm.DiffTarget => ({ tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] });
  const result = await withEngine(':memory:', (engine) =>
    engine.diff({ from: from === null ? { tag: 'empty' } : target(schemaFor('postgresql', from)), to: target(toPg), script: true, exitCode: null, filters: noFilters }),
  toPg);
  const script = result.stdout ?? '';
  return script.replace(/^--.*$/gm, '').trim() === '' ? '' : script;
}
