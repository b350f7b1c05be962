import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTimedDelivery, runTranscript } from '../../src/app/transcript.ts';

const dir = import.meta.dirname;
// every transcript, against the output reviewed and checked in next to it (NAME.out.txt);
// `npx vitest run test/transcripts -u` rewrites them: read the diff before committing it
const stories = readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.endsWith('.out.txt'));

describe.each(stories)('transcript %s', (file) => {
  it('prints what it printed when it was reviewed', async () => {
    const { deliveries } = await runTranscript(join(dir, file));
    const printed = deliveries
      .map(formatTimedDelivery)
      .join('\n')
      // the simulator's database lives in a fresh temporary folder each run
      .replace(/\/[^\s]*hz-sim-[^/\s]+\//g, '<sim>/');
    await expect(`${printed}\n`).toMatchFileSnapshot(join(dir, file.replace(/\.txt$/, '.out.txt')));
  });
});
