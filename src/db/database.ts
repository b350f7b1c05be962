// The one query layer: Kysely over better-sqlite3 (the default, a file next to the bot) or over
// pg (HZ_DATABASE_URL=postgresql://…), chosen at start. Repositories get a `Db` and never know
// which: the few dialect differences they meet are in dialect.ts.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { SqliteStatementCache } from './sqlite-statement-cache.ts';
import type { DB } from './tables.ts';

export type Provider = 'sqlite' | 'postgresql';

/** The database, or one transaction on it: what repositories run on. */
export type Db = Kysely<DB>;
/** Kept for readers of older code: a transaction is a `Db` too. */
export type DbTx = Db;

/** Durability of an SQLite commit; see openSqlite. */
export type SyncMode = 'normal' | 'full';

/** Where the ledger lives: an SQLite file, or a PostgreSQL server when `url` is set. */
export interface DatabaseTarget {
  /** postgresql://user:password@host:port/database; null or absent: SQLite at `file` */
  url?: string | null;
  file: string;
  sync?: SyncMode;
}

interface Handle {
  provider: Provider;
  /** SQLite: the one connection (for backup, pragmas, and to know whether a transaction is open) */
  sqlite?: BetterSqlite3.Database;
  /** a message's transaction waits for the one before it (SQLite has one writer anyway) */
  chain: Promise<unknown>;
  /** what repositories keep between queries (memoOf) */
  memo: Map<string, unknown>;
}
const handles = new WeakMap<Db, Handle>();
/** the memo of each database and of each transaction on it (a transaction is a `Db` of its own) */
const memos = new WeakMap<Db, Map<string, unknown>>();

/**
 * Values a repository keeps for this database between queries and transactions, shared by the
 * database and every transaction on it. Whoever keeps something here checks it is still current
 * before using it, and drops it when writing what it was made from.
 */
export function memoOf(db: Db): Map<string, unknown> {
  let memo = memos.get(db);
  if (!memo) {
    memo = new Map();
    memos.set(db, memo);
  }
  return memo;
}

function handleOf(db: Db): Handle {
  const handle = handles.get(db);
  if (!handle) throw new Error('not a database opened with openDatabase()');
  return handle;
}

/** Whether `url` names a PostgreSQL server. */
export function isPostgresUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^postgres(ql)?:\/\//.test(url);
}

/** Which database this handle (or a transaction of it) talks to. */
export function providerOf(db: Db): Provider {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgresql' : 'sqlite';
}

/** The better-sqlite3 connection under an SQLite `Db` (online backup, integrity checks). */
export function sqliteConnection(db: Db): BetterSqlite3.Database {
  const connection = handleOf(db).sqlite;
  if (!connection) throw new Error('not an SQLite database');
  return connection;
}

/** Opens the ledger where `target` says. The caller has applied the migrations (migrate.ts). */
export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  return isPostgresUrl(target.url) ? openPostgres(target.url) : openSqlite(target.file, target.sync ?? 'full');
}

/**
 * Opens an SQLite file, set up so that a message's transaction is all there or not at all after
 * any crash, and is on disk before its reply is sent:
 * - `journal_mode=WAL`: a commit appends checksummed frames and a commit record to the `-wal`
 *   file; after SIGKILL or a power cut, recovery keeps exactly the committed transactions and
 *   drops a torn tail, so nothing is half-written. (It also lets readers run beside the writer.)
 * - `synchronous=FULL` (the default, `HZ_DB_SYNC=full`): the WAL is fsynced at every commit.
 *   Replies go out only after the commit (the dispatcher reads the outbox after the message's
 *   transaction), so a reply never announces a record a power cut could take back.
 *   `HZ_DB_SYNC=normal` skips that fsync: still safe against a killed process (the frames are in
 *   the file), but a power cut may lose the last commits. It multiplies throughput (BENCHMARKS.md).
 * - `foreign_keys=ON`: an event or attachment can never point at a hazard that is not there.
 * - a 5 s busy timeout: a write waits for a CLI reading the file instead of failing.
 * Kysely holds this one connection, so these per-connection settings hold for every query.
 * Two bots on one file are kept apart by the process lock (process-lock.ts), not by SQLite.
 */
