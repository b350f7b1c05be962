import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/app/bot.ts';
import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { RecordingChannel } from '../src/channels/recording-channel.ts';
import type { AppConfig } from '../src/core/config.ts';
import { atLocal } from '../src/domain/calendar.ts';
import { formatHazardCode } from '../src/parse/normalize.ts';
import { measure, type Throughput } from './measure.ts';
import type { SeededCounty } from './seed-county.ts';

export interface PipelineFigures {
  registrations: Throughput;
  progress: Throughput;
  mixed: Throughput;
}

/**
 * The message path on a seeded county, as chat sends it: `commands` registrations one after
 * another, then a progress report on each new hazard, then both at once from `senders` senders.
 * Every command must be answered; the bot runs on the database `config` names (SQLite or PostgreSQL).
 */
export async function benchPipeline(config: Partial<AppConfig>, county: SeededCounty, hazards: number, today: string, commands: number, senders: number): Promise<PipelineFigures> {
  let now = atLocal(`${today} 09:00`);
  const channel = new RecordingChannel(() => now);
  const dir = mkdtempSync(join(tmpdir(), 'hz-bench-data-'));
  const bot = await createBot({ config: defaultConfig({ dataDir: dir, ...config }), channel, log: createLogger('silent'), clock: () => now, jobs: [] });
  try {
    let id = 0;
    const send = async (group: string, sender: string, text: string) => {
      id += 1;
      now = new Date(now.getTime() + 1000);
      await bot.receive({ platform: 'console', messageId: `bench-${id}`, group: { id: group, name: group }, sender: { id: sender, name: sender }, text, mentions: [], attachments: [], at: now });
    };
    const enterprise = (i: number) => county.enterprises[(i * 7919) % county.enterprises.length]!;
    const department = (supervisorId: number) => county.departments.find((d) => d.id === supervisorId)!;
    const register = (i: number) => {
      const e = enterprise(i);
      const d = department(e.supervisorId);
      return send(d.group, d.person, `登记隐患：${e.name} 配电箱未接地，责任人 ${e.contact}，12月20日前整改完毕`);
    };
    const progress = (i: number, offset: number) => {
      const e = enterprise(i);
      return send(e.group, e.contact, `${formatHazardCode(hazards + offset + i + 1)} 进度50% 已整改一半`);
    };
    const registrations = await measure(commands, 1, (i) => register(i));
    const progressFigures = await measure(commands, 1, (i) => progress(i, 0));
    const mixed = await measure(commands, senders, (i) => (i % 2 === 0 ? register(commands + i) : progress(i - 1, commands)));
    if (channel.sent.length < commands * 3) throw new Error(`expected replies for every command, got ${channel.sent.length}`);
    return { registrations, progress: progressFigures, mixed };
  } finally {
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
