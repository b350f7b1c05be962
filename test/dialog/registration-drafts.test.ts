import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const DEPT = G.safety;
const count = () => chat.read((s) => s.hazards.count({ includeClosed: true }));
const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));
const say = async (text: string, options: { mentions?: string[] } = {}) => (await chat.send(DEPT, '王建国', text, options))[0]?.text ?? '';

describe('a new registration while one waits for an answer (#10 item 1)', () => {
  it('says the waiting one is there, keeps it, and the late answer completes it', async () => {
    expect(await say('登记隐患 蓝天物流 叉车未年检 责任人 钱经理')).toContain('请补充整改时限');
    const second = await say('登记隐患 红星化工 配电室门口堆放杂物');
    expect(second).toContain('您还有一条待补充的登记：「叉车未年检」，还缺整改时限');
    expect(second).toContain('先补完还是放弃');
    expect(await count()).toBe(0);
    const done = await say('12月20日前');
    expect(done).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ description: '叉车未年检', unitName: '蓝天物流', deadline: '2026-12-20' });
  });

  it('registers a complete new one and reminds of the waiting one, which still takes the answer', async () => {
    await say('登记隐患 蓝天物流 叉车未年检 责任人 钱经理');
    const second = await say('登记隐患 红星化工 配电室门口堆放杂物 责任人 张伟 12月15日前');
    expect(second).toContain('已登记 YH-0001');
    const reminder = (await chat.channel.sent.at(-1))?.text ?? '';
    expect(reminder).toContain('您还有一条待补充的登记：「叉车未年检」');
    expect(await say('12月20日前')).toContain('已登记 YH-0002');
    expect(await hazard('YH-0002')).toMatchObject({ description: '叉车未年检', deadline: '2026-12-20' });
  });
});

describe('the audit trail of a registration made in pieces (#10 item 6)', () => {
  it('keeps the original message and every answer in the history', async () => {
    await say('新增隐患 城关镇 实验小学 消防通道被占用');
    await say('@李四');
    await say('3天内');
    const events = await chat.read(async (s) => s.hazards.events((await s.hazards.byCode('YH-0001'))?.id ?? 0));
    expect(events[0]?.text).toBe('新增隐患 城关镇 实验小学 消防通道被占用（补充：@李四）（补充：3天内）');
    const detail = (await chat.send(G.leaders, '刘县长', '查询 YH-0001'))[0]?.text ?? '';
    expect(detail).toContain('登记：新增隐患 城关镇 实验小学 消防通道被占用（补充：@李四）');
  });
});

describe('an owner from another unit (#10 item 4)', () => {
  it('asks before making 红星化工\'s 张伟 the owner of a 蓝天物流 hazard, and records on 确认', async () => {
    const asked = await say('登记隐患 蓝天物流 叉车未年检 责任人张伟 12月20日前');
    expect(asked).toContain('责任人「张伟」是红星化工的人员，不属于蓝天物流');
    expect(await count()).toBe(0);
    const done = await say('确认');
    expect(done).toContain('已登记 YH-0001');
    expect(done).toContain('责任人 张伟 属于红星化工');
    expect(await hazard('YH-0001')).toMatchObject({ ownerName: '张伟', unitName: '蓝天物流' });
  });

  it('takes another owner instead', async () => {
    await say('登记隐患 蓝天物流 叉车未年检 责任人张伟 12月20日前');
    expect(await say('钱经理')).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ ownerName: '钱经理' });
  });

  it('asks which one when the owner question is answered with two mentions', async () => {
    await say('登记隐患 红星化工 配电室门口堆放杂物 12月20日前');
    const which = await say('@张伟 @李强');
    expect(which).toContain('您@了张伟、李强');
    expect(await count()).toBe(0);
    expect(await say('李强')).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ ownerName: '李强' });
  });

  it('asks which one for two platform mentions in the registration itself', async () => {
    const which = await say('登记隐患 红星化工 配电室门口堆放杂物 12月20日前', { mentions: ['张伟', '李强'] });
    expect(which).toContain('您@了张伟、李强');
    expect(await count()).toBe(0);
  });

  // `责任人 @张伟 @李强` was registered to 张伟 alone: the label only made the first one win
  it.each([
    ['责任人 @张伟 @李强', ['张伟', '李强']],
    ['责任人 @张伟 @李强', []],
    ['责任人：@张伟、@李强', []],
  ])('asks which one for %s, two mentions under the owner label (platform mentions: %j)', async (owners, mentions) => {
    const which = await say(`登记隐患 红星化工 配电室门口堆放杂物 ${owners} 12月20日前`, { mentions });
    expect(which).toContain('您@了张伟、李强');
    expect(await count()).toBe(0);
    expect(await say('李强')).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ ownerName: '李强', description: '配电室门口堆放杂物' });
  });

  // `责任人 张伟 李强` was registered to 张伟, with 李强 left in the description
  it.each(['责任人 张伟 李强', '责任人：张伟、李强', '责任人 张伟/李强'])('asks which one for %s, two roster names under the owner label', async (owners) => {
    const which = await say(`登记隐患 红星化工 配电室门口堆放杂物 ${owners} 12月20日前`);
    expect(which).toContain('张伟、李强，整改责任人只登记一位');
    expect(await count()).toBe(0);
    expect(await say('张伟')).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ ownerName: '张伟', description: '配电室门口堆放杂物' });
  });

  it.each([
    ['责任人 李强 12月20日前 @张伟 请督促', ['张伟']],
    ['责任人 李强 @张伟，12月20日前', ['张伟']],
    ['责任人 李强 @张伟，12月20日前', []],
  ])('keeps the labelled owner when someone else is only @-mentioned to be told: %s', async (words, mentions) => {
    expect(await say(`登记隐患 红星化工 配电室门口堆放杂物 ${words}`, { mentions })).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ ownerName: '李强' });
  });
});

describe('a misspelt unit (#10 item 7)', () => {
  it('offers the closest roster name and registers only after the choice, without the slip', async () => {
    const asked = await say('登记隐患：红兴化工储罐区呼吸阀损坏，责任人 张伟，12月15日前');
    expect(asked).toContain('名册中没有单位「红兴化工」，您是指：红星化工？');
    expect(await count()).toBe(0);
    expect(await say('红星化工')).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ unitName: '红星化工', description: '红星化工储罐区呼吸阀损坏' });
  });

  it('takes 是 for the single suggestion, and a misspelt 单位： value too', async () => {
    expect(await say('登记隐患 单位：蓝天物留 隐患：叉车未年检 责任人 钱经理 12月20日前')).toContain('您是指：蓝天物流？');
    expect(await say('是')).toContain('已登记 YH-0001');
    expect(await hazard('YH-0001')).toMatchObject({ unitName: '蓝天物流', description: '叉车未年检' });
  });
});
