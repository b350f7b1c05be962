// `node --import tsx bench/instances.ts [MESSAGES]`: throughput of 1, 2 and 3 bot instances (child
// processes) on one PostgreSQL, side by side in one run (docs/instances.md). Each configuration
// gets a fresh database with the demo roster; the instances share MESSAGES messages equally and
// start together; the figure is messages per second of wall time from "go" to the last one done.
// Registrations all bump the one hazard counter (codes must not collide); progress reports touch
// different hazards. The server is HZ_BENCH_DATABASE_URL (a superuser URL) or an embedded
// PostgreSQL with fsync on, as a real server.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createBot } from '../src/app/bot.ts';
import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { readRoster } from '../src/features/roster-file.ts';
import { RecordingChannel } from '../src/channels/recording-channel.ts';
import { applyPostgresMigrations } from '../src/db/migrate.ts';
import { benchPostgresServer } from './postgres-server.ts';
import { fmt } from './measure.ts';

const MESSAGES = Number(process.argv[2] ?? 600);
const CHILD = join(import.meta.dirname, 'instance-child.ts');

async function freshDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await applyPostgresMigrations(url.toString());
  const bot = await createBot({ config: defaultConfig({ databaseUrl: url.toString(), dbFile: '/nonexistent/unused.db', dataDir: '/tmp' }), channel: new RecordingChannel(() => new Date()), log: createLogger('silent'), jobs: [] });
  await bot.importRoster(readRoster(join(import.meta.dirname, '..', 'demo', 'roster.yaml')));
  await bot.close();
  return url.toString();
}

/** Transactions committed and rolled back (serialization retries) in `url`'s database so far. */
async function xacts(url: string): Promise<{ commit: number; rollback: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ c: string; r: string }>('SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = current_database()');
  await client.end();
  return { commit: Number(rows[0]?.c ?? 0), rollback: Number(rows[0]?.r ?? 0) };
}

async function run(url: string, instances: number, kind: 'register' | 'progress', hazards: number): Promise<{ perSecond: number; seconds: number; rollbacks: number; redelivered: number }> {
  const share = Math.floor(MESSAGES / instances);
  const children = Array.from({ length: instances }, (_, n) => spawn(process.execPath, ['--import', 'tsx', CHILD, url, String(n), String(share), kind, String(hazards)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const waitFor = (child: (typeof children)[number], key: string) => new Promise<Record<string, number>>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (raw) => {
      const line = JSON.parse(raw) as Record<string, number>;
      if (key in line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`instance exited ${code}`)));
  });
  await Promise.all(children.map((c) => waitFor(c, 'ready')));
  // pg_stat_database lags a little: take it after the statistics settled
  await new Promise((resolve) => setTimeout(resolve, 800));
  const before = await xacts(url);
  const started = performance.now();
  const done = children.map((c) => waitFor(c, 'done'));
  for (const c of children) c.stdin.write('go\n');
  const finished = await Promise.all(done);
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 800));
  const after = await xacts(url);
  return { perSecond: (share * instances) / seconds, seconds, rollbacks: after.rollback - before.rollback, redelivered: finished.reduce((sum, f) => sum + (f.redelivered ?? 0), 0) };
}

async function main(): Promise<void> {
  const pgServer = await benchPostgresServer();
  console.log(`${MESSAGES} messages per configuration, Node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
  console.log('| instances | registrations (one counter) | progress reports (different hazards) |');
  console.log('|---|---|---|');
  for (const instances of [1, 2, 3]) {
    const url = await freshDatabase(pgServer.admin, `hz_bench_instances_${instances}`);
    const reg = await run(url, instances, 'register', 0);
    const prog = await run(url, instances, 'progress', MESSAGES - (MESSAGES % instances));
    const cell = (r: { perSecond: number; rollbacks: number; redelivered: number }) => `${fmt(r.perSecond, 0)} msg/s (${r.rollbacks} tx retried${r.redelivered ? `, ${r.redelivered} redelivered` : ''})`;
    console.log(`| ${instances} | ${cell(reg)} | ${cell(prog)} |`);
  }
  await pgServer.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