export async function openSqlite(file: string, sync: SyncMode = 'full'): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const connection = new BetterSqlite3(file, { timeout: 5000 });
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  connection.pragma('foreign_keys = ON');
  // Kysely's driver prepares every query afresh; the cache hands it the statement prepared last time
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SqliteStatementCache(connection) }) });
  const memo = new Map<string, unknown>();
  handles.set(db, { provider: 'sqlite', sqlite: connection, chain: Promise.resolve(), memo });
  memos.set(db, memo);
  await optimizeDatabase(db, true);
  return db;
}

// pg hands back what the SQLite column types say, so repositories read one shape on both:
// booleans as 0/1, 64-bit counts as numbers, timestamps as the ISO text SQLite stores.
const { types } = pg;
const OID = { bool: 16, int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184 } as const;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.bool) return (v: string) => (v === 't' ? 1 : 0);
    if (oid === OID.int8 || oid === OID.numeric) return (v: string) => Number(v);
    // 'YYYY-MM-DD HH:MM:SS[.fff]' in UTC (the columns are timestamp(3) written in UTC)
    if (oid === OID.timestamp) return (v: string) => `${v.slice(0, 10)}T${v.slice(11, 19)}.${(v.slice(20) || '000').padEnd(3, '0').slice(0, 3)}+00:00`;
    if (oid === OID.timestamptz) return (v: string) => sqlDate(new Date(v));
    return types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/**
 * A transaction left open by a frozen process (SIGSTOP, a VM paused, a GC pause) would hold its row
 * locks — the counter, a lease — and stall every other instance. The server ends such a
 * transaction after this long (rolled back: nothing half-written), so other instances wait at
 * most this long for it (docs/instances.md).
 */
export const IDLE_IN_TRANSACTION_MS = 10_000;

