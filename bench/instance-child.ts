// One instance for bench/instances.ts: a bot on the PostgreSQL in argv[2] that, on "go" (a stdin
// line), handles `count` messages of `kind` one after another through the real pipeline (one
// SERIALIZABLE transaction each, its replies claimed and sent), then prints {"done":…}.
//   node --import tsx bench/instance-child.ts <url> <instance number> <count> <register|progress> <hazards>
import { createInterface } from 'node:readline';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/app/bot.ts';
import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { RecordingChannel } from '../src/channels/recording-channel.ts';
import { atLocal } from '../src/domain/calendar.ts';
import { formatHazardCode } from '../src/parse/normalize.ts';

const [url, n, countText, kind, hazardsText] = process.argv.slice(2);
if (!url || !n || !countText || !kind) throw new Error('usage: instance-child.ts <url> <n> <count> <register|progress> <hazards>');
const count = Number(countText);
const hazards = Number(hazardsText ?? 0);
const now = atLocal('2026-12-01 09:00');
const dir = mkdtempSync(join(tmpdir(), 'hz-bench-instance-'));
const bot = await createBot({
  config: defaultConfig({ databaseUrl: url, dbFile: join(dir, 'unused.db'), dataDir: dir }), channel: new RecordingChannel(() => now),
  log: createLogger('silent'), clock: () => now, jobs: [],
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
let redelivered = 0;
const started = performance.now();
for (let i = 0; i < count; i++) {
  const id = `bench-${n}-${i}`;
  const message = kind === 'register'
    ? { group: '应急管理局监管群', sender: '王建国', text: '登记隐患：红星化工 配电箱未接地，责任人 张伟，12月20日前整改完毕' }
    : { group: '红星化工安全对接群', sender: '张伟', text: `${formatHazardCode(1 + ((i * 7 + Number(n) * 13) % Math.max(1, hazards)))} 进度50% 已整改一半` };
  // a message left unacknowledged (it lost every try to the other instances) comes again, as a platform redelivers it
  for (;;) {
    try {
      await bot.receive({ platform: 'console', messageId: id, group: { id: message.group, name: message.group }, sender: { id: message.sender, name: message.sender }, text: message.text, mentions: [], attachments: [], at: now });
      break;
    } catch {
      redelivered += 1;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ done: count, seconds, redelivered })}\n`);
await bot.close();
process.exit(0);
