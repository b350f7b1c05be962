import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';
import { gappyList, inspectionList } from '../../fixtures/problem-lists/build.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const reply = async (group: string, sender: string, text: string) => (await chat.send(group, sender, text)).filter((d) => d.group?.name === group).map((d) => d.text).join('\n');

/** Two lists: the provincial one (5 items), the fire campaign's (6 items, 4 待明确); one item closed, one overdue. */
async function twoLists(): Promise<void> {
  await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '督查反馈.xlsx', mime: XLSX, data: await inspectionList() }] });
  await chat.send(G.leaders, '赵主任', '确认导入');
  await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
  await chat.send(G.leaders, '赵主任', '确认导入 红兴化工=红星化工');
  await chat.send(G.redStar, '张伟', 'YH-0001 整改完成 请验收');
  await chat.send(G.safety, '王建国', 'YH-0001 验收通过');
  await chat.setClock('2026-12-13 09:00');
}

describe('问题清单 and 专项整治 track lists and campaigns (#15 item 4)', () => {
  it('lists every list with total, closed, overdue and 待明确, then per unit, then item by item', async () => {
    await twoLists();
    expect(await reply(G.leaders, '刘县长', '问题清单')).toBe([
      '问题清单（2 份，截至12月13日）：',
      'QD-0002 消防安全专项检查问题清单｜专项整治（消防安全专项检查）',
      '  共 6 项｜已销号 0｜整改中 2（逾期 1）｜待明确 4',
      'QD-0001 省安委会第三督查组安全生产督查问题清单｜督查反馈（省安委会第三督查组，11月28日）',
      '  共 5 项｜已销号 1｜整改中 4（逾期 1）｜待明确 0',
      '发送「问题清单 QD-0002」看各单位进度，「整改报告 QD-0002」导出整改情况报告。',
    ].join('\n'));
    expect(await reply(G.leaders, '刘县长', '问题清单 qd1')).toBe([
      '问题清单 QD-0001 省安委会第三督查组安全生产督查问题清单',
      '督查反馈（省安委会第三督查组，11月28日）｜12月1日导入',
      '共 5 项｜已销号 1｜整改中 4（逾期 1）｜待明确 0',
      '· 城南建筑工地：共 1｜销号 0｜逾期 1｜待明确 0',
      '· 红星化工：共 2｜销号 1｜逾期 0｜待明确 0',
      '· 蓝天物流：共 2｜销号 0｜逾期 0｜待明确 0',
      '发送「问题清单 QD-0001 城南建筑工地」看逐项情况。',
    ].join('\n'));
    expect(await reply(G.leaders, '刘县长', '问题清单 QD-0001 红星化工')).toBe([
      '问题清单 QD-0001｜红星化工：共 2｜销号 1｜逾期 0｜待明确 0',
      '第1项 YH-0001 储罐区可燃气体报警器未定期检定｜已销号 12月1日',
      '第2项 YH-0002 动火作业票证审批不规范｜待整改｜时限 12月20日',
    ].join('\n'));
    // a department sees its own units only: 实验小学 (城关镇) and 城南建筑工地 (住建局) are not 应急管理局's
    expect(await reply(G.safety, '王建国', '问题清单 QD-0002')).toBe([
      '问题清单 QD-0002 消防安全专项检查问题清单',
      '专项整治（消防安全专项检查）｜12月1日导入',
      '共 3 项｜已销号 0｜整改中 2（逾期 1）｜待明确 1',
      '· 红星化工：共 2｜销号 0｜逾期 1｜待明确 0',
      '· 蓝天物流：共 1｜销号 0｜逾期 0｜待明确 1',
      '发送「问题清单 QD-0002 红星化工」看逐项情况。',
    ].join('\n'));
    expect(await reply(G.safety, '王建国', '问题清单 QD-0002 实验小学')).toBe('问题清单 QD-0002 里没有实验小学的问题。');
    expect(await reply(G.redStar, '张伟', '问题清单')).toContain('「问题清单」只有');
  });

  it('lists campaigns with the same progress, and declares one with sectors, lead and dates', async () => {
    await twoLists();
    expect(await reply(G.safety, '王建国', '专项整治 新建 危化品安全专项整治 行业 危化品 牵头 应急管理局 2026年12月1日至2027年3月31日')).toBe(
      '已记录专项整治「危化品安全专项整治」：行业：危化品｜牵头：应急管理局｜12月1日至2027年3月31日。\n导入清单时标题或说明写上这个名称，清单中的问题即归入该专项整治；发送「专项整治」查看进度。',
    );
    expect(await reply(G.leaders, '刘县长', '专项整治')).toBe([
      '专项整治（2 项，截至12月13日）：',
      '危化品安全专项整治｜行业：危化品｜牵头：应急管理局｜12月1日至2027年3月31日',
      '  共 0 项｜已销号 0｜整改中 0（逾期 0）｜待明确 0',
      '消防安全专项检查｜12月1日至未定',
      '  共 6 项｜已销号 0｜整改中 2（逾期 1）｜待明确 4',
    ].join('\n'));
    expect(await reply(G.leaders, '刘县长', '专项整治 校园消防')).toBe('没有名为「校园消防」的专项整治。现有：危化品安全专项整治、消防安全专项检查');
  });

  it('shows the lists still being worked on in the leaders\' digest, a department\'s digest (its units) and the weekly summary', async () => {
    await twoLists();
    const before = chat.channel.sent.length;
    await chat.setClock('2026-12-14 18:00');
    const sent = chat.channel.sent.slice(before);
    const digestTo = (group: string) => sent.filter((d) => d.group?.name === group && d.text.includes('问题清单进度')).map((d) => d.text.slice(d.text.indexOf('问题清单进度')));
    expect(digestTo(G.leaders)).toContain([
      '问题清单进度（2 份未清零）：',
      'QD-0002 消防安全专项检查问题清单：共6 销号0 逾期1 待明确4',
      'QD-0001 省安委会第三督查组安全生产督查问题清单：共5 销号1 逾期1 待明确0',
    ].join('\n'));
    // 应急管理局's digest counts its own units only (红星化工, 蓝天物流)
    expect(digestTo(G.safety)).toContain([
      '问题清单进度（2 份未清零）：',
      'QD-0002 消防安全专项检查问题清单：共3 销号0 逾期1 待明确1',
      'QD-0001 省安委会第三督查组安全生产督查问题清单：共4 销号1 逾期0 待明确0',
      // and, until 补全, what its units' items still lack, and those of the list 赵主任 of 应急管理局 imported
      '问题清单待明确 4 项（导入后仍缺责任人或时限，尚未登记为隐患），请补全：',
      '· QD-0002 第2项 蓝天物流 仓库灭火器过期（缺责任人）',
      '· QD-0002 第3项 实验小学 校园消防栓无水（缺整改时限）',
      '· QD-0002 第4项 城南建筑工地 临时用电私拉乱接（责任人或时限待核实）',
      '· QD-0002 第6项 实验小学 宿舍楼疏散指示标志损坏（缺责任人、缺整改时限）',
      '例：补全 QD-0002 第2项 责任人 张伟 12月20日前',
    ].join('\n'));
    // the weekly summary on Monday 09:00
    expect(sent.some((d) => d.group?.name === G.leaders && d.text.includes('小结') && d.text.includes('问题清单进度（2 份未清零）'))).toBe(true);
  });
});