/** Opens a pool on a PostgreSQL server. Transactions there are SERIALIZABLE (see transaction()). */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url, types: pgTypes, max: 4,
    options: `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
    // a server that stops answering (a network cut) fails the query instead of hanging the bot
    connectionTimeoutMillis: 10_000, keepAlive: true,
  });
  // a connection the server ended (restart, pg_terminate_backend, failover) is dropped by the pool;
  // without a listener its 'error' event would end the process
  pool.on('error', () => undefined);
  // the same for a connection in use: its query fails with the error (and the transaction is
  // retried or the message left for redelivery), the event itself needs no one
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const memo = new Map<string, unknown>();
  handles.set(db, { provider: 'postgresql', chain: Promise.resolve(), memo });
  memos.set(db, memo);
  await sql`SELECT 1`.execute(db);
  return db;
}

/**
 * Runs `work` in one transaction: all of it lands, or none.
 * - SQLite: `BEGIN IMMEDIATE` takes the write lock at the start, so the transaction never fails
 *   half-way because another connection (a CLI) wrote meanwhile.
 * - PostgreSQL: SERIALIZABLE, retried a few times when the server reports a conflict: counters,
 *   dedupe keys and "is it still open?" checks hold as they do on SQLite, whatever other
 *   instances of the bot do at the same time. `work` must therefore touch only the database.
 * One at a time per handle: the next waits for this one to end.
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const handle = handleOf(db);
  const shared = (tx: Db) => {
    memos.set(tx, handle.memo);
    return work(tx);
  };
  const run = handle.provider === 'sqlite' ? () => sqliteTransaction(db, handle, shared) : () => postgresTransaction(db, shared);
  const result = handle.chain.then(run, run);
  handle.chain = result.catch(() => undefined);
  return result;
}

// every message runs them (compiled-query.ts says why compiling costs)
const BEGIN_IMMEDIATE = CompiledQuery.raw('BEGIN IMMEDIATE');
const COMMIT = CompiledQuery.raw('COMMIT');
const ROLLBACK = CompiledQuery.raw('ROLLBACK');

async function sqliteTransaction<T>(db: Db, handle: Handle, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await connection.executeQuery(BEGIN_IMMEDIATE);
    try {
      const result = await work(connection);
      await connection.executeQuery(COMMIT);
      return result;
    } catch (error) {
      // a failed COMMIT or a statement error may already have ended the transaction
      if (handle.sqlite?.inTransaction) await connection.executeQuery(ROLLBACK);
      throw error;
    }
  });
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Whether `error` means the connection to the server was lost (terminated by an administrator or a
 * failover, the network cut, the server restarting), as opposed to a statement the server refused.
 * The server rolls back whatever was open on such a connection.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  // 57P01–57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions
  if (typeof code === 'string' && (/^57P0[123]$/.test(code) || code.startsWith('08') || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))) return true;
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(message);
}

async function postgresTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // a lost connection: the server rolled the transaction back, unless it was lost after the
      // COMMIT arrived — then the retry meets its own dedupe keys (a message id, a job's due time)
      // and writes nothing twice. Another connection of the pool (or a new one) gets the retry.
      if (isConnectionLost(error) && attempt < 3) {
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        continue;
      }
      if (attempt >= SERIALIZATION_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      // instances contending for one row (the hazard counter) retry apart, not in lockstep
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** Tries of a transaction the server refused for a conflict with a concurrent one (SERIALIZABLE). */
const SERIALIZATION_ATTEMPTS = 10;

/**
 * Whether `error` is one a later try may not meet: the connection was lost, or the transaction
 * lost every try against concurrent ones. Nothing of it was written; a platform message that
 * failed so is left for the platform to deliver again rather than answered with a failure.
 */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return isConnectionLost(error) || (typeof code === 'string' && RETRYABLE.has(code));
}

/**
 * Refreshes the query planner's statistics where they are missing or stale (SQLite's advice: on
 * open, and every few hours for a long-lived connection). Without them SQLite may walk a large
 * ledger through the wrong index: a digest then takes seconds instead of milliseconds.
 * PostgreSQL's autovacuum does this itself.
 */
export async function optimizeDatabase(db: Db, opening = false): Promise<void> {
  const connection = handles.get(db)?.sqlite;
  if (!connection) return;
  // 0x10002 also looks at tables this connection has not used yet, as a fresh connection has not
  connection.pragma(opening ? 'optimize = 0x10002' : 'optimize');
  if (opening) dropDistinctKeySamples(connection);
}

/**
 * better-sqlite3 builds SQLite with STAT4, whose samples of an index make every statement whose
 * plan looked up a bound value in them be planned again on each run (sqlite3_prepare_v2). For an
 * index whose keys are distinct — a hazard code, a name — they say nothing the row counts do not,
 * yet every message's lookups by code and by name were planned afresh: the hazard view ~130 µs a
 * time (BENCHMARKS.md). Those samples are dropped; those of indexes with repeating keys (status,
 * dates) are kept, as they steer the digests' plans. Only `optimize` at opening gathers samples
 * (the periodic one analyses with a row limit, which gathers none).
 */
function dropDistinctKeySamples(connection: BetterSqlite3.Database): void {
  if (connection.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'").get() === undefined) return;
  const dropped = connection.prepare(`DELETE FROM sqlite_stat4 WHERE idx IN (
      SELECT i.name FROM sqlite_schema t, pragma_index_list(t.name) i WHERE t.type = 'table' AND i."unique" = 1
    ) OR idx IN (
      -- sqlite_stat1.stat: 'rows rows-per-first-key …'
      SELECT idx FROM sqlite_stat1 WHERE CAST(substr(stat, instr(stat, ' ') + 1) AS INTEGER) <= 1
    )`).run();
  // the planner reloads the statistics it holds in memory
  if (dropped.changes > 0) connection.exec('ANALYZE sqlite_schema');
}

/** Closes the handle (waiting for a transaction in progress). */
export async function closeDatabase(db: Db): Promise<void> {
  await handleOf(db).chain;
  await db.destroy();
}

/** A Date as SQLite stores DATETIME (and pg is made to return it), so rows compare and sort alike. */
export function sqlDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/** A stored timestamp back as a Date. */
export function fromSqlDate(value: string): Date;
export function fromSqlDate(value: string | null): Date | null;
export function fromSqlDate(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
