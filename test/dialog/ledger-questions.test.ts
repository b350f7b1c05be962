import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
  // 2026-12-01 is a Tuesday: the week ends on Sunday the 6th
  await registerHazard(chat, '红星化工 配电室门口堆放杂物 责任人 张伟 12月3日前');
  await registerHazard(chat, '红星化工 储罐区呼吸阀损坏 重大隐患 责任人 张伟 12月20日前');
  await registerHazard(chat, '蓝天物流 叉车未年检 责任人 钱经理 12月5日前');
  await chat.send(G.redStar, '张伟', 'YH-0001 整改完成');
});
afterEach(async () => {
  await chat.close();
});

const ask = async (group: string, who: string, text: string) => (await chat.send(group, who, text))[0]?.text ?? '';

describe('plain-language questions answered from the ledger (#10 item 10)', () => {
  it('counts a unit\'s open hazards', async () => {
    const answer = await ask(G.safety, '王建国', '红星化工还有几个隐患没整改？');
    expect(answer).toContain('红星化工·未销号隐患（共 2 项）');
    expect(answer).toContain('YH-0001');
    expect(answer).not.toContain('YH-0003');
  });

  it('lists what falls due this week, the major ones, those waiting for acceptance, a unit by its name', async () => {
    const week = await ask(G.safety, '王建国', '这周有哪些快到期的');
    expect(week).toContain('本周到期的隐患（共 1 项）');
    expect(week).toContain('YH-0003');
    expect(await ask(G.safety, '王建国', '重大隐患')).toMatch(/重大未销号隐患（共 1 项）[\s\S]*YH-0002/);
    expect(await ask(G.safety, '王建国', '待验收')).toMatch(/待验收隐患（共 1 项）[\s\S]*YH-0001/);
    expect(await ask(G.safety, '王建国', '红星化工')).toContain('红星化工·未销号隐患（共 2 项）');
  });

  it('answers within what the room may see', async () => {
    // a unit's group sees its own unit only
    expect(await ask(G.redStar, '张伟', '蓝天物流还有几个隐患没整改？')).toContain('本群看不到蓝天物流的隐患');
    const mine = await ask(G.redStar, '张伟', '这周有哪些快到期的');
    expect(mine).toContain('暂无');
    expect(mine).not.toContain('YH-0003');
  });

  it('leaves chat that only sounds like it alone', async () => {
    for (const text of ['红星化工的人来了吗', '明天几点开会？', '收到', '好的', '辛苦了']) expect(await chat.send(G.safety, '王建国', text), text).toEqual([]);
  });

  it('asks which hazard a question about the work without a code means, then answers it (#10 "The rule")', async () => {
    // a question with the ledger's words in a group the bot serves is meant for it: never silence
    const which = await ask(G.safety, '王建国', '整改完了吗');
    expect(which).toMatch(/^这条说的是哪一项？/);
    expect(which).toContain('YH-0001');
    const answer = await ask(G.safety, '王建国', 'YH-0001');
    expect(answer).toContain('YH-0001');
    expect(answer).toContain('待验收');
  });
});

describe('催办 (#10 item 10)', () => {
  it('pushes a reminder to the owner\'s group, says so, and keeps it in the record', async () => {
    const out = await chat.send(G.leaders, '刘县长', 'YH-0002 催一下');
    const [toUnit] = out.filter((d) => d.group?.name === G.redStar);
    expect(toUnit?.text).toContain('【催办】刘县长催办 YH-0002');
    expect(toUnit?.mentions.map((p) => p.name)).toEqual(['张伟']);
    expect(texts(out.filter((d) => d.group?.name === G.leaders))).toEqual(['已催办 YH-0002：已在红星化工安全对接群提醒责任人 张伟。']);
    const events = await chat.read(async (s) => s.hazards.events((await s.hazards.byCode('YH-0002'))?.id ?? 0));
    expect(events.at(-1)).toMatchObject({ type: 'urged', actorName: '刘县长' });
  });

  it('is for leaders and the supervising department, not the unit itself', async () => {
    expect(await ask(G.redStar, '张伟', 'YH-0002 催一下')).toContain('只有');
  });
});
