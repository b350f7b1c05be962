import { afterEach, describe, expect, it } from 'vitest';
import { createChat, sentWorkbook, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';
import { inspectionList } from '../../fixtures/problem-lists/build.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 隐患台账 sheet of a ledger export, as row arrays from column 1. */
async function ledgerRows(c: Chat, group: string, sender: string): Promise<unknown[][]> {
  const out = await c.send(group, sender, '导出台账');
  const book = await sentWorkbook(out[0]);
  const sheet = book.getWorksheet('隐患台账');
  return Array.from({ length: sheet?.rowCount ?? 0 }, (_, i) => Array.from(sheet?.getRow(i + 1).values as unknown[]).slice(1).map((v) => v ?? null));
}

let chat: Chat | null = null;
afterEach(async () => {
  await chat?.close();
  chat = null;
});

describe('a hazard records where it came from (#15 item 1)', () => {
  it('a contact registering in their own unit records 企业自查; a department its own inspection', async () => {
    chat = await createChat();
    await chat.send(G.redStar, '张伟', '登记隐患 储罐区呼吸阀损坏 责任人张伟 12月15日前');
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 配电室门口堆放杂物 责任人张伟 12月20日前');
    await chat.send(G.leaders, '刘县长', '登记隐患 蓝天物流 叉车无证驾驶 责任人钱经理 12月20日前');
    const hazards = await chat.read((s) => s.hazards.all());
    expect(hazards.map((h) => [h.description, h.source])).toEqual([
      ['储罐区呼吸阀损坏', 'self_check'],
      ['配电室门口堆放杂物', 'department_check'],
      ['叉车无证驾驶', 'other'],
    ]);
    const created = await chat.read((s) => s.hazards.events(hazards[0]!.id));
    expect(created[0]?.data).toMatchObject({ source: 'self_check' });
  });

  it('takes a source written in the registration, and a campaign by its name', async () => {
    chat = await createChat();
    await chat.send(G.safety, '王建国', '专项整治 新建 危化品安全专项整治 行业 危化品 牵头 应急管理局 2027年3月31日');
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 围墙外有人倾倒废油 来源：群众举报 责任人张伟 12月15日前');
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 危化品安全专项整治 装卸区未设静电接地 责任人张伟 12月20日前');
    const hazards = await chat.read((s) => s.hazards.all());
    const [campaign] = await chat.read((s) => s.problemLists.campaigns());
    expect(hazards.map((h) => [h.description, h.source, h.campaignId])).toEqual([
      ['围墙外有人倾倒废油', 'public_report', null],
      ['装卸区未设静电接地', 'campaign', campaign?.id],
    ]);
    expect((await chat.send(G.leaders, '刘县长', '专项整治'))[0]?.text).toContain('危化品安全专项整治｜行业：危化品｜牵头：应急管理局｜12月1日至2027年3月31日\n  共 1 项｜已销号 0｜整改中 1（逾期 0）｜待明确 0');
  });

  it('a hand-registered 督查反馈 keeps who inspected and when, as an import does; 查询 and the ledger show the source (#15 leftovers)', async () => {
    chat = await createChat();
    const out = await chat.send(G.safety, '王建国', '登记隐患：红星化工 储罐区呼吸阀损坏，来源：督查反馈（省安委会第三督查组，11月28日），责任人张伟，12月15日前整改完毕');
    expect(out[0]?.text).toContain('\n来源：督查反馈（省安委会第三督查组，11月28日）\n');
    // the inspection day is not taken for the deadline
    const [h] = await chat.read((s) => s.hazards.all());
    expect([h?.source, h?.sourceBody, h?.sourceDate, h?.deadline]).toEqual(['inspection', '省安委会第三督查组', '2026-11-28', '2026-12-15']);
    await chat.send(G.safety, '王建国', '登记隐患 蓝天物流 叉车无证驾驶 来源 督查反馈 市安委会第二督导组 11月20日 责任人钱经理 12月20日前');
    await chat.send(G.redStar, '张伟', '登记隐患 配电箱未接地 责任人张伟 12月18日前');
    const detail = (await chat.send(G.safety, '王建国', '查询 YH-0001'))[0]?.text ?? '';
    expect(detail.split('\n').slice(3, 6)).toEqual(['类别：危化品', '来源：督查反馈（省安委会第三督查组，11月28日）', '责任人：张伟']);
    expect((await chat.send(G.redStar, '张伟', 'YH-0003'))[0]?.text).toContain('\n来源：企业自查\n');
    const rows = await ledgerRows(chat, G.leaders, '刘县长');
    expect(rows[1]?.[18]).toBe('来源');
    expect(rows.slice(2).map((r) => [r[1], r[18]])).toEqual([
      ['YH-0001', '督查反馈（省安委会第三督查组，11月28日）'],
      ['YH-0002', '督查反馈（市安委会第二督导组，11月20日）'],
      ['YH-0003', '企业自查'],
    ]);
  });

  it('an imported item shows its list and number in 查询, and its campaign in the ledger', async () => {
    chat = await createChat();
    await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '督查反馈.xlsx', mime: XLSX, data: await inspectionList() }] });
    await chat.send(G.leaders, '赵主任', '确认导入');
    expect((await chat.send(G.safety, '王建国', '查询 YH-0002'))[0]?.text).toContain('\n来源：督查反馈（省安委会第三督查组，11月28日）｜问题清单 QD-0001 第2项\n');
    await chat.send(G.safety, '王建国', '专项整治 新建 危化品安全专项整治 行业 危化品 牵头 应急管理局 2027年3月31日');
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 危化品安全专项整治 装卸区未设静电接地 责任人张伟 12月20日前');
    const code = (await chat.read((s) => s.hazards.all())).at(-1)?.code;
    expect((await chat.send(G.safety, '王建国', `查询 ${code}`))[0]?.text).toContain('\n来源：专项整治（危化品安全专项整治）\n');
    expect((await ledgerRows(chat, G.leaders, '刘县长')).at(-1)?.[18]).toBe('专项整治（危化品安全专项整治）');
  });
});
