import { sql } from 'kysely';
import { providerOf, type Db } from './database.ts';

/** What the database says about itself (运行状态): which server, how far away, its standbys' lag. */
export function createRuntimeRepository(db: Db) {
  return {
    /** which database this is: SQLite (one process) or PostgreSQL (maybe several instances) */
    provider: () => providerOf(db),
    async databaseFacts(): Promise<{ version: string; roundTripMs: number; inRecovery: boolean; replicas: Array<{ name: string; state: string; lagMs: number | null }> }> {
      const started = performance.now();
      if (providerOf(db) === 'sqlite') {
        const { rows } = await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(db);
        return { version: `SQLite ${rows[0]?.v ?? '?'}`, roundTripMs: performance.now() - started, inRecovery: false, replicas: [] };
      }
      const { rows } = await sql<{ v: string; r: number }>`SELECT current_setting('server_version') AS v, pg_is_in_recovery() AS r`.execute(db);
      const roundTripMs = performance.now() - started;
      // standbys streaming from this server, and how long their replay trails it
      const replicas = await sql<{ name: string; state: string; lag: number | null }>`
        SELECT COALESCE(NULLIF(application_name, ''), host(client_addr), '?') AS name, state,
               (EXTRACT(EPOCH FROM replay_lag) * 1000)::float8 AS lag
        FROM pg_stat_replication ORDER BY 1`.execute(db);
      return {
        version: `PostgreSQL ${rows[0]?.v ?? '?'}`, roundTripMs, inRecovery: Number(rows[0]?.r) === 1,
        replicas: replicas.rows.map((r) => ({ name: r.name, state: r.state, lagMs: r.lag === null ? null : Number(r.lag) })),
      };
    },
  };
}

export type RuntimeRepository = ReturnType<typeof createRuntimeRepository>;
