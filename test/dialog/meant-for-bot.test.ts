import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

// #10 "The rule": a message that looks meant for the bot gets the right effect or a short,
// specific reply — never silence; everyday chat stays unanswered.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
  await registerHazard(chat, '红星化工 配电室门口堆放杂物 责任人 张伟 12月3日前');
});
afterEach(async () => {
  await chat.close();
});

describe('a message meant for the bot that no command takes', () => {
  it('is answered with what was not understood and how to write it', async () => {
    for (const text of ['验收的事怎么弄', '隐患照片发哪里', '责任人 李强']) {
      const out = texts(await chat.send(G.redStar, '张伟', text));
      expect(out, text).toHaveLength(1);
      expect(out[0], text).toMatch(/^没看懂这条消息。/);
      expect(out[0], text).toMatch(/例：/);
    }
  });

  it('asks which hazard a question about the work means, in the sender\'s own unit', async () => {
    const out = texts(await chat.send(G.redStar, '张伟', '隐患整改得怎么样了'));
    expect(out).toEqual([expect.stringMatching(/^这条说的是哪一项？您有 1 项未销号：\nYH-0001 配电室门口堆放杂物/)]);
    expect(texts(await chat.send(G.redStar, '张伟', '1'))[0]).toMatch(/^YH-0001/);
  });

  it('shows a hazard asked about by its code in any common wording', async () => {
    for (const text of ['YH-0001 怎么样了', 'YH-0001 验收了没', 'YH-0001 整改到哪一步了']) {
      expect(texts(await chat.send(G.redStar, '张伟', text))[0], text).toMatch(/^YH-0001 【一般隐患】\n单位：红星化工/);
    }
  });

  it('tells an account it cannot name who it must be first, instead of ignoring it', async () => {
    const out = texts(await chat.send(G.redStar, '陌生人', '隐患整改好了'));
    expect(out).toEqual([expect.stringContaining('还不在名册中')]);
  });

  it('leaves everyday chat alone, in every group', async () => {
    for (const [group, who] of [[G.redStar, '张伟'], [G.safety, '王建国'], [G.leaders, '刘县长']] as const) {
      for (const text of ['收到', '好的', '辛苦了', '收到，马上处理', 'YH-0001 收到', '明天几点开会？', '延期的事明天再说', '[强]']) {
        expect(await chat.send(group, who, text), `${group} ${text}`).toEqual([]);
      }
    }
    expect(await chat.send(G.redStar, '陌生人', '好的')).toEqual([]);
  });
});

describe('an answer after its registration draft ran out', () => {
  it('is told the draft expired, what it was and how to resend; 取消 then has nothing to cancel', async () => {
    const asked = texts(await chat.send(G.safety, '王建国', '登记隐患 红星化工 储罐区呼吸阀损坏'));
    expect(asked[0]).toMatch(/^请补充整改责任人/);
    await chat.setClock('2026-12-01 10:00');
    const late = texts(await chat.send(G.safety, '王建国', '责任人 张伟'));
    expect(late).toEqual([expect.stringMatching(/^上一条登记「储罐区呼吸阀损坏」超过30分钟没有补全，已作废，没有记录。请把整条登记重新发一次/)]);
    expect(await chat.read((s) => s.hazards.byCode('YH-0002'))).toBeNull();
    // told once: the next message is read afresh
    expect(texts(await chat.send(G.safety, '王建国', '取消'))).toEqual(['当前没有待补全的登记。']);
  });

  it('does not turn chat into a notice of the expiry', async () => {
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 储罐区呼吸阀损坏');
    await chat.setClock('2026-12-01 10:00');
    expect(await chat.send(G.safety, '王建国', '好的')).toEqual([]);
    expect(texts(await chat.send(G.safety, '王建国', '3天内 责任人 张伟'))[0]).toMatch(/^上一条登记「储罐区呼吸阀损坏」/);
  });
});
