import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from '../../../src/app/transcript.ts';
import { formatDelivery } from '../../../src/channels/recording-channel.ts';
import { sentWorkbook } from '../../helpers/chat.ts';
import { freshLedger } from '../../helpers/database.ts';

const STORY = join(import.meta.dirname, '..', '..', 'transcripts', 'problem-list.txt');
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('a 问题清单 from import to the report back, through the chat (test/transcripts/problem-list.txt)', () => {
  it('imports, completes, rectifies, tracks and reports back item by item', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hz-story-'));
    const ledger = await freshLedger(tmp);
    const { deliveries, ledger: rows } = await runTranscript(STORY, { dbFile: ledger.dbFile, databaseUrl: ledger.databaseUrl });
    const lines = deliveries.map(formatDelivery);
    expect(lines.join('\n')).not.toContain('出错');
    expect(lines[0]).toMatch(/^→ \[应急管理局监管群\] 【问题清单预览】市安委会第二督查组安全生产督查反馈问题清单/);
    // one message per unit group, not one per item
    expect(lines.filter((l) => l.startsWith('→ [红星化工安全对接群] @张伟 @李强 【问题清单 QD-0001】'))).toHaveLength(1);
    expect(rows.map((r) => [r.code, r.unit, r.owner, r.deadline, r.status])).toEqual([
      ['YH-0001', '红星化工', '张伟', '2026-12-15', 'closed'],
      ['YH-0002', '蓝天物流', '钱经理', '2026-12-18', 'pending_review'],
      ['YH-0003', '城南建筑工地', '吴工', '2026-12-12', 'registered'],
      ['YH-0004', '红星化工', '李强', '2026-12-10', 'registered'],
      ['YH-0005', '红星化工', '李强', '2026-12-20', 'registered'],
    ]);
    expect(deliveries.at(-1)?.file?.name).toBe('整改报告-QD-0001-20261201-110000.xlsx');
    const book = await sentWorkbook(deliveries.at(-1));
    const sheet = book.getWorksheet('整改情况');
    const row = (n: number) => Array.from({ length: 9 }, (_, i) => sheet?.getRow(n).getCell(i + 1).value ?? null);
    expect(sheet?.getCell('A1').value).toBe('市安委会第二督查组安全生产督查反馈问题整改情况报告');
    expect(row(4)).toEqual([1, '储罐区可燃气体报警器未定期检定', '红星化工', '张伟', '立即送检，建立检定台账', day('2026-12-15'), '报警器检定合格已装回，建立检定台账；已验收销号（王建国）', '已完成', day('2026-12-01')]);
    expect(row(5)).toEqual([2, '动火作业票证审批不规范', '红星化工', '李强', '完善动火作业管理制度', day('2026-12-20'), '尚未报告进度', '未开始整改', null]);
    expect(row(6)).toEqual([3, '危险货物车辆停放区未设置隔离设施', '蓝天物流', '钱经理', '设置隔离栏', day('2026-12-18'), '隔离栏已安装', '待验收', null]);
    expect(row(7)).toEqual([4, '塔吊限位器失效', '城南建筑工地', '吴工', '停用塔吊，更换限位器并检测', day('2026-12-12'), '尚未报告进度', '未开始整改', null]);
    expect(row(8)).toEqual([5, '中控室应急照明不亮', '红星化工', '李强', '更换应急照明灯具', day('2026-12-10'), '尚未报告进度', '未开始整改', null]);
  });
});
