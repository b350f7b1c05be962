import { formatDelivery } from '../channels/recording-channel.ts';
import { TranscriptError, deliveryJson, formatTimedDelivery, runTranscript } from './transcript.ts';
import { RosterError } from './roster-file.ts';

const USAGE = '用法：npm run simulate -- FILE [--json] [--time] [--db PATH]';

/** `npm run simulate -- FILE [--json] [--time] [--db PATH]`: runs a transcript and prints what the bot sends. */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  // --time: each message starts with its simulated time, as the reviewed *.out.txt files show it
  const timed = argv.includes('--time');
  const dbAt = argv.indexOf('--db');
  const dbFile = dbAt !== -1 ? argv[dbAt + 1] : undefined;
  if (dbAt !== -1 && !dbFile) {
    console.error(USAGE);
    return 2;
  }
  const file = argv.find((a, i) => !a.startsWith('--') && (dbAt === -1 || i !== dbAt + 1));
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const result = await runTranscript(file, {
    ...(dbFile ? { dbFile } : {}),
    onDelivery: (d) => console.log(json ? deliveryJson(d) : timed ? formatTimedDelivery(d) : formatDelivery(d)),
  });
  if (json) console.log(JSON.stringify({ ledger: result.ledger }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TranscriptError || error instanceof RosterError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
