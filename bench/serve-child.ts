import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/app/bot.ts';
import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { RecordingChannel } from '../src/channels/recording-channel.ts';
import { atLocal } from '../src/domain/calendar.ts';

/**
 * Opened by bench/run.ts in a fresh process: starts the bot on a seeded database, answers the
 * heaviest queries a county asks, and prints startup time and peak memory as one JSON line.
 */
async function main(file: string): Promise<void> {
  const started = performance.now();
  const now = atLocal('2026-12-01 17:00');
  const channel = new RecordingChannel(() => now);
  const bot = await createBot({ config: defaultConfig({ dbFile: file, dataDir: mkdtempSync(join(tmpdir(), 'hz-serve-')) }), channel, log: createLogger('silent'), clock: () => now });
  const readyMs = performance.now() - started;
  const queriesMs: Record<string, number> = {};
  let n = 0;
  const ask = async (name: string, group: string, sender: string, text: string) => {
    const t = performance.now();
    n += 1;
    await bot.receive({ platform: 'console', messageId: `serve-${n}`, group: { id: group, name: group }, sender: { id: sender, name: sender }, text, mentions: [], attachments: [], at: now });
    queriesMs[name] = performance.now() - t;
  };
  await ask('逾期隐患 (leader, whole county)', '县安委会领导群', '县长甲', '逾期隐患');
  await ask('我的隐患 (leader)', '县安委会领导群', '县长甲', '我的隐患');
  await ask('查询 YH-0001', '县安委会领导群', '县长甲', '查询 YH-0001');
  await bot.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ readyMs, peakRssMb, queriesMs }));
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
