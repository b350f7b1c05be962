import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));
const say = async (group: string, who: string, text: string) => (await chat.send(group, who, text))[0]?.text ?? '';

async function threeOfZhangWei(): Promise<string[]> {
  return [
    await registerHazard(chat, '红星化工 储罐区呼吸阀损坏 责任人 张伟 12月20日前'),
    await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月20日前'),
    await registerHazard(chat, '红星化工 应急照明不亮 责任人 张伟 12月20日前'),
  ];
}

describe('reports without a keyword or a code (#10 item 11)', () => {
  it('asks which of the sender\'s hazards a progress report without a code is about, then records it', async () => {
    await threeOfZhangWei();
    const asked = await say(G.redStar, '张伟', '呼吸阀已经换好了，进度80%');
    expect(asked).toContain('您有 3 项未销号');
    expect(asked).toContain('YH-0001 储罐区呼吸阀损坏');
    expect(asked).toContain('回复编号即可');
    expect((await hazard('YH-0001'))?.progress).toBe(0);
    const done = await say(G.redStar, '张伟', 'YH-0001');
    expect(done).toContain('已记录 YH-0001 进度 80%');
    const events = await chat.read(async (s) => s.hazards.events((await s.hazards.byCode('YH-0001'))?.id ?? 0));
    expect(events.at(-1)?.text).toContain('呼吸阀已经换好了');
  });

  it('asks for 整改完成 without a code too, and takes a number or several codes as the answer', async () => {
    await threeOfZhangWei();
    expect(await say(G.redStar, '张伟', '整改完成 请验收')).toContain('您有 3 项未销号');
    expect(await say(G.redStar, '张伟', '1')).toContain('YH-0001 已提交验收');
    await say(G.redStar, '张伟', '整改完成 请验收');
    const out = await chat.send(G.redStar, '张伟', 'YH-0002、YH-0003');
    expect(out.find((d) => d.group?.name === G.redStar)?.text).toContain('共 2 个编号');
    expect([(await hazard('YH-0002'))?.status, (await hazard('YH-0003'))?.status]).toEqual(['pending_review', 'pending_review']);
  });

  // `4` to a list of three, or `第一个`, met silence; 取消 said 已取消本次登记 of a report
  it('answers a number that is not in the list, takes 第一个, and cancels the question by name', async () => {
    await threeOfZhangWei();
    await say(G.redStar, '张伟', '呼吸阀已经换好了，进度80%');
    expect(await say(G.redStar, '张伟', '4')).toBe('列表中没有「4」，请回复其中一项的编号：YH-0001、YH-0002、YH-0003（或回复「取消」）');
    expect(await say(G.redStar, '张伟', '第一个')).toContain('已记录 YH-0001 进度 80%');
    await say(G.redStar, '张伟', '整改完成 请验收');
    expect(await say(G.redStar, '张伟', '取消')).toBe('已取消，刚才那条消息没有记录。');
    expect((await hazard('YH-0001'))?.status).toBe('rectifying');
  });

  it('leaves a waiting registration alone and just asks for the code', async () => {
    await threeOfZhangWei();
    await say(G.redStar, '张伟', '登记隐患 配电室门口堆放杂物 责任人 张伟');
    expect(await say(G.redStar, '张伟', '呼吸阀已经换好了，进度80%')).toContain('请写明隐患编号');
    expect(await say(G.redStar, '张伟', '12月20日前')).toContain('已登记 YH-0004');
  });

  it('understands codes without YH, forwarded reports, 通过 after a code, tags and findings', async () => {
    const [a] = await threeOfZhangWei();
    expect(await say(G.redStar, '张伟', '0001进度20%已拆下旧阀')).toContain('已记录 YH-0001 进度 20%');
    expect(await say(G.redStar, '张伟', `【转发】${a} 进度 30%`)).toContain('已记录 YH-0001 进度 30%');
    await say(G.redStar, '张伟', `${a} 整改完成`);
    expect(await say(G.safety, '王建国', 'yh-0001 通过')).toContain('YH-0001 验收通过');
    expect(await say(G.safety, '王建国', '#隐患 蓝天物流 叉车未年检 责任人 钱经理 12月20日前')).toContain('已登记 YH-0004');
    expect(await say(G.safety, '王建国', '【隐患】蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月20日前')).toContain('已登记 YH-0005');
    const found = await say(G.safety, '王建国', '今天去红星化工检查发现两个问题一是配电室门口堆放杂物二是安全出口上锁，责任人张伟，12月10日前');
    expect(found).toContain('已登记 2 项隐患');
    expect((await hazard('YH-0007'))?.description).toBe('安全出口上锁');
  });
});
