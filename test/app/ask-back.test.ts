import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';

const DEPT = '应急管理局监管群';
let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const count = () => chat.read((s) => s.hazards.count({ includeClosed: true }));

describe('asking back for missing fields', () => {
  it('asks for the owner and the deadline, then registers from the answers', async () => {
    const asked = await chat.send(DEPT, '王建国', '新增隐患 城关镇 实验小学 消防通道被占用');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.text).toContain('请补充整改责任人');
    expect(asked[0]?.text).toContain('请补充整改时限');
    expect(await count()).toBe(0);

    const second = await chat.send(DEPT, '王建国', '@李四');
    expect(second[0]?.text).not.toContain('责任人');
    expect(second[0]?.text).toContain('请补充整改时限');
    expect(await count()).toBe(0);

    const done = await chat.send(DEPT, '王建国', '3天内');
    expect(done[0]?.text).toContain('已登记 YH-0001');
    const hazard = await chat.read((s) => s.hazards.byCode('YH-0001'));
    expect(hazard).toMatchObject({ unitName: '实验小学', ownerName: '李四', deadline: '2026-12-04', description: '消防通道被占用', category: '消防' });
  });

  it('takes a bare name as the owner and a bare date as the deadline', async () => {
    await chat.send(DEPT, '王建国', '登记隐患 蓝天物流 叉车未年检');
    await chat.send(DEPT, '王建国', '钱经理');
    const done = await chat.send(DEPT, '王建国', '十二月二十日');
    expect(done[0]?.text).toContain('已登记');
    expect(await chat.read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ ownerName: '钱经理', deadline: '2026-12-20' });
  });

  it('asks again, naming the problem, for an owner not in the roster', async () => {
    const out = await chat.send(DEPT, '王建国', '登记隐患：蓝天物流 叉车未年检 责任人 赵六 12月20日前');
    expect(out[0]?.text).toContain('责任人「赵六」不在名册中');
    expect(await count()).toBe(0);
  });

  it('asks which unit when two unrelated units are named', async () => {
    const out = await chat.send(DEPT, '王建国', '登记隐患 红星化工 蓝天物流 共用道路堆放杂物 责任人 张伟 3天内');
    expect(out[0]?.text).toContain('单位不明确');
    expect(await count()).toBe(0);
    const done = await chat.send(DEPT, '王建国', '红星化工');
    expect(done[0]?.text).toContain('已登记');
  });

  it('asks for a deadline it cannot read, and for one already past', async () => {
    expect((await chat.send(DEPT, '王建国', '登记隐患 蓝天物流 叉车未年检 责任人 钱经理 整改时限：尽快'))[0]?.text).toContain('没看懂整改时限「尽快」');
    await chat.send(DEPT, '王建国', '取消');
    expect((await chat.send(DEPT, '王建国', '登记隐患 蓝天物流 叉车未年检 责任人 钱经理 2026年11月20日前'))[0]?.text).toContain('已过');
    expect(await count()).toBe(0);
  });

  it('forgets a draft after it expires: the late answer is just chat', async () => {
    await chat.send(DEPT, '王建国', '登记隐患 蓝天物流 叉车未年检 责任人 钱经理');
    await chat.setClock('2026-12-01 09:31');
    expect(await chat.send(DEPT, '王建国', '3天内')).toEqual([]);
    expect(await count()).toBe(0);
  });

  it('keeps drafts apart per sender and per group', async () => {
    await chat.send(DEPT, '王建国', '登记隐患 蓝天物流 叉车未年检 责任人 钱经理');
    // someone else's date, or the same person elsewhere, does not complete it
    expect(await chat.send(DEPT, '赵主任', '3天内')).toEqual([]);
    expect(await chat.send('县安委会领导群', '王建国', '3天内')).toEqual([]);
    expect(await count()).toBe(0);
    expect((await chat.send(DEPT, '王建国', '3天内'))[0]?.text).toContain('已登记');
  });

  it('cancels a draft on 取消', async () => {
    await chat.send(DEPT, '王建国', '登记隐患 蓝天物流 叉车未年检');
    expect((await chat.send(DEPT, '王建国', '取消'))[0]?.text).toContain('已取消');
    expect(await chat.send(DEPT, '王建国', '钱经理')).toEqual([]);
    expect(await count()).toBe(0);
  });

  it('takes the unit from a unit group when none is written', async () => {
    const out = await chat.send('红星化工安全对接群', '张伟', '登记隐患 配电室门口堆放杂物 责任人 李强 本月底');
    expect(out[0]?.text).toContain('已登记');
    expect(await chat.read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ unitName: '红星化工', ownerName: '李强', deadline: '2026-12-31' });
  });

  it('lets a contact register only for their own unit', async () => {
    const out = await chat.send('红星化工安全对接群', '张伟', '登记隐患 蓝天物流 叉车未年检 责任人 钱经理 3天内');
    expect(out[0]?.text).toContain('只能登记本单位');
    expect(await count()).toBe(0);
  });
});
