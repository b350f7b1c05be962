import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatDelivery } from '../channels/recording-channel.ts';
import { runCli } from './cli.ts';
import type { CliOutput } from './export-cli.ts';
import { deliveryJson, formatTimedDelivery, runTranscript } from './transcript.ts';
import { UserError } from '../core/user-error.ts';

const USAGE = '用法：npm run simulate -- 剧本文件 [--json] [--time] [--db 数据库文件]，例：npm run simulate -- test/transcripts/readme.txt';

/** `npm run simulate -- FILE [--json] [--time] [--db PATH]`: runs a transcript and prints what the bot sends. */
export async function simulateCli(argv: string[], console: CliOutput = globalThis.console): Promise<number> {
  const json = argv.includes('--json');
  // --time: each message starts with its simulated time, as the reviewed *.out.txt files show it
  const timed = argv.includes('--time');
  const dbAt = argv.indexOf('--db');
  const dbFile = dbAt !== -1 ? argv[dbAt + 1] : undefined;
  if (dbAt !== -1 && (!dbFile || dbFile.startsWith('--'))) throw new UserError(`--db 后面要写数据库文件的路径。${USAGE}`);
  const unknown = argv.find((a) => a.startsWith('--') && !['--json', '--time', '--db'].includes(a));
  if (unknown) throw new UserError(`不认识的选项 ${unknown}。${USAGE}`);
  const files = argv.filter((a, i) => !a.startsWith('--') && (dbAt === -1 || i !== dbAt + 1));
  if (files.length !== 1) throw new UserError(files.length === 0 ? `缺少剧本文件。${USAGE}` : `一次只能运行一个剧本（收到 ${files.join('、')}）。${USAGE}`);
  const result = await runTranscript(files[0] ?? '', {
    ...(dbFile ? { dbFile } : {}),
    onDelivery: (d) => console.log(json ? deliveryJson(d) : timed ? formatTimedDelivery(d) : formatDelivery(d)),
  });
  if (json) console.log(JSON.stringify({ ledger: result.ledger }));
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) runCli((argv) => simulateCli(argv));
