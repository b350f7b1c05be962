// The bot of any checkout on the seeded 10,000-hazard county, with the registrations and progress
// reports the per-message benches send (cpu-per-message.ts, statements-per-message.ts). REPO may be
// another worktree, e.g. the commit before the Kysely port (`git worktree add /tmp/old b551b60`):
// its own bot and seed are then used, so two commits compare in one sitting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface County { enterprises: Array<{ id: number; name: string; contact: string; group: string; supervisorId: number }>; departments: Array<{ id: number; person: string; group: string }> }

export const HAZARDS = 10_000;

export interface CountyBot {
  /** the SQLite file the bot writes */
  file: string;
  /** the i-th registration: a department registers a hazard of one of its enterprises */
  register(i: number): Promise<void>;
  /** a progress report on the i-th hazard registered after the first `registered` (by its contact) */
  progress(i: number, registered: number): Promise<void>;
  close(): Promise<void>;
}

/** Seeds the county (1,000 units, 5,000 people, 10,000 hazards) and starts REPO's bot on it, `HZ_DB_SYNC=normal`. */
export async function startCountyBot(repo: string): Promise<CountyBot> {
  const { seedCounty } = await import(join(repo, 'bench/seed-county.ts'));
  const { createBot } = await import(join(repo, 'src/app/bot.ts'));
  const { defaultConfig } = await import(join(repo, 'src/app/config.ts'));
  const { createLogger } = await import(join(repo, 'src/app/logger.ts'));
  const { RecordingChannel } = await import(join(repo, 'src/channels/recording-channel.ts'));
  const { atLocal } = await import(join(repo, 'src/domain/calendar.ts'));
  const { formatHazardCode } = await import(join(repo, 'src/parse/normalize.ts'));
  const dir = mkdtempSync(join(tmpdir(), 'hz-county-'));
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
  return {
    file,
    register(i) {
      const e = enterprise(i);
      const d = county.departments.find((x) => x.id === e.supervisorId)!;
      return send(d.group, d.person, `登记隐患：${e.name} 配电箱未接地，责任人 ${e.contact}，12月20日前整改完毕`);
    },
    progress(i, registered) {
      const e = enterprise(registered + i);
      return send(e.group, e.contact, `${formatHazardCode(HAZARDS + registered + i + 1)} 进度50% 已整改一半`);
    },
    async close() {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
