import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript, TranscriptError } from '../../src/app/transcript.ts';
import { formatDelivery } from '../../src/channels/recording-channel.ts';

const dir = join(import.meta.dirname, '..', 'transcripts');

describe('transcripts end to end', () => {
  it('walks a hazard from registration to closing', async () => {
    const { deliveries, ledger } = await runTranscript(join(dir, 'lifecycle.txt'));
    const lines = deliveries.map(formatDelivery);
    expect(lines[0]).toMatch(/^→ \[应急管理局监管群\] 已登记 YH-0001【重大隐患】/);
    expect(lines[1]).toMatch(/^→ \[红星化工安全对接群\] @张伟 已登记 YH-0001/);
    expect(lines.filter((l) => l.includes('验收通过，已销号'))).toHaveLength(2);
    expect(ledger).toEqual([{
      code: 'YH-0001', unit: '红星化工', category: '危化品', level: 'major', description: '红星化工储罐区呼吸阀损坏', owner: '张伟',
      deadline: '2026-12-15', originalDeadline: '2026-12-15', status: 'closed', progress: 100, overdue: false,
    }]);
  });

  it('completes an ask-back, drops an expired one, and knows what is overdue', async () => {
    const { deliveries, ledger } = await runTranscript(join(dir, 'ask-back.txt'));
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ code: 'YH-0001', unit: '实验小学', owner: '李四', deadline: '2026-12-04', status: 'rectifying', progress: 50, overdue: true });
    // the answer at 10:00 came after the 30-minute draft expired: it is chat, not an answer
    expect(deliveries.some((d) => d.at.toISOString() === '2026-12-01T02:00:00.000Z')).toBe(false);
    const last = deliveries.at(-1);
    expect(last?.group?.name).toBe('县安委会领导群');
    expect(last?.text).toContain('YH-0001 实验小学：消防通道被占用｜责任人 李四｜时限 12月4日（已逾期1天）｜整改中50%');
  });

  it('prints the stable JSON shape from the command line', () => {
    const out = execFileSync('npx', ['tsx', 'src/app/simulate-cli.ts', join(dir, 'lifecycle.txt'), '--json'], { encoding: 'utf8' });
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
