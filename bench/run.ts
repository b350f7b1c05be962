import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatHazardCode } from '../src/parse/normalize.ts';
import type { SyncMode } from '../src/db/database.ts';
import { fmt, type Throughput } from './measure.ts';
import { benchPipeline } from './pipeline.ts';
import { seedCounty, type SeededCounty } from './seed-county.ts';
import { hazardCounts, syncModes } from './bench-args.ts';
import { runCli } from '../src/app/cli.ts';

const TODAY = '2026-12-01';
const COMMANDS = 1_000;
const SENDERS = 50;

interface Row { hazards: number; figure: string; value: string; target: string }
const rows: Row[] = [];
const report = (hazards: number, figure: string, value: string, target = '') => {
  rows.push({ hazards, figure, value, target });
  console.log(`  ${figure}: ${value}${target ? `  (target ${target})` : ''}`);
};

/** The same rows a registration writes, inserted with raw better-sqlite3: the floor of this machine. */
function rawFloor(file: string, county: SeededCounty, count: number, startCode: number, sync: SyncMode): Throughput {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  const now = new Date().toISOString();
  const insertHazard = db.prepare(`INSERT INTO "Hazard" (code, description, category, level, unitId, reporterId, ownerId, deadline, originalDeadline, createdAt, updatedAt)
    VALUES (?, '配电箱未接地', '其他', 'general', ?, 1, 1, '2026-12-20', '2026-12-20', ?, ?)`);
  const insertEvent = db.prepare(`INSERT INTO "HazardEvent" (hazardId, type, actorId, at, text, data) VALUES (?, 'created', 1, ?, '', '{}')`);
  const insertSeen = db.prepare(`INSERT INTO "ProcessedMessage" (platform, messageId, at) VALUES ('console', ?, ?)`);
  const insertOutbox = db.prepare(`INSERT INTO "OutboxMessage" (kind, groupId, text, createdAt, nextAttemptAt) VALUES ('reply', 1, '已登记', ?, ?)`);
  const one = db.transaction((i: number) => {
    const e = county.enterprises[i % county.enterprises.length]!;
    const id = insertHazard.run(formatHazardCode(startCode + i), e.id, now, now).lastInsertRowid;
    insertEvent.run(id, now);
    insertSeen.run(`raw-${i}`, now);
    insertOutbox.run(now, now);
  });
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    one(i);
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  latencies.sort((a, b) => a - b);
  return { count, seconds, perSecond: count / seconds, p50: latencies[Math.floor(count / 2)] ?? 0, p99: latencies[Math.floor(count * 0.99)] ?? 0 };
}

async function benchSqlitePipeline(file: string, county: SeededCounty, hazards: number, sync: SyncMode): Promise<void> {
  const figures = await benchPipeline({ dbFile: file, dbSync: sync }, county, hazards, TODAY, COMMANDS, SENDERS);
  const floor = rawFloor(file, county, COMMANDS, hazards + 10 * COMMANDS, sync);
  const show = (name: string, t: Throughput) => report(hazards, `${name} [${sync}]`, `${fmt(t.perSecond, 0)} cmd/s, p50 ${fmt(t.p50, 2)} ms, p99 ${fmt(t.p99, 2)} ms`, '≥ 1,000 cmd/s, p99 < 20 ms');
  show('registrations, sequential', figures.registrations);
  show('progress reports, sequential', figures.progress);
  show(`mixed, ${SENDERS} concurrent senders`, figures.mixed);
  report(hazards, `raw better-sqlite3 floor (same rows) [${sync}]`, `${fmt(floor.perSecond, 0)} tx/s, p50 ${fmt(floor.p50, 3)} ms, p99 ${fmt(floor.p99, 3)} ms`);
  report(hazards, `pipeline / raw floor [${sync}]`, `${fmt(figures.registrations.perSecond / floor.perSecond, 3)} (registrations)`);
}

/** Startup time and peak memory in a fresh process, so nothing of this one counts. */
function benchServe(file: string, hazards: number): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-child.ts'), file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`serve-child failed: ${result.stderr}`);
  const figures = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { readyMs: number; peakRssMb: number; queriesMs: Record<string, number> };
  report(hazards, 'startup to ready', `${fmt(figures.readyMs, 0)} ms`, '< 2,000 ms');
  report(hazards, 'peak RSS serving', `${fmt(figures.peakRssMb, 0)} MB`, '< 200 MB');
  for (const [name, ms] of Object.entries(figures.queriesMs)) report(hazards, `query: ${name}`, `${fmt(ms, 1)} ms`);
}

/** Chart cards in a fresh process: the digest card's data from this county, render time and memory. */
function benchCards(file: string, hazards: number): void {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'cards-child.ts'), file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cards-child failed: ${result.stderr}`);
  const f = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { digestMs: number; extrasMs: number; firstMs: number; pngBytes: number; fonts: string; p50: number; max: number; cpuP50: number; extraRssMb: number };
  report(hazards, 'card data: digest / 30-day trend + ranking', `${fmt(f.digestMs, 0)} ms / ${fmt(f.extrasMs, 0)} ms`);
  report(hazards, 'card first render', `${fmt(f.firstMs, 0)} ms, PNG ${fmt(f.pngBytes / 1024, 0)} KB, fonts: ${f.fonts}`);
  report(hazards, 'card render SVG→PNG, 20 in a row', `p50 ${fmt(f.p50, 0)} ms, max ${fmt(f.max, 0)} ms (CPU p50 ${fmt(f.cpuP50, 0)} ms)`, '< 300 ms');
  report(hazards, 'card extra memory (peak RSS over 20 renders)', `${fmt(f.extraRssMb, 0)} MB`, '< 50 MB');
}

async function main(argv: string[]): Promise<void> {
  // checked before anything is seeded: a typo must not start a half-hour run
  const HAZARD_COUNTS = hazardCounts(argv);
  /** Both durability settings (openDatabase); HZ_BENCH_SYNC=full or =normal measures one. */
  const SYNC_MODES: SyncMode[] = syncModes(process.env.HZ_BENCH_SYNC);
  console.log(`Hazard Zero benchmark — ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  for (const hazards of HAZARD_COUNTS) {
    const dir = mkdtempSync(join(tmpdir(), 'hz-bench-'));
    const file = join(dir, 'county.db');
    const t = performance.now();
    const county = await seedCounty({ file }, { units: 1_000, people: 5_000, hazards, seed: 20261201, today: TODAY });
    console.log(`\n${hazards.toLocaleString()} hazards (seeded in ${fmt((performance.now() - t) / 1000)} s):`);
    // HZ_BENCH_ONLY=cards measures the chart cards alone, =pipeline the message path alone
    const only = process.env.HZ_BENCH_ONLY;
    if (only !== 'pipeline') benchCards(file, hazards);
    if (only !== 'cards') {
      // each setting gets its own copy of the seeded county (one file: the seeding checkpointed it)
      for (const sync of SYNC_MODES) copyFileSync(file, join(dir, `county-${sync}.db`));
      if (only !== 'pipeline') benchServe(file, hazards);
      for (const sync of SYNC_MODES) await benchSqlitePipeline(join(dir, `county-${sync}.db`), county, hazards, sync);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n| hazards | figure | value | target |\n|---:|---|---|---|');
  for (const r of rows) console.log(`| ${r.hazards.toLocaleString()} | ${r.figure} | ${r.value} | ${r.target} |`);
}

runCli(async (argv) => {
  await main(argv);
  return 0;
});
