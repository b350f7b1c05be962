import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
});
afterEach(async () => {
  await chat.close();
});

const ENTRY = '列入黑名单 红星化工 文号：应急罚〔2026〕12号 机关：县应急管理局 日期：2026-11-20 原因：重大隐患拒不整改';

describe('the formal 严重失信主体名单', () => {
  it('records an authority decision with its three-year term and flags the unit wherever it appears', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    const added = await chat.send(G.safety, '赵主任', ENTRY);
    expect(texts(added)).toEqual([
      '已登记严重失信主体名单：红星化工（应急罚〔2026〕12号，县应急管理局，11月20日决定），期限至2029年11月20日。\n该单位在隐患清单、考核排名和台账中标注〔失信〕，期满自动解除。',
    ]);
    expect((await chat.send(G.redStar, '张伟', '我的隐患'))[0]?.text).toContain(`${code} 红星化工〔失信〕：`);
    expect((await chat.send(G.redStar, '张伟', `查询 ${code}`))[0]?.text).toContain('单位：红星化工〔失信〕');
    expect((await chat.send(G.redStar, '张伟', '黑名单'))[0]?.text).toBe(
      '严重失信主体名单（在列 1 家）\n1. 红星化工｜应急罚〔2026〕12号｜县应急管理局｜11月20日至2029年11月20日｜重大隐患拒不整改',
    );
  });

  it('needs the decision number, authority and date, from an admin', async () => {
    expect(texts(await chat.send(G.safety, '赵主任', '列入黑名单 红星化工 原因：屡查屡犯'))).toEqual([
      '缺少决定书文号（文号：）、决定机关（机关：）、决定日期（日期：）。严重失信主体名单由有权机关依法认定，这里只登记其决定。\n例：列入黑名单 红星化工 文号：应急罚〔2026〕12号 机关：县应急管理局 日期：2026-11-20',
    ]);
    expect(texts(await chat.send(G.safety, '赵主任', '列入黑名单 火星化工 文号：X 机关：Y 日期：2026-11-20'))).toEqual(['单位「火星化工」不在名册中。']);
    expect(texts(await chat.send(G.safety, '赵主任', '列入黑名单 红星化工 文号：X 机关：Y 日期：2027-01-20'))).toEqual(['决定日期不能晚于今天。']);
    expect(texts(await chat.send(G.safety, '王建国', ENTRY))).toEqual(['「列入黑名单」只有管理员可以使用。']);
    expect((await chat.send(G.safety, '王建国', '黑名单'))[0]?.text).toBe('严重失信主体名单（在列 0 家）\n  暂无。');
  });

  it('expires on its own after the term, and ends early when an admin enters a removal', async () => {
    await chat.send(G.safety, '赵主任', ENTRY);
    await chat.send(G.safety, '赵主任', '列入黑名单 蓝天物流 文号：交罚〔2026〕3号 机关：县交通运输局 日期：2026-11-30');
    expect(texts(await chat.send(G.safety, '赵主任', '移出黑名单 城南建筑工地'))).toEqual(['城南建筑工地 目前不在严重失信主体名单中。']);
    expect(texts(await chat.send(G.safety, '赵主任', '移出黑名单 蓝天物流 2027-06-01 信用修复'))).toEqual(['已登记 蓝天物流 提前移出严重失信主体名单，移出日2027年6月1日，记录留档。']);

    await chat.setClock('2027-06-01 09:00');
    const mid = (await chat.send(G.safety, '王建国', '黑名单'))[0]?.text ?? '';
    expect(mid).toContain('（在列 1 家）\n1. 红星化工');
    expect(mid).toContain('已期满或移出：\n1. 蓝天物流｜交罚〔2026〕3号｜县交通运输局｜2026年11月30日至6月1日');

    await chat.setClock('2029-11-20 09:00');
    const code = await registerHazard(chat, '红星化工 仓库灭火器过期 责任人 张伟 3天内');
    expect((await chat.send(G.redStar, '张伟', `查询 ${code}`))[0]?.text).toContain('单位：红星化工\n');
    expect((await chat.send(G.safety, '王建国', '黑名单'))[0]?.text).toContain('（在列 0 家）');
  });
});

