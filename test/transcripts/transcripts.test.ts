import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDelivery } from '../../src/channels/recording-channel.ts';
import { formatTimedDelivery, runTranscript, type TranscriptResult } from '../../src/app/transcript.ts';

import { freshLedger } from '../helpers/database.ts';

const dir = import.meta.dirname;
// every transcript, against the output reviewed and checked in next to it (NAME.out.txt);
// `npx vitest run test/transcripts -u` rewrites them: read the diff before committing it
const stories = readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.endsWith('.out.txt'));

// each story runs once per test run; the checks below read the same run
const runs = new Map<string, Promise<TranscriptResult>>();
function story(file: string): Promise<TranscriptResult> {
  let run = runs.get(file);
  if (!run) runs.set(file, (run = (async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hz-sim-'));
    const ledger = await freshLedger(tmp);
    return runTranscript(join(dir, file), { dbFile: ledger.dbFile, databaseUrl: ledger.databaseUrl });
  })()));
  return run;
}

describe.each(stories)('transcript %s', (file) => {
  it('prints what it printed when it was reviewed', async () => {
    const { deliveries } = await story(file);
    const printed = deliveries
      .map(formatTimedDelivery)
      .join('\n')
      // the simulator's database lives in a fresh temporary folder each run
      .replace(/\/[^\s]*hz-sim-[^/\s]+\//g, '<sim>/');
    await expect(`${printed}\n`).toMatchFileSnapshot(join(dir, file.replace(/\.txt$/, '.out.txt')));
  });
});

describe('what the stories show', () => {
  it('enforcement.txt goes from 责令限期整改 through a refused fine and 停产整顿 to a lift refused without evidence, then recorded', async () => {
    const { deliveries } = await story('enforcement.txt');
    const lines = deliveries.map(formatDelivery);
    expect(lines.join('\n')).not.toContain('出错');
    const recorded = lines.filter((l) => l.startsWith('→ [应急管理局监管群] 已记录')).map((l) => l.split('\n')[0]);
    expect(recorded).toEqual([
      '→ [应急管理局监管群] 已记录执法 ZF-0001：红星化工 责令限期整改',
      '→ [应急管理局监管群] 已记录执法 ZF-0002：红星化工 罚款',
      '→ [应急管理局监管群] 已记录执法 ZF-0003：红星化工 停产整顿',
      '→ [应急管理局监管群] 已记录 ZF-0004：红星化工 解除停产（ZF-0003 停产整顿自12月4日起至12月31日，实际3天）',
    ]);
    expect(lines.some((l) => l.includes('罚款金额「30000」没有写单位'))).toBe(true);
    expect(lines.some((l) => l.includes('执法记录只能由红星化工的监管部门（应急管理局）或管理员登记'))).toBe(true);
    // flagged while suspended (queries, the digests, the morning message), not after the lift
    const lift = lines.findIndex((l) => l.includes('已记录 ZF-0004'));
    const suspended = lines.findIndex((l) => l.includes('已记录执法 ZF-0003'));
    const during = lines.slice(suspended + 2, lift);
    expect(during.filter((l) => l.includes('红星化工〔停产整顿〕'))).toHaveLength(4); // 我的隐患, a unit question, the two morning escalations
    expect(during.filter((l) => l.includes('停产整顿中 1 家：红星化工（自12月4日起至12月31日）'))).toHaveLength(3); // two digests, the weekly summary
    // the 停产整顿 and the decisions it makes two of are one proposal, not two (#16)
    expect(during.filter((l) => l.includes('【重点关注·待确认】红星化工：一年内受到执法决定2次及以上；被责令停产整顿或关闭取缔'))).toHaveLength(1);
    expect(during.join('\n').match(/【重点关注·待确认】/g)).toHaveLength(1);
    expect(lines.slice(lift).some((l) => l.includes('红星化工〔停产整顿〕'))).toBe(false);
  });

  it('lifecycle.txt walks a hazard from registration through plan, photo and rejection to closing', async () => {
    const { deliveries, ledger } = await story('lifecycle.txt');
    const lines = deliveries.map(formatDelivery);
    expect(lines.join('\n')).not.toContain('出错');
    expect(lines[0]).toMatch(/^→ \[应急管理局监管群\] 已登记 YH-0001【重大隐患】/);
    expect(lines[1]).toMatch(/^→ \[红星化工安全对接群\] @张伟 已登记 YH-0001/);
    expect(lines.filter((l) => l.includes('验收通过，已销号'))).toHaveLength(2);
    expect(lines).toContain('→ [应急管理局监管群] YH-0001 验收通过，已销号。红星化工：红星化工储罐区呼吸阀损坏\n已抽中滚动检查：将于2027年1月2日、2027年3月3日复查是否反弹。');
    expect(ledger).toEqual([{
      code: 'YH-0001', unit: '红星化工', category: '危化品', level: 'major', description: '红星化工储罐区呼吸阀损坏', owner: '张伟',
      deadline: '2026-12-15', originalDeadline: '2026-12-15', status: 'closed', progress: 100, overdue: false,
    }]);
  });

  it('ask-back.txt completes an ask-back, tells a late answer its draft expired, and knows what is overdue', async () => {
    const { deliveries, ledger } = await story('ask-back.txt');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ code: 'YH-0001', unit: '实验小学', owner: '李四', deadline: '2026-12-04', status: 'rectifying', progress: 50, overdue: true });
    // the answer at 10:00 came after the 30-minute draft expired: not recorded, but never ignored (#10)
    const late = deliveries.filter((d) => d.at.toISOString() === '2026-12-01T02:00:00.000Z');
    expect(late.map(formatDelivery)).toEqual(['→ [城关镇安全群] 上一条登记「教学楼灭火器过期」超过30分钟没有补全，已作废，没有记录。请把整条登记重新发一次，单位、隐患、责任人、时限写在一条里，例：登记隐患 红星化工 配电室门口堆放杂物 责任人 张伟 12月15日前']);
    const last = deliveries.at(-1);
    expect(last?.group?.name).toBe('县安委会领导群');
    expect(last?.text).toContain('YH-0001 实验小学：消防通道被占用｜责任人 李四｜时限 12月4日（已逾期1天）｜整改中50%');
  });

  it('governance.txt tells the story of docs/governance.md', async () => {
    const { deliveries, ledger } = await story('governance.txt');
    const text = deliveries.map(formatDelivery).join('\n');
    expect(text).not.toContain('出错');
    expect(text).toContain('→ [县安委会领导群] @刘县长 【督办销号】YH-0001 红星化工：红星化工储罐区呼吸阀损坏，已于12月9日由应急管理局王建国验收销号（督办领导：刘县长）。');
    expect(text).toContain('→ [红星化工安全对接群] 已将 1 个附件存为 YH-0001【督办】 的整改证据');
    expect(text).toContain('1. 红星化工 100分｜发现1 销号1 整改率100% 按期率100% 平均8天 逾期0 反弹0');
    expect(text).toContain('文件：台账-20270108-100000.xlsx');
    expect(deliveries.find((d) => d.text.startsWith('已导出台账'))?.file?.name).toBe('台账-20270108-100000.xlsx');
    expect(ledger.map((h) => [h.code, h.status, h.overdue])).toEqual([['YH-0001', 'rectifying', false], ['YH-0002', 'registered', true], ['YH-0003', 'registered', true]]);
  });
});
