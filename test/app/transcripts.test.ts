import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript, TranscriptError } from '../../src/app/transcript.ts';

const dir = join(import.meta.dirname, '..', 'transcripts');

// The stories themselves run once, in test/transcripts/transcripts.test.ts.
describe('the transcript runner', () => {
  // the one test that starts a CLI as its own process: `npm run simulate` as a user runs it
  it('prints the stable JSON shape from the command line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/app/simulate-cli.ts', join(dir, 'lifecycle.txt'), '--json'], { encoding: 'utf8' });
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const first = rows[0];
    expect(Object.keys(first ?? {})).toEqual(['at', 'kind', 'group', 'to', 'mentions', 'text']);
    expect(first).toMatchObject({ at: '2026-12-01T09:00:00+08:00', kind: 'reply', group: '应急管理局监管群', to: null, mentions: [] });
    expect(rows[1]).toMatchObject({ kind: 'push', group: '红星化工安全对接群', mentions: ['张伟'] });
    const ledger = rows.at(-1)?.ledger as Array<Record<string, unknown>>;
    expect(Object.keys(ledger[0] ?? {})).toEqual(['code', 'unit', 'category', 'level', 'description', 'owner', 'deadline', 'originalDeadline', 'status', 'progress', 'overdue']);
  });

  it('reads continuation lines and refuses a clock that goes back', () => {
    const steps = parseTranscript('@clock 2026-12-01 09:00\n[群] 王建国: 登记隐患\n    单位：红星化工\n    责任人：@张伟\n');
    expect(steps[1]).toMatchObject({ kind: 'message', text: '登记隐患\n单位：红星化工\n责任人：@张伟' });
    expect(() => parseTranscript('乱写一行')).toThrow(TranscriptError);
  });

  it('refuses a clock that goes back', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hz-tr-'));
    const file = join(tmp, 'back.txt');
    writeFileSync(file, '@clock 2026-12-02 09:00\n@clock 2026-12-01 09:00\n');
    await expect(runTranscript(file)).rejects.toThrow('@clock 不能倒退');
    rmSync(tmp, { recursive: true, force: true });
  });
});
