import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';

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
});

