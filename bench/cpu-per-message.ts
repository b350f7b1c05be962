// `node --import tsx bench/cpu-per-message.ts [REPO]`: CPU time per registration and per progress
// report in one process, on the seeded 10,000-hazard county, `HZ_DB_SYNC=normal`. On a shared
// machine CPU time moves far less than wall time, so two commits compare best by it: REPO (default:
// this checkout) may be another worktree, e.g. the commit before the Kysely port
// (`git worktree add /tmp/old b551b60`), whose own bot and seed are then measured.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface County { enterprises: Array<{ id: number; name: string; contact: string; group: string; supervisorId: number }>; departments: Array<{ id: number; person: string; group: string }> }

const repo = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const COMMANDS = Number(process.env.HZ_BENCH_COMMANDS ?? 1000);
const HAZARDS = 10_000;

/** Write syscalls and bytes of this process so far (Linux): the disk work per message, beside the CPU. */
function io(): { syscw: number; wchar: number } {
  const fields = Object.fromEntries(readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((l) => l.split(': ')).map(([k, v]) => [k, Number(v)]));
  return { syscw: fields.syscw ?? 0, wchar: fields.wchar ?? 0 };
}

async function main(): Promise<void> {
  const { seedCounty } = await import(join(repo, 'bench/seed-county.ts'));
  const { createBot } = await import(join(repo, 'src/app/bot.ts'));
  const { defaultConfig } = await import(join(repo, 'src/app/config.ts'));
  const { createLogger } = await import(join(repo, 'src/app/logger.ts'));
  const { RecordingChannel } = await import(join(repo, 'src/channels/recording-channel.ts'));
  const { atLocal } = await import(join(repo, 'src/domain/calendar.ts'));
  const { formatHazardCode } = await import(join(repo, 'src/parse/normalize.ts'));
  const dir = mkdtempSync(join(tmpdir(), 'hz-cpu-'));
  const file = join(dir, 'county.db');
  const shape = { units: 1_000, people: 5_000, hazards: HAZARDS, seed: 20261201, today: '2026-12-01' };
  // before the seed went through the data layer it took the file name
  const county = (await seedCounty(seedCounty.toString().includes('target') ? { file } : file, shape)) as County;
  let now: Date = atLocal('2026-12-01 09:00');
  const bot = await createBot({ config: defaultConfig({ dbFile: file, dataDir: dir, dbSync: 'normal' }), channel: new RecordingChannel(() => now), log: createLogger('silent'), clock: () => now });
  let id = 0;
  const send = async (group: string, sender: string, text: string) => {
    id += 1;
    now = new Date(now.getTime() + 1000);
    await bot.receive({ platform: 'console', messageId: `cpu-${id}`, group: { id: group, name: group }, sender: { id: sender, name: sender }, text, mentions: [], attachments: [], at: now });
  };
  const enterprise = (i: number) => county.enterprises[(i * 7919) % county.enterprises.length]!;
  const register = (i: number) => {
    const e = enterprise(i);
    const d = county.departments.find((x) => x.id === e.supervisorId)!;
    return send(d.group, d.person, `登记隐患：${e.name} 配电箱未接地，责任人 ${e.contact}，12月20日前整改完毕`);
  };
  const progress = (i: number) => {
    const e = enterprise(COMMANDS + i);
    return send(e.group, e.contact, `${formatHazardCode(HAZARDS + COMMANDS + i + 1)} 进度50% 已整改一半`);
  };
  const phase = async (name: string, op: (i: number) => Promise<void>) => {
    const latencies: number[] = [];
    const io0 = io();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < COMMANDS; i++) {
      const t = performance.now();
      await op(i);
      latencies.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    const io1 = io();
    latencies.sort((a, b) => a - b);
    console.log(`${name}: CPU ${((cpu.user + cpu.system) / 1000 / COMMANDS).toFixed(3)} ms/msg, wall ${((performance.now() - t0) / COMMANDS).toFixed(3)} ms/msg, p50 ${latencies[COMMANDS >> 1]?.toFixed(3)} ms, ${((io1.syscw - io0.syscw) / COMMANDS).toFixed(1)} writes/msg`);
  };
  // the first thousand warm the code up; the progress reports then go to the hazards registered next
  for (let i = 0; i < COMMANDS; i++) await register(i);
  await phase('registration', (i) => register(COMMANDS + i));
  await phase('progress report', progress);
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
