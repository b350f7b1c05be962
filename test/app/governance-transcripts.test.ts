import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from '../../src/app/transcript.ts';
import { formatDelivery } from '../../src/channels/recording-channel.ts';

const DIR = join(import.meta.dirname, '..', 'transcripts');

describe('transcripts', () => {
  it('lifecycle.txt: plan, photo, rejection, acceptance', async () => {
    const { deliveries, ledger } = await runTranscript(join(DIR, 'lifecycle.txt'));
    const lines = deliveries.map(formatDelivery);
    expect(lines.join('\n')).not.toContain('出错');
    expect(lines).toContain('→ [应急管理局监管群] YH-0001 验收通过，已销号。红星化工：红星化工储罐区呼吸阀损坏\n已抽中滚动检查：将于2027年1月2日、2027年3月3日复查是否反弹。');
    expect(ledger).toMatchObject([{ code: 'YH-0001', status: 'closed', level: 'major' }]);
  });

  it('governance.txt: the story of docs/governance.md', async () => {
    const { deliveries, ledger } = await runTranscript(join(DIR, 'governance.txt'));
    const text = deliveries.map(formatDelivery).join('\n');
    expect(text).not.toContain('出错');
    expect(text).toContain('→ [县安委会领导群] 【督办销号】YH-0001 红星化工：红星化工储罐区呼吸阀损坏，已于12月9日由应急管理局王建国验收销号（督办领导：刘县长）。');
    expect(text).toContain('→ [红星化工安全对接群] 已将 1 个附件存为 YH-0001【督办】 的整改证据');
    expect(text).toContain('1. 红星化工 100分｜发现1 销号1 整改率100% 按期率100% 平均8天 逾期0 反弹0');
    expect(text).toMatch(/文件：.*台账-20270108-100000\.xlsx/);
    expect(deliveries.find((d) => d.text.startsWith('已导出台账'))?.file).toMatch(/台账-20270108-100000\.xlsx$/);
    expect(ledger.map((h) => [h.code, h.status, h.overdue])).toEqual([['YH-0001', 'rectifying', false], ['YH-0002', 'registered', true], ['YH-0003', 'registered', true]]);
  });
});
