// `node --import tsx bench/statements-per-message.ts [REPO]`: the SQL statements one registration and
// one progress report run (counted over 200 of each after 200 warm-up registrations), with SQLite's
// own CPU time per statement, on the seeded county. REPO as in cpu-per-message.ts: the commit
// before the Kysely port ran its queries through Prisma and raw statements, so the count is taken
// below every query layer, at better-sqlite3's statement methods (REPO's own copy of the package).
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { startCountyBot } from './county-bot.ts';

const repo = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const COMMANDS = Number(process.env.HZ_BENCH_COMMANDS ?? 200);

interface Tally { runs: number; cpuUs: number }
const tally = new Map<string, Tally>();
let counting = false;

/** Counts every statement better-sqlite3 runs while `counting`, by its SQL text. */
function countStatements(): void {
  const Database = createRequire(join(repo, 'package.json'))('better-sqlite3');
  const probe = new Database(':memory:');
  const count = (sql: string, run: () => unknown) => {
    if (!counting) return run();
    const cpu0 = process.cpuUsage();
    try {
      return run();
    } finally {
      const cpu = process.cpuUsage(cpu0);
      const entry = tally.get(sql) ?? { runs: 0, cpuUs: 0 };
      entry.runs += 1;
      entry.cpuUs += cpu.user + cpu.system;
      tally.set(sql, entry);
    }
  };
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = statement[method];
    statement[method] = function (this: { source: string }, ...args: unknown[]) {
      return count(this.source, () => original.apply(this, args));
    };
  }
  const database = Object.getPrototypeOf(probe);
  const exec = database.exec;
  database.exec = function (this: unknown, sql: string) {
    return count(sql, () => exec.call(this, sql));
  };
  probe.close();
}

function report(name: string): void {
  const rows = [...tally].sort((a, b) => b[1].runs - a[1].runs || b[1].cpuUs - a[1].cpuUs);
  const runs = rows.reduce((n, [, t]) => n + t.runs, 0);
  const cpu = rows.reduce((n, [, t]) => n + t.cpuUs, 0);
  console.log(`\n${name}: ${(runs / COMMANDS).toFixed(1)} statements per message, SQLite ${(cpu / COMMANDS).toFixed(0)} µs CPU`);
  for (const [sql, t] of rows) console.log(`${(t.runs / COMMANDS).toFixed(2).padStart(6)} ${(t.cpuUs / t.runs).toFixed(1).padStart(7)} µs  ${sql.replace(/\s+/g, ' ').slice(0, 150)}`);
  tally.clear();
}

async function main(): Promise<void> {
  countStatements();
  const bot = await startCountyBot(repo);
  for (let i = 0; i < COMMANDS; i++) await bot.register(i);
  counting = true;
  for (let i = 0; i < COMMANDS; i++) await bot.register(COMMANDS + i);
  report('registration');
  for (let i = 0; i < COMMANDS; i++) await bot.progress(i, COMMANDS);
  report('progress report');
  counting = false;
  await bot.close();
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
