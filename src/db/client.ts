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
type WithConnection = { [CONNECTION]?: () => SqlConnection | undefined };

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
 * Opens the one PrismaClient over an SQLite file, in WAL mode: readers never block the writer,
 * and a crash never leaves a half-written transaction.
 *
 * synchronous=NORMAL (the default here) makes a commit durable across a crash of this process
 * (kill -9, OOM, panic): the WAL frames are in the file before COMMIT returns, so every reply the
 * bot sends after its commit describes a record that is on disk. Only an OS crash or power cut
 * can lose the last commits (never corrupt the file). synchronous=FULL (`HZ_DB_SYNC=full`) also
 * survives a power cut, at the price of an fsync per message.
 */
export async function openDatabase(file: string, sync: SyncMode = 'normal'): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  let adapter: SqlDriverAdapter | undefined;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      adapter = await inner.connect();
      return adapter;
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
  const db = new PrismaClient({ adapter: factory });
  // the adapter keeps its better-sqlite3 Database as `client`
  (db as WithConnection)[CONNECTION] = () => (adapter as unknown as { client?: SqlConnection } | undefined)?.client;
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  await optimizeDatabase(db, true);
  return db;
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
