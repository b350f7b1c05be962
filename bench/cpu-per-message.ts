// `node --import tsx bench/cpu-per-message.ts [REPO]`: CPU time per registration, per progress
// report and per message of the two mixed from 50 concurrent senders, in one process, on the
// seeded 10,000-hazard county, `HZ_DB_SYNC=normal`. On a shared
// machine CPU time moves far less than wall time, so two commits compare best by it: REPO (default:
// this checkout) may be another worktree, e.g. the commit before the Kysely port
// (`git worktree add /tmp/old b551b60`), whose own bot and seed are then measured.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCountyBot } from './county-bot.ts';

const repo = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const COMMANDS = Number(process.env.HZ_BENCH_COMMANDS ?? 1000);

/** Write syscalls and bytes of this process so far (Linux): the disk work per message, beside the CPU. */
function io(): { syscw: number; wchar: number } {
  const fields = Object.fromEntries(readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((l) => l.split(': ')).map(([k, v]) => [k, Number(v)]));
  return { syscw: fields.syscw ?? 0, wchar: fields.wchar ?? 0 };
}

async function main(): Promise<void> {
  const bot = await startCountyBot(repo);
  const phase = async (name: string, op: (i: number) => Promise<void>, senders = 1) => {
    const latencies: number[] = [];
    const io0 = io();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < COMMANDS) {
        const i = next++;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: senders }, sender));
    const cpu = process.cpuUsage(cpu0);
    const io1 = io();
    latencies.sort((a, b) => a - b);
    console.log(`${name}: CPU ${((cpu.user + cpu.system) / 1000 / COMMANDS).toFixed(3)} ms/msg, wall ${((performance.now() - t0) / COMMANDS).toFixed(3)} ms/msg, p50 ${latencies[COMMANDS >> 1]?.toFixed(3)} ms, ${((io1.syscw - io0.syscw) / COMMANDS).toFixed(1)} writes/msg`);
  };
  // the first thousand warm the code up; the progress reports then go to the hazards registered next
  for (let i = 0; i < COMMANDS; i++) await bot.register(i);
  await phase('registration', (i) => bot.register(COMMANDS + i));
  await phase('progress report', (i) => bot.progress(i, COMMANDS));
  // as bench/pipeline.ts mixes them: new registrations, and reports on the warm-up's hazards
  await phase('mixed, 50 senders', (i) => (i % 2 === 0 ? bot.register(2 * COMMANDS + i) : bot.progress(i - 1, 0)), 50);
  await bot.close();
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
