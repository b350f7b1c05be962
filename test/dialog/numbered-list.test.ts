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

const all = () => chat.read((s) => s.hazards.all());
const say = async (text: string) => chat.send(G.safety, '王建国', text);

describe('a numbered list in one registration (#10 item 5)', () => {
  it('becomes one hazard per item sharing unit, owner and deadline, shown back in one reply', async () => {
    const out = await say('登记隐患：红星化工 1.配电室门口堆放杂物 2.灭火器过期 3.应急照明不亮，责任人张伟，12月15日前');
    const reply = out.filter((d) => d.group?.name === G.safety);
    expect(reply).toHaveLength(1);
    expect(reply[0]?.text).toContain('已登记 3 项隐患（红星化工）');
    expect(reply[0]?.text).toMatch(/YH-0001 配电室门口堆放杂物｜责任人 张伟｜时限 12月15日/);
    expect(reply[0]?.text).toContain('YH-0003 应急照明不亮');
    const hazards = await all();
    expect(hazards.map((h) => [h.description, h.unitName, h.ownerName, h.deadline])).toEqual([
      ['配电室门口堆放杂物', '红星化工', '张伟', '2026-12-15'],
      ['灭火器过期', '红星化工', '张伟', '2026-12-15'],
      ['应急照明不亮', '红星化工', '张伟', '2026-12-15'],
    ]);
    // the unit's group hears it once, not three times
    expect(out.filter((d) => d.group?.name === G.redStar)).toHaveLength(1);
  });

  it('asks once for what the whole list lacks, then registers every item', async () => {
    const asked = await say('登记隐患 红星化工 一是配电室门口堆放杂物 二是灭火器过期 责任人 张伟');
    expect(asked[0]?.text).toContain('请补充整改时限');
    expect(await all()).toHaveLength(0);
    expect((await say('12月20日前'))[0]?.text).toContain('已登记 2 项隐患');
    expect((await all()).map((h) => h.deadline)).toEqual(['2026-12-20', '2026-12-20']);
  });

  it('shows more than three back once and records them on 确认', async () => {
    const asked = await say('登记隐患：红星化工 1.配电室门口堆放杂物 2.灭火器过期 3.应急照明不亮 4.安全出口上锁，责任人张伟，12月15日前');
    expect(asked[0]?.text).toContain('这条消息列了 4 项隐患，将为红星化工登记 4 条');
    expect(asked[0]?.text).toContain('4. 安全出口上锁｜责任人 张伟｜时限 12月15日');
    expect(await all()).toHaveLength(0);
    expect((await say('确认'))[0]?.text).toContain('已登记 4 项隐患');
    expect(await all()).toHaveLength(4);
  });

  it('records nothing when the list is cancelled', async () => {
    await say('登记隐患：红星化工 1.配电室门口堆放杂物 2.灭火器过期 3.应急照明不亮 4.安全出口上锁，责任人张伟，12月15日前');
    await say('取消');
    expect(await say('确认')).toEqual([]);
    expect(await all()).toHaveLength(0);
  });
});
