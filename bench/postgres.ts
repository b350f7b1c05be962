// `node --import tsx bench/postgres.ts [hazards…]` (default 10000 100000): the message pipeline and
// the scheduled jobs on PostgreSQL, on the same seeded county as the SQLite bench (bench/run.ts),
// side by side with the raw `pg` floor for the rows a registration writes, in one run. The server
// is HZ_BENCH_DATABASE_URL (a superuser URL) or a local embedded PostgreSQL 18 (fsync on, as a real
// server). HZ_BENCH_COMMANDS sets the commands per figure (1000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../src/app/cli.ts';
import { closeDatabase, openPostgres } from '../src/db/database.ts';
import { formatHazardCode } from '../src/parse/normalize.ts';
import { hazardCounts } from './bench-args.ts';
import { adminQuery as admin, benchPostgresServer } from './postgres-server.ts';
import { fmt, type Throughput } from './measure.ts';
import { benchPipeline } from './pipeline.ts';
import { seedCounty, type SeededCounty } from './seed-county.ts';
import { timeJobs } from './time-jobs.ts';

const TODAY = '2026-12-01';
const COMMANDS = Number(process.env.HZ_BENCH_COMMANDS ?? 1000);
const SENDERS = 50;

/** The rows a registration writes (hazard, event, processed id, outbox), in one SERIALIZABLE transaction with raw `pg`. */
async function rawFloor(url: string, county: SeededCounty, count: number, startCode: number): Promise<Throughput> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date().toISOString();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const unit = county.enterprises[i % county.enterprises.length]!;
    const t = performance.now();
    await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    const { rows } = await client.query<{ id: number }>(`INSERT INTO "Hazard" ("code", "description", "category", "level", "unitId", "reporterId", "ownerId", "deadline", "originalDeadline", "createdAt", "updatedAt")
      VALUES ($1, '配电箱未接地', '其他', 'general', $2, 1, 1, '2026-12-20', '2026-12-20', $3, $3) RETURNING "id"`, [formatHazardCode(startCode + i), unit.id, now]);
    await client.query(`INSERT INTO "HazardEvent" ("hazardId", "type", "actorId", "at", "text", "data") VALUES ($1, 'created', 1, $2, '', '{}')`, [rows[0]?.id, now]);
    await client.query(`INSERT INTO "ProcessedMessage" ("platform", "messageId", "at") VALUES ('console', $1, $2)`, [`raw-${i}`, now]);
    await client.query(`INSERT INTO "OutboxMessage" ("kind", "groupId", "text", "createdAt", "nextAttemptAt") VALUES ('reply', 1, '已登记', $1, $1)`, [now]);
    await client.query('COMMIT');
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  latencies.sort((a, b) => a - b);
  return { count, seconds, perSecond: count / seconds, p50: latencies[Math.floor(count / 2)] ?? 0, p99: latencies[Math.floor(count * 0.99)] ?? 0 };
}

async function main(argv: string[]): Promise<void> {
  const sizes = hazardCounts(argv);
  const pgServer = await benchPostgresServer();
  const rows: string[] = [];
  const line = (hazards: number, figure: string, value: string) => {
    rows.push(`| ${hazards.toLocaleString()} | ${figure} | ${value} |`);
    console.log(`  ${figure}: ${value}`);
  };
  const throughput = (t: Throughput) => `${fmt(t.perSecond, 0)} cmd/s, p50 ${fmt(t.p50, 2)} ms, p99 ${fmt(t.p99, 2)} ms`;
  try {
    console.log(`PostgreSQL bench, ${COMMANDS} commands per figure, Node ${process.version}, ${new Date().toISOString()}`);
    for (const hazards of sizes) {
      const name = `hz_bench_${hazards}`;
      await admin(pgServer.admin, `DROP DATABASE IF EXISTS ${name}`);
      await admin(pgServer.admin, `CREATE DATABASE ${name}`);
      const url = new URL(pgServer.admin);
      url.pathname = `/${name}`;
      const dir = mkdtempSync(join(tmpdir(), 'hz-bench-pg-data-'));
      const target = { url: url.toString(), file: join(dir, 'unused.db') };
      let t = performance.now();
      const county = await seedCounty(target, { units: 1_000, people: 5_000, hazards, seed: 20261201, today: TODAY });
      // fresh statistics, as autovacuum would gather them on a server that has been running
      await admin(target.url, 'VACUUM ANALYZE');
      console.log(`\n${hazards.toLocaleString()} hazards (seeded in ${fmt((performance.now() - t) / 1000)} s):`);

      // the jobs first, on the seeded ledger as the morning finds it
      const db = await openPostgres(target.url);
      t = performance.now();
      for (const job of await timeJobs(db, TODAY)) line(hazards, `job ${job.job}`, `CPU ${fmt(job.cpuMs, 0)} ms, wall ${fmt(job.wallMs, 0)} ms, ${job.messages} messages`);
      await db.deleteFrom('OutboxMessage').execute();
      await closeDatabase(db);

      const figures = await benchPipeline({ databaseUrl: target.url, dbFile: target.file }, county, hazards, TODAY, COMMANDS, SENDERS);
      const floor = await rawFloor(target.url, county, COMMANDS, hazards + 10 * COMMANDS);
      line(hazards, 'registrations, sequential', throughput(figures.registrations));
      line(hazards, 'progress reports, sequential', throughput(figures.progress));
      line(hazards, `mixed, ${SENDERS} concurrent senders`, throughput(figures.mixed));
      line(hazards, 'raw pg floor (same rows, one SERIALIZABLE tx each)', `${fmt(floor.perSecond, 0)} tx/s, p50 ${fmt(floor.p50, 2)} ms, p99 ${fmt(floor.p99, 2)} ms`);
      line(hazards, 'pipeline / raw floor (registrations)', fmt(figures.registrations.perSecond / floor.perSecond, 3));
      rmSync(dir, { recursive: true, force: true });
      await admin(pgServer.admin, `DROP DATABASE ${name}`);
    }
  } finally {
    await pgServer.stop();
  }
  console.log('\n| hazards | figure (PostgreSQL) | value |\n|---:|---|---|');
  for (const r of rows) console.log(r);
}

runCli(async (argv) => {
  await main(argv);
  return 0;
});
