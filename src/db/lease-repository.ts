import { sql } from 'kysely';
import { fromSqlDate, type Db } from './database.ts';

/**
 * The database's own clock, as the UTC `timestamp(3)` the columns hold. Leases and claims are
 * measured on it alone: the instances' clocks are never compared with each other.
 */
export const DB_NOW = sql<string>`(clock_timestamp() AT TIME ZONE 'UTC')`;

/** A lease held at an epoch: what a send only its holder may make is checked against. */
export interface LeaseFence {
  lease: string;
  holder: string;
  epoch: number;
}

/**
 * A condition true only while `holder` holds `lease` at `epoch` and it has not lapsed by the
 * database's clock: written into the statement that claims or keeps work only the holder may do
 * (the outbox of a single-connection platform), so a former holder, resumed after a pause, finds
 * nothing to send.
 */
export function leaseStillHeld(fence: LeaseFence) {
  return sql<boolean>`EXISTS (SELECT 1 FROM "Lease" WHERE "name" = ${fence.lease} AND "holder" = ${fence.holder} AND "epoch" = ${fence.epoch} AND "expiresAt" > ${DB_NOW})`;
}

/** A lease as it stands in the database. */
export interface Lease {
  name: string;
  holder: string;
  epoch: number;
  acquiredAt: Date;
  renewedAt: Date;
  expiresAt: Date;
  /** still in force at the database's time now */
  live: boolean;
  detail: Record<string, unknown>;
}

/** Thrown inside a fenced transaction whose lease passed to another holder: nothing of it is written. */
export class FencedOutError extends Error {
  constructor(readonly lease: string, readonly epoch: number) {
    super(`lease ${lease} epoch ${epoch} is no longer held: write refused`);
    this.name = 'FencedOutError';
  }
}

/**
 * Named leases in the `Lease` table (PostgreSQL only: on SQLite one process owns the file, see
 * process-lock.ts). A lease is held until `expiresAt`, a time of the database; its holder renews
 * it, anyone may take it once it lapsed, and every change of holder bumps `epoch`, the fencing
 * token a former holder's late writes are checked against (`fence`).
 */
export function createLeaseRepository(db: Db) {
  return {
    /**
     * Takes the lease for `holder`, or renews it, for `ttlMs` from the database's now; refused
     * while someone else holds it. One statement, so two instances racing for it cannot both win.
     * Waits at most `lockTimeoutMs` for a fenced transaction reading the lease (a frozen former
     * holder's transaction is ended by the server's idle timeout, database.ts). Returns the lease
     * as it stands afterwards: held when its holder is `holder`.
     */
    async acquire(name: string, holder: string, ttlMs: number, detail: Record<string, unknown> = {}, lockTimeoutMs = 2_000): Promise<Lease | null> {
      return db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('lock_timeout', ${`${Math.max(1, Math.round(lockTimeoutMs))}ms`}, true)`.execute(tx);
        const json = JSON.stringify(detail);
        await sql`
          INSERT INTO "Lease" ("name", "holder", "epoch", "acquiredAt", "renewedAt", "expiresAt", "detail")
          VALUES (${name}, ${holder}, 1, ${DB_NOW}, ${DB_NOW}, ${DB_NOW} + ${ttlMs} * interval '1 millisecond', ${json})
          ON CONFLICT ("name") DO UPDATE SET
            "holder" = excluded."holder",
            "epoch" = CASE WHEN "Lease"."holder" = excluded."holder" THEN "Lease"."epoch" ELSE "Lease"."epoch" + 1 END,
            "acquiredAt" = CASE WHEN "Lease"."holder" = excluded."holder" THEN "Lease"."acquiredAt" ELSE excluded."acquiredAt" END,
            "renewedAt" = excluded."renewedAt",
            "expiresAt" = excluded."expiresAt",
            "detail" = excluded."detail"
          WHERE "Lease"."holder" = excluded."holder" OR "Lease"."expiresAt" <= excluded."renewedAt"`.execute(tx);
        return readLease(tx, name);
      });
    },

    /** Gives the lease up at once (graceful shutdown): the next instance need not wait for it to lapse. */
    async release(name: string, holder: string): Promise<void> {
      await db.updateTable('Lease').set({ expiresAt: sql`${DB_NOW} - interval '1 millisecond'` })
        .where('name', '=', name).where('holder', '=', holder).execute();
    },

    /**
     * The fence: inside a transaction, proves that `holder` still holds `name` at `epoch` and keeps
     * it so until the transaction ends (the row is share-locked: a takeover waits for the commit).
     * Throws FencedOutError when another instance took over meanwhile. Call it first.
     */
    async fence(name: string, holder: string, epoch: number): Promise<void> {
      const row = await db.selectFrom('Lease').select('epoch')
        .where('name', '=', name).where('holder', '=', holder).where('epoch', '=', epoch)
        .forShare().executeTakeFirst();
      if (!row) throw new FencedOutError(name, epoch);
    },

    async get(name: string): Promise<Lease | null> {
      return readLease(db, name);
    },

    /** Every lease, live ones first, by name (运行状态). */
    async all(): Promise<Lease[]> {
      const rows = await db.selectFrom('Lease').selectAll().select(sql<number>`CASE WHEN "expiresAt" > ${DB_NOW} THEN 1 ELSE 0 END`.as('live'))
        .orderBy('name').execute();
      return rows.map(toLease).sort((a, b) => Number(b.live) - Number(a.live));
    },

    /** Forgets heartbeats of instances gone for longer than `olderThanMs` (they would only clutter 运行状态). */
    async prune(prefix: string, olderThanMs: number): Promise<number> {
      const result = await db.deleteFrom('Lease').where('name', 'like', `${prefix}%`)
        .where('expiresAt', '<', sql<string>`${DB_NOW} - ${olderThanMs} * interval '1 millisecond'`).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

type LeaseRow = { name: string; holder: string; epoch: number; acquiredAt: string; renewedAt: string; expiresAt: string; detail: string; live: number };

function toLease(row: LeaseRow): Lease {
  return {
    name: row.name, holder: row.holder, epoch: Number(row.epoch), acquiredAt: fromSqlDate(row.acquiredAt), renewedAt: fromSqlDate(row.renewedAt),
    expiresAt: fromSqlDate(row.expiresAt), live: Number(row.live) === 1, detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

async function readLease(db: Db, name: string): Promise<Lease | null> {
  const row = await db.selectFrom('Lease').selectAll().select(sql<number>`CASE WHEN "expiresAt" > ${DB_NOW} THEN 1 ELSE 0 END`.as('live'))
    .where('name', '=', name).executeTakeFirst();
  return row ? toLease(row) : null;
}

export type LeaseRepository = ReturnType<typeof createLeaseRepository>;
