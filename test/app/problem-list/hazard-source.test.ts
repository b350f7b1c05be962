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
});