describe('the 重点关注 watch list', () => {
  async function propose(): Promise<void> {
    // three overdue hazards: the rule proposes the unit (the job runs it; here its repository step)
    await chat.read(async (s) => {
      const unit = await s.roster.unitByName('蓝天物流');
      await s.credit.propose({ unitId: unit!.id, rule: 'overdue_count', ruleKey: 'overdue_count:2026-12', evidence: [{ code: 'YH-0001', level: 'general', daysOverdue: 9 }] }, chat.now);
    });
  }

  it('shows proposals with their evidence; an admin confirms one and the unit is flagged', async () => {
    await propose();
    expect((await chat.send(G.leaders, '刘县长', '重点关注'))[0]?.text).toBe([
      '重点关注名单（已确认 0 项，待确认 1 项）',
      '【已确认】',
      '  暂无。',
      '【待确认】（管理员回复「确认重点关注 单位」或「不予关注 单位 原因」）',
      '1. 蓝天物流：逾期隐患达3项及以上｜YH-0001 逾期9天',
    ].join('\n'));
    expect(texts(await chat.send(G.leaders, '刘县长', '确认重点关注 蓝天物流'))).toEqual(['「确认重点关注」只有管理员可以使用。']);
    expect(texts(await chat.send(G.safety, '赵主任', '确认重点关注 蓝天物流'))).toEqual(['已确认将 蓝天物流 列入重点关注（1 项提议），该单位将标注〔重点关注〕。']);
    expect(texts(await chat.send(G.safety, '赵主任', '确认重点关注 蓝天物流'))).toEqual([expect.stringContaining('没有待确认的重点关注提议')]);
    const code = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    expect((await chat.send(G.blueSky, '钱经理', `查询 ${code}`))[0]?.text).toContain('单位：蓝天物流〔重点关注〕');
    expect((await chat.send(G.leaders, '刘县长', '重点关注'))[0]?.text).toContain('【已确认】\n1. 蓝天物流：逾期隐患达3项及以上｜YH-0001 逾期9天（12月1日确认）');
    expect(texts(await chat.send(G.blueSky, '钱经理', '重点关注'))).toEqual(['「重点关注」只有领导、管理员、监管部门可以使用。']);

    expect(texts(await chat.send(G.safety, '赵主任', '移出重点关注 蓝天物流 已全部整改'))).toEqual(['已将 蓝天物流 移出重点关注，移出日12月1日，记录留档。']);
    expect((await chat.send(G.blueSky, '钱经理', `查询 ${code}`))[0]?.text).toContain('单位：蓝天物流\n');
  });

  it('dismisses a proposal with a reason; it is kept, not listed', async () => {
    await propose();
    expect(texts(await chat.send(G.safety, '赵主任', '不予关注 蓝天物流'))).toEqual(['请写明原因。用法：不予关注 红星化工 已制定整改计划并落实']);
    expect(texts(await chat.send(G.safety, '赵主任', '不予关注 蓝天物流 逾期因配件停产，已批准延期'))).toEqual([
      '已不予关注 蓝天物流（1 项提议，理由：逾期因配件停产，已批准延期），同一事由不再提议。',
    ]);
    expect((await chat.send(G.leaders, '刘县长', '重点关注'))[0]?.text).toBe('重点关注名单（已确认 0 项，待确认 0 项）\n【已确认】\n  暂无。');
    const entries = await chat.read((s) => s.credit.entries('watch'));
    expect(entries).toMatchObject([{ status: 'dismissed', note: '逾期因配件停产，已批准延期' }]);
  });

  it('takes a unit an admin lists directly, with a reason', async () => {
    expect(texts(await chat.send(G.safety, '赵主任', '列入重点关注 城南建筑工地 多次检查发现临边防护缺失'))).toEqual(['已将 城南建筑工地 列入重点关注：多次检查发现临边防护缺失。']);
    expect((await chat.send(G.leaders, '刘县长', '重点关注'))[0]?.text).toContain('1. 城南建筑工地：多次检查发现临边防护缺失（12月1日确认）');
  });
});
