import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const status = async (code: string) => (await chat.read((s) => s.hazards.byCode(code)))?.status;

async function threeHazards(): Promise<string[]> {
  return [
    await registerHazard(chat, '红星化工 配电室门口堆放杂物 责任人 张伟 12月20日前'),
    await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月20日前'),
    await registerHazard(chat, '红星化工 应急照明不亮 责任人 张伟 12月20日前'),
  ];
}

describe('several codes in one message (#10 item 2)', () => {
  it('submits each code of `YH-0001、YH-0002 已整改完毕请验收` and lists each result in one reply', async () => {
    const [a, b] = await threeHazards();
    const out = await chat.send(G.redStar, '张伟', `${a}、${b} 已整改完毕请验收`);
    const reply = out.filter((d) => d.group?.name === G.redStar);
    expect(reply).toHaveLength(1);
    expect(reply[0]?.text).toContain('共 2 个编号');
    expect(reply[0]?.text).toContain(`1. ${a} 已提交验收`);
    expect(reply[0]?.text).toContain(`2. ${b} 已提交验收`);
    expect([await status(a ?? ''), await status(b ?? '')]).toEqual(['pending_review', 'pending_review']);
  });

  it('accepts `YH-0001 YH-0002 验收通过` one by one, saying which could not be', async () => {
    const [a, b, c] = await threeHazards();
    await chat.send(G.redStar, '张伟', `${a} 整改完成`);
    await chat.send(G.redStar, '张伟', `${c} 整改完成`);
    const out = await chat.send(G.safety, '王建国', `${a} ${b} ${c} 验收通过`);
    const reply = texts(out.filter((d) => d.group?.name === G.safety))[0] ?? '';
    expect(reply).toContain(`1. ${a} 验收通过`);
    expect(reply).toContain(`2. ${b} 还没有提交验收`);
    expect(reply).toContain(`3. ${c} 验收通过`);
    expect([await status(a ?? ''), await status(b ?? ''), await status(c ?? '')]).toEqual(['closed', 'registered', 'closed']);
  });

  it('takes the list after the keyword too: `验收通过 YH-0001和YH-0002`', async () => {
    const [a, b] = await threeHazards();
    await chat.send(G.redStar, '张伟', `${a}、${b} 整改完成`);
    await chat.send(G.safety, '王建国', `验收通过 ${a}和${b}`);
    expect([await status(a ?? ''), await status(b ?? '')]).toEqual(['closed', 'closed']);
  });

  it('refuses, with nothing done, when a second code stands apart in the text', async () => {
    const [a, b] = await threeHazards();
    const out = await chat.send(G.redStar, '张伟', `${a} 已整改完毕，${b} 也整改完毕请验收`);
    expect(out[0]?.text).toContain(`${a}、${b} 2 个编号，没有处理`);
    expect([await status(a ?? ''), await status(b ?? '')]).toEqual(['registered', 'registered']);
  });

  it('refuses several codes for a command that takes one', async () => {
    const [a, b] = await threeHazards();
    const out = await chat.send(G.redStar, '张伟', `${a}、${b} 申请延期到12月30日 原因：配件未到货`);
    expect(out[0]?.text).toContain('一条消息只能写一个编号');
    expect((await chat.read((s) => s.hazards.byCode(a ?? '')))?.extensionTo).toBeNull();
  });
});
