import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.ts';

export type Db = InstanceType<typeof PrismaClient>;
/** The client or an interactive transaction: what repositories run on. */
export type DbTx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Opens the one PrismaClient over an SQLite file. WAL lets readers run beside the single writer
 * and keeps a committed transaction intact through a crash; synchronous=FULL makes every commit
 * durable before we reply, so a reply never announces a record a power cut could lose.
 */
export async function openDatabase(file: string): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = FULL');
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
