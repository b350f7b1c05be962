/** What 运行状态 shows an admin: every instance, who holds what, the queues, the jobs, the database. */
export interface RuntimeStatus {
  provider: 'sqlite' | 'postgresql';
  /** the database server's own words: `PostgreSQL 18.0`, `SQLite 3.50.4` */
  databaseVersion: string;
  /** one query's round trip from this instance, in milliseconds */
  roundTripMs: number;
  /** PostgreSQL standbys streaming from this server and how far behind each replays; empty when none */
  replicas: Array<{ name: string; state: string; lagMs: number | null }>;
  /** connected to a standby (read-only): writes would fail */
  inRecovery: boolean;
  /** instances seen through their heartbeats (PostgreSQL); on SQLite the one process */
  instances: Array<{ id: string; live: boolean; renewedAt: Date; platform: string | null; connection: string | null; queue: number | null; startedAt: Date | null; self: boolean }>;
  /** the leases only one instance may hold: the scheduler, a platform's single connection */
  leases: Array<{ name: string; holder: string; epoch: number; live: boolean; expiresAt: Date }>;
  outbox: { pending: number; failed: number; oldestPending: Date | null };
  /** the latest due time each job ran for, by whom */
  jobs: Array<{ job: string; dueAt: Date; ranAt: Date; late: boolean; instance: string }>;
}
