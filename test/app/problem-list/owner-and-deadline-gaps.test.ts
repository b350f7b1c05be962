import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../../helpers/chat.ts';
import { G, texts } from '../../helpers/hazards.ts';

// A pasted list took 红星化工's 张伟 as the owner of a 蓝天物流 item without a word (a
// registration asks first), and 补全 with an unreadable deadline kept the row's own without a word.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));

describe('an item of a list', () => {
  it('whose owner belongs to another unit is 待明确, and the department confirms the owner by 补全', async () => {
    const preview = texts(await chat.send(G.safety, '王建国', '导入清单 督查反馈\n1. 蓝天物流 叉车未年检 责任人张伟 12月20日前\n2. 蓝天物流 仓库漏雨 责任人钱经理 12月20日前'));
    expect(preview[0]).toContain('共 2 项：可直接导入 1 项，待明确 1 项。');
    expect(preview[0]).toContain('· 第1项 蓝天物流 叉车未年检（第1项）：责任人「张伟」是红星化工的人员');
    await chat.send(G.safety, '王建国', '确认导入');
    expect((await hazard('YH-0001'))?.ownerName).toBe('钱经理');
    expect(await hazard('YH-0002')).toBeNull();
    const done = texts(await chat.send(G.safety, '王建国', '补全 QD-0001 第1项 责任人 张伟'));
    expect(done[0]).toContain('登记为 YH-0002');
    expect(await hazard('YH-0002')).toMatchObject({ ownerName: '张伟', unitName: '蓝天物流', deadline: '2026-12-20' });
  });

  it('completed with a deadline that cannot be read says so, instead of keeping the row\'s', async () => {
    await chat.send(G.safety, '王建国', '导入清单 督查反馈\n1. 蓝天物流 消防通道堵塞 12月20日前\n2. 蓝天物流 仓库漏雨 责任人钱经理 12月20日前');
    await chat.send(G.safety, '王建国', '确认导入');
    const out = texts(await chat.send(G.safety, '王建国', '补全 QD-0001 第1项 责任人 钱经理 2月30日前'));
    expect(out).toEqual([expect.stringContaining('时限「2月30日前」不是具体日期')]);
    expect(await hazard('YH-0002')).toBeNull();
  });
});
