// `node --import tsx bench/job-statements.ts [hazards…]` (default 10000 100000): the SQL statements
// each scheduled job runs on PostgreSQL, counted and timed at pg's `Client.query` (below the query
// layer, as bench/statements-per-message.ts counts SQLite's), on the county bench/postgres.ts seeds,
// beside each job's CPU and wall time (timeJobs: 7 runs, medians). HZ_BENCH_DATABASE_URL or an
// embedded PostgreSQL 18. HZ_BENCH_EXPLAIN=1 also prints EXPLAIN (ANALYZE, BUFFERS) of each job's
// dearest statement. HZ_BENCH_KEEP=1 keeps the seeded database for the next run.
import pg from 'pg';
import { runCli } from '../src/app/cli.ts';
import { closeDatabase, openPostgres } from '../src/db/database.ts';
import { hazardCounts } from './bench-args.ts';
import { fmt } from './measure.ts';
import { adminQuery as admin, benchPostgresServer } from './postgres-server.ts';
import { seedCounty } from './seed-county.ts';
import { timeJobs } from './time-jobs.ts';

const TODAY = '2026-12-01';

interface Tally { runs: number; ms: number; sql: string; sample: unknown[] }
let tally: Map<string, Tally> | null = null;
const busyUntil = new WeakMap<object, number>();

/** Counts every statement a pg client runs while `tally` is set, by its SQL text, with its round trip. */
function countStatements(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const raw = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
    // one line per statement whatever the length of its IN list
    const text = raw?.replace(/\s+/g, ' ').replace(/\(\$\d+(, \$\d+)+\)/g, '($…)');
    const result = original.apply(this, args);
    if (!tally || typeof raw !== 'string' || typeof text !== 'string' || !(result instanceof Promise)) return result;
    const into = tally;
    // a client runs its queries one after another: one issued beside others (Promise.all in a
    // transaction) starts when the one before it on this client ends, not when it was issued
    const issued = performance.now();
    const done = () => {
      const end = performance.now();
      const start = Math.max(issued, busyUntil.get(this as object) ?? 0);
      busyUntil.set(this as object, end);
      const entry = into.get(text) ?? { runs: 0, ms: 0, sql: raw, sample: (args[1] as unknown[] | undefined) ?? [] };
      entry.runs += 1;
      entry.ms += end - start;
      into.set(text, entry);
    };
    return result.then((r) => (done(), r), (e: unknown) => { done(); throw e; });
  };
}

async function main(argv: string[]): Promise<void> {
  countStatements();
  const server = await benchPostgresServer();
  try {
    for (const hazards of hazardCounts(argv)) {
      const name = `hz_jobs_${hazards}`;
      const url = new URL(server.admin);
      url.pathname = `/${name}`;
      const exists = await (async () => {
        const client = new pg.Client({ connectionString: server.admin });
        await client.connect();
        try {
          return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
        } finally {
          await client.end();
        }
      })();
      if (!(exists && process.env.HZ_BENCH_KEEP)) {
        await admin(server.admin, `DROP DATABASE IF EXISTS ${name}`);
        await admin(server.admin, `CREATE DATABASE ${name}`);
        await seedCounty({ url: url.toString(), file: '' }, { units: 1_000, people: 5_000, hazards, seed: 20261201, today: TODAY });
        await admin(url.toString(), 'VACUUM ANALYZE');
      }
      // migrations a kept database has not seen yet (an index added since)
      await seedMigrations(url.toString());
      const db = await openPostgres(url.toString());
      console.log(`\n## ${hazards.toLocaleString()} hazards (load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})`);
      const jobsTally = new Map<string, Map<string, Tally>>();
      const timings = await timeJobs(db, TODAY, 7, (job) => {
        tally = new Map();
        jobsTally.set(job, tally);
        return () => { tally = null; };
      });
      for (const t of timings) {
        const rows = [...(jobsTally.get(t.job) ?? new Map<string, Tally>())].sort((a, b) => b[1].ms - a[1].ms);
        const statements = rows.reduce((n, [, e]) => n + e.runs, 0);
        const ms = rows.reduce((n, [, e]) => n + e.ms, 0);
        console.log(`\n${t.job}: ${statements} statements (${rows.length} distinct), round trips ${fmt(ms, 0)} ms; CPU ${fmt(t.cpuMs, 0)} ms, wall ${fmt(t.wallMs, 0)} ms (medians of 7), ${t.messages} messages`);
        for (const [text, e] of rows.slice(0, Number(process.env.HZ_BENCH_LINES ?? 12))) console.log(`${String(e.runs).padStart(6)} ${fmt(e.ms, 1).padStart(8)} ms  ${text.slice(0, 220)}`);
        // the dearest reads, planned and run again (HZ_BENCH_EXPLAIN=n: the n dearest of each job)
        const reads = rows.filter(([, e]) => /^\s*(select|with)/i.test(e.sql)).slice(0, Number(process.env.HZ_BENCH_EXPLAIN ?? 0));
        for (const [, e] of reads) {
          const client = new pg.Client({ connectionString: url.toString() });
          await client.connect();
          const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${e.sql}`, e.sample);
          await client.end();
          console.log(`  EXPLAIN ${e.sql.replace(/\s+/g, ' ').slice(0, 100)}`);
          console.log(plan.rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n'));
        }
      }
      await db.deleteFrom('OutboxMessage').execute();
      await closeDatabase(db);
      if (!process.env.HZ_BENCH_KEEP) await admin(server.admin, `DROP DATABASE ${name}`);
    }
  } finally {
    if (!process.env.HZ_BENCH_KEEP || process.env.HZ_BENCH_DATABASE_URL) await server.stop();
  }
}

async function seedMigrations(url: string): Promise<void> {
  const { applyPostgresMigrations } = await import('../src/db/migrate.ts');
  await applyPostgresMigrations(url);
}

runCli(async (argv) => {
  await main(argv);
  return 0;
});
