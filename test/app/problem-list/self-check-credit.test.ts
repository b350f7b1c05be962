import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, sentWorkbook, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

describe('企业自查 earns credit in the assessment (#15 item 6, #16 item 4)', () => {
  it('scores a self-found, self-fixed hazard: 50×1/2 + 35×1/1 + 15×1 + 10×1/2 = 80 (75 without the credit)', async () => {
    // 张伟 finds one in his own unit (企业自查) and fixes it; the department finds another, still open and not yet due
    await chat.send(G.redStar, '张伟', '登记隐患 储罐区呼吸阀损坏 责任人张伟 12月15日前');
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 配电室门口堆放杂物 责任人张伟 12月20日前');
    await chat.send(G.redStar, '张伟', 'YH-0001 整改完成 已更换呼吸阀 请验收');
    await chat.send(G.safety, '王建国', 'YH-0001 验收通过');
    const out = await chat.send(G.leaders, '刘县长', '排名 本月 单位');
    expect(out[0]?.text).toBe([
      '考核排名·责任单位（2026年12月，截至12月1日）',
      '1. 红星化工 80分｜发现2 销号1 整改率50% 按期率100% 平均0天 逾期0 反弹0 自查自改1',
      '计分：整改率×50＋按期率×35＋时效×15＋自查自改率×10－当前逾期每项5分－反弹每项10分；重大隐患逾期超过30天一票否决。',
    ].join('\n'));
  });

  it('shows 自查自改 and its rate in the Excel 考核 sheet (#15 leftover)', async () => {
    await chat.send(G.redStar, '张伟', '登记隐患 储罐区呼吸阀损坏 责任人张伟 12月15日前');
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 配电室门口堆放杂物 责任人张伟 12月20日前');
    await chat.send(G.redStar, '张伟', 'YH-0001 整改完成 已更换呼吸阀 请验收');
    await chat.send(G.safety, '王建国', 'YH-0001 验收通过');
    const out = await chat.send(G.leaders, '刘县长', '导出台账 本月');
    const book = await sentWorkbook(out[0]);
    const sheet = book.getWorksheet('考核');
    const row = (n: number) => Array.from(sheet?.getRow(n).values as unknown[]).slice(1);
    expect(row(2).slice(13, 16)).toEqual(['反弹', '自查自改', '自查自改率']);
    expect([row(4)[1], ...row(4).slice(13, 16)]).toEqual(['红星化工', 0, 1, 0.5]);
    expect(sheet?.getRow(4).getCell(16).numFmt).toBe('0.0%');
  });
});
