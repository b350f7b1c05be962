import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaClient } from './generated/client.ts';

export type Db = InstanceType<typeof PrismaClient>;
/** The client or an interactive transaction: what repositories run on. */
export type DbTx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
/** Prisma's own better-sqlite3 connection, for prepared statements on the hot path. */
export type SqlConnection = BetterSqlite3.Database;

// Set on the client; Prisma's transaction clients forward it, so a repository finds the
// connection whether it was given the client or a transaction.
const CONNECTION = Symbol('hazard-zero.sqlConnection');
const MESSAGE_TX = Symbol('hazard-zero.messageTransaction');
/** Whether `rawTransaction` holds the connection, and the promise the next one waits for. */
interface MessageTx { open: boolean; chain: Promise<unknown> }
type WithConnection = { [CONNECTION]?: () => SqlConnection | undefined; [MESSAGE_TX]?: MessageTx };

/**
 * The better-sqlite3 connection under a client opened by `openDatabase` (or one of its
 * transactions). Statements on it run inside whatever transaction Prisma has open on that one
 * connection, so the hot path can use prepared statements (microseconds) where a Prisma query
 * costs about half a millisecond (measured). Callers serialize through the bot's queue.
 */
export function sqlConnection(db: DbTx): SqlConnection {
  const connection = (db as WithConnection)[CONNECTION]?.();
  if (!connection) throw new Error('no SQLite connection: open the database with openDatabase() and query it once first');
  return connection;
}

/** Durability of a commit; see openDatabase. */
export type SyncMode = 'normal' | 'full';

/**
 * Opens the one PrismaClient over an SQLite file, set up so that a message's transaction is all
 * there or not at all after any crash, and is on disk before its reply is sent:
 * - `journal_mode=WAL`: a commit appends checksummed frames and a commit record to the `-wal`
 *   file; after SIGKILL or a power cut, recovery keeps exactly the committed transactions and
 *   drops a torn tail, so nothing is half-written. (It also lets readers run beside the writer.)
 * - `synchronous=FULL` (the default, `HZ_DB_SYNC=full`): the WAL is fsynced at every commit.
 *   Replies go out only after the commit (the dispatcher reads the outbox after the message's
 *   transaction), so a reply never announces a record a power cut could take back.
 *   `HZ_DB_SYNC=normal` skips that fsync: still safe against a killed process (the frames are in
 *   the file), but a power cut may lose the last commits. It multiplies throughput (BENCHMARKS.md).
 * - `foreign_keys=ON`: an event or attachment can never point at a hazard that is not there.
 * - the adapter's 5 s busy timeout: a write waits for a CLI reading the file instead of failing.
 * The adapter holds one connection, so these per-connection settings hold for every query.
 * Two bots on one file are kept apart by the process lock (process-lock.ts), not by SQLite.
 */
export async function openDatabase(file: string, sync: SyncMode = 'full'): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  let adapter: SqlDriverAdapter | undefined;
  const messageTx: MessageTx = { open: false, chain: Promise.resolve() };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      adapter = await inner.connect();
      return nestingAdapter(adapter, messageTx);
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
  const db = new PrismaClient({ adapter: factory });
  // the adapter keeps its better-sqlite3 Database as `client`
  (db as WithConnection)[CONNECTION] = () => (adapter as unknown as { client?: SqlConnection } | undefined)?.client;
  (db as WithConnection)[MESSAGE_TX] = messageTx;
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  await optimizeDatabase(db, true);
  return db;
}

/**
 * Runs `work` in one SQLite transaction taken directly on the connection (BEGIN IMMEDIATE …
 * COMMIT, or ROLLBACK on any error), with the Prisma client itself as the store's client: a
 * Prisma interactive transaction costs ~0.5–1.5 ms of bookkeeping per message, this ~0.02 ms.
 * Prisma queries made meanwhile run on the same connection, so inside it. One at a time: a
 * second call waits for the first to end (as Prisma's own transactions wait on its mutex).
 */
export function rawTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const state = (db as WithConnection)[MESSAGE_TX];
  if (!state) throw new Error('rawTransaction needs a client opened with openDatabase()');
  const run = async (): Promise<T> => {
    const connection = sqlConnection(db);
    connection.prepare('BEGIN IMMEDIATE').run();
    state.open = true;
    try {
      const result = await work();
      connection.prepare('COMMIT').run();
      return result;
    } catch (error) {
      // a failed COMMIT or a statement error may already have ended the transaction
      if (connection.inTransaction) connection.prepare('ROLLBACK').run();
      throw error;
    } finally {
      state.open = false;
    }
  };
  const result = state.chain.then(run, run);
  state.chain = result.catch(() => undefined);
  return result;
}

/**
 * The adapter as Prisma sees it, except while a `rawTransaction` is open: a Prisma operation
 * that opens its own transaction then (a nested write, an upsert) would send BEGIN on a
 * connection already in one, which SQLite refuses. It gets a savepoint instead, so its writes
 * still land or fail together, inside the message's transaction. Prisma ends a transaction by
 * sending "COMMIT" or "ROLLBACK" through it (usePhantomQuery: false); those become the savepoint's.
 */
function nestingAdapter(base: SqlDriverAdapter, messageTx: MessageTx): SqlDriverAdapter {
  const nested = {
    ...Object.fromEntries(['queryRaw', 'executeRaw', 'createSavepoint', 'rollbackToSavepoint', 'releaseSavepoint']
      .map((m) => [m, (...args: unknown[]) => (base as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!(...args)])),
  };
  const savepoint = 'hz_prisma_nested';
  const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });
  return new Proxy(base, {
    get(target, property, receiver) {
      if (property === 'startTransaction' && messageTx.open) {
        return async () => {
          await base.executeRaw(sql(`SAVEPOINT ${savepoint}`));
          return {
            ...nested, provider: base.provider, adapterName: base.adapterName, options: { usePhantomQuery: false },
            async executeRaw(query: { sql: string }) {
              if (query.sql === 'COMMIT') return base.executeRaw(sql(`RELEASE SAVEPOINT ${savepoint}`));
              if (query.sql === 'ROLLBACK') {
                await base.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${savepoint}`));
                return base.executeRaw(sql(`RELEASE SAVEPOINT ${savepoint}`));
              }
              return base.executeRaw(query as Parameters<SqlDriverAdapter['executeRaw']>[0]);
            },
            commit: async () => undefined,
            rollback: async () => undefined,
          };
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Refreshes the query planner's statistics where they are missing or stale (SQLite's advice: on
 * open, and every few hours for a long-lived connection). Without them SQLite may walk a large
 * ledger through the wrong index: a digest then takes seconds instead of milliseconds.
 */
export async function optimizeDatabase(db: Db, opening = false): Promise<void> {
  // 0x10002 also looks at tables this connection has not used yet, as a fresh connection has not
  await db.$queryRawUnsafe(opening ? 'PRAGMA optimize = 0x10002' : 'PRAGMA optimize');
}
