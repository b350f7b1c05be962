import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

// WeChat hands a quote-reply (引用) to the bot as one text: the quoted message in 「」, a line of
// dashes, then what was written. The quote was read as part of the message: `收到` to a
// registration notice got 没看懂…「登记隐患」, and `整改完成` was not understood at all.
const SEPARATOR = '\n- - - - - - - - - - - - - - -\n';
const quoting = (quoted: string, reply: string) => `「${quoted}」${SEPARATOR}${reply}`;
const notice = (code: string) => `隐患清零：@张伟 已登记 ${code}\n单位：红星化工｜类别：危化品\n隐患：配电室门锁坏了`;

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));

describe('a WeChat quote-reply', () => {
  it('leaves everyday chat to a quoted notice alone', async () => {
    const code = await registerHazard(chat, '红星化工 配电室门锁坏了 责任人 张伟 12月20日前');
    for (const reply of ['收到', '好的', '辛苦了']) {
      expect(await chat.send(G.redStar, '张伟', quoting(notice(code), reply)), reply).toEqual([]);
    }
    expect(await chat.send(G.safety, '王建国', quoting(`王建国：登记隐患 红星化工 配电室门锁坏了`, '收到'))).toEqual([]);
  });

  it('acts on the one hazard the quoted message names', async () => {
    const code = await registerHazard(chat, '红星化工 配电室门锁坏了 责任人 张伟 12月20日前');
    await registerHazard(chat, '红星化工 叉车未年检 责任人 张伟 12月25日前');
    const progress = texts(await chat.send(G.redStar, '张伟', quoting(notice(code), '进度30% 已联系厂家')));
    expect(progress).toEqual([`已记录 ${code} 进度 30%（整改中）｜时限 12月20日（剩19天）`]);
    const id = (await hazard(code))?.id ?? 0;
    const events = await chat.read((s) => s.hazards.events(id));
    // the history keeps what was written, not the quote
    expect(events.at(-1)?.text).toBe('已联系厂家');
    const done = texts(await chat.send(G.redStar, '张伟', quoting(notice(code), '整改完成')));
    expect(done[0]).toBe(`${code} 已提交验收，请应急管理局验收：回复「${code} 验收通过」或「${code} 驳回 原因」。`);
  });

  it('asks which hazard when the quote names none or several, and a code written in the reply wins', async () => {
    const first = await registerHazard(chat, '红星化工 配电室门锁坏了 责任人 张伟 12月20日前');
    const second = await registerHazard(chat, '红星化工 叉车未年检 责任人 张伟 12月25日前');
    const several = texts(await chat.send(G.redStar, '张伟', quoting(`隐患清零：${first}、${second} 本周到期`, '进度50%')));
    expect(several).toEqual([expect.stringMatching(/^这条说的是哪一项？您有 2 项未销号/)]);
    expect((await hazard(first))?.progress).toBe(0);
    const own = texts(await chat.send(G.redStar, '张伟', quoting(notice(first), `${second} 进度40%`)));
    expect(own).toEqual([expect.stringContaining(`已记录 ${second} 进度 40%`)]);
    expect((await hazard(first))?.progress).toBe(0);
  });
});
