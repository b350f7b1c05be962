import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.ts';

export type Db = InstanceType<typeof PrismaClient>;
/** The client or an interactive transaction: what repositories run on. */
export type DbTx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Opens the one PrismaClient over an SQLite file, set up so that a message's transaction is all
 * there or not at all after any crash, and is on disk before its reply is sent:
 * - `journal_mode=WAL`: a commit appends checksummed frames and a commit record to the `-wal`
 *   file; after SIGKILL or a power cut, recovery keeps exactly the committed transactions and
 *   drops a torn tail, so nothing is half-written. (It also lets readers run beside the writer.)
 * - `synchronous=FULL`: the WAL is fsynced at every commit. NORMAL would survive a killed
 *   process too, but may lose the last commits on power loss; replies go out only after the
 *   commit (the dispatcher reads the outbox after the message's transaction), so with FULL a
 *   reply never announces a record a power cut could take back. EXTRA adds nothing in WAL mode.
 * - `foreign_keys=ON`: an event or attachment can never point at a hazard that is not there.
 * - the adapter's 5 s busy timeout: a write waits for a CLI reading the file instead of failing.
 * The adapter holds one connection, so these per-connection settings hold for every query.
 * Two bots on one file are kept apart by the process lock (process-lock.ts), not by SQLite.
 */
export async function openDatabase(file: string): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = FULL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}
