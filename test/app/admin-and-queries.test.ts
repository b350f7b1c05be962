import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

async function register(text: string): Promise<string> {
  const out = await chat.send('应急管理局监管群', '王建国', text);
  const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0];
  if (!code) throw new Error(chat.lines(out).join('\n'));
  return code;
}

describe('admin commands from chat', () => {
  it('binds a new group to a unit, then registrations there default to that unit', async () => {
    expect((await chat.send('蓝天物流二号群', '赵主任', '绑定本群 蓝天物流'))[0]?.text).toContain('已将本群「蓝天物流二号群」绑定到单位「蓝天物流」');
    const out = await chat.send('蓝天物流二号群', '钱经理', '登记隐患 仓库灭火器过期 责任人 钱经理 3天内');
    expect(out[0]?.text).toContain('单位：蓝天物流');
  });

  it('marks the leaders group, adds a person and sets a role', async () => {
    expect((await chat.send('新领导群', '赵主任', '设为领导群'))[0]?.text).toContain('设为领导群');
    expect((await chat.read((s) => s.roster.groupByName('新领导群')))?.purpose).toBe('leaders');
    expect((await chat.send('新领导群', '赵主任', '添加人员 周七 蓝天物流 联系人'))[0]?.text).toContain('已添加 周七（蓝天物流，单位联系人）');
    expect((await chat.send('新领导群', '赵主任', '设置角色 周七 监管部门'))[0]?.text).toContain('已将 周七 的角色设为 监管部门');
    expect((await chat.read((s) => s.roster.peopleByName('周七')))[0]).toMatchObject({ role: 'department' });
  });

  it('answers bad arguments with the usage', async () => {
    expect((await chat.send('新领导群', '赵主任', '添加人员 周七'))[0]?.text).toContain('用法：添加人员 张伟 红星化工 联系人');
    expect((await chat.send('新领导群', '赵主任', '添加人员 周七 蓝天物流 老板'))[0]?.text).toContain('角色「老板」无效');
    expect((await chat.send('新领导群', '赵主任', '绑定本群 不存在的厂'))[0]?.text).toContain('不在名册中');
  });

  // a word short answered 无效输入：期望 string，实际接收 undefined, zod's own words
  it.each([
    ['添加人员 周七 蓝天物流', '请依次写：姓名 单位 角色'],
    ['添加人员 YH-0001 蓝天物流 联系人', '请依次写：姓名 单位 角色'],
    ['设置角色 张伟', '请依次写：姓名 角色'],
  ])('answers %s with what to write, in the bot\'s own words', async (text, said) => {
    const out = (await chat.send('新领导群', '赵主任', text))[0]?.text ?? '';
    expect(out).toMatch(new RegExp(`^${said}\n用法：`));
    expect(out).not.toMatch(/期望|undefined|string/);
  });

  // 设置角色 赵主任 联系人 left the county with no admin, and no one could run an admin command again
  it('keeps the last admin: the only admin cannot be given another role', async () => {
    for (const text of ['设置角色 赵主任 联系人', '添加人员 赵主任 应急管理局 监管部门']) {
      expect((await chat.send('新领导群', '赵主任', text))[0]?.text, text).toBe('赵主任 是名册中唯一的管理员，不能改为其他角色。请先把另一位设为管理员，例：设置角色 王建国 管理员');
    }
    expect((await chat.read((s) => s.roster.peopleByName('赵主任')))[0]).toMatchObject({ role: 'admin' });
    expect((await chat.send('新领导群', '赵主任', '设置角色 王建国 管理员'))[0]?.text).toContain('已将 王建国 的角色设为 管理员');
    expect((await chat.send('新领导群', '赵主任', '设置角色 赵主任 监管部门'))[0]?.text).toContain('已将 赵主任 的角色设为 监管部门');
  });
});

describe('queries', () => {
  it('lists my hazards, the group hazards and the overdue ones, most urgent first', async () => {
    const a = await register('登记隐患：红星化工 储罐区呼吸阀损坏 责任人 张伟 12月15日前');
    const b = await register('登记隐患：红星化工 配电室积水 责任人 李强 12月3日前');
    const c = await register('登记隐患：蓝天物流 叉车未年检 责任人 钱经理 12月2日前');

    const mine = (await chat.send('红星化工安全对接群', '张伟', '我的隐患'))[0]?.text ?? '';
    expect(mine).toContain(a);
    expect(mine).not.toContain(b);

    const group = (await chat.send('红星化工安全对接群', '张伟', '本群隐患'))[0]?.text ?? '';
    expect(group).toContain('共 2 项');
    expect(group.indexOf(b)).toBeLessThan(group.indexOf(a));
    expect(group).not.toContain(c);

    await chat.setClock('2026-12-05 09:00');
    const overdue = (await chat.send('县安委会领导群', '刘县长', '逾期隐患'))[0]?.text ?? '';
    expect(overdue).toContain('共 2 项');
    expect(overdue).toContain(`${c} 蓝天物流：叉车未年检｜责任人 钱经理｜时限 12月2日（已逾期3天）`);
    expect(overdue).toContain(b);
    // a contact sees only their own unit's overdue items
    const contact = (await chat.send('红星化工安全对接群', '张伟', '逾期隐患'))[0]?.text ?? '';
    expect(contact).toContain(b);
    expect(contact).not.toContain(c);
  });

  it('shows one hazard with its whole history, only to those who may see it', async () => {
    const code = await register('登记隐患：红星化工 储罐区呼吸阀损坏 重大 责任人 张伟 12月15日前');
    await chat.send('红星化工安全对接群', '张伟', `${code} 进度30% 已停用储罐`);
    const detail = (await chat.send('红星化工安全对接群', '李强', code))[0]?.text ?? '';
    expect(detail).toContain(`${code} 【重大隐患】`);
    expect(detail).toContain('12月1日 09:00 张伟 进度 30%：已停用储罐');
    expect((await chat.send('蓝天物流安全对接群', '钱经理', `查询 ${code}`))[0]?.text).toContain('无权查看');
    expect((await chat.send('红星化工安全对接群', '张伟', '查询 YH-0999'))[0]?.text).toContain('没有找到隐患 YH-0999');
  });

  it('generates 帮助 from the commands, showing each role what it may use', async () => {
    const forContact = (await chat.send('红星化工安全对接群', '张伟', '帮助 全部'))[0]?.text ?? '';
    expect(forContact).toContain('· 进度：');
    expect(forContact).not.toContain('验收通过');
    expect(forContact).not.toContain('绑定本群');
    const forAdmin = (await chat.send('应急管理局监管群', '赵主任', '帮助 全部'))[0]?.text ?? '';
    expect(forAdmin).toMatch(/验收通过/);
    expect(forAdmin).toMatch(/绑定本群/);
  });
});
