import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, texts } from '../helpers/hazards.ts';

// A message is read up to 4,000 characters. A pasted list of 80 items was cut there without a
// word: the preview offered 77 of them for import, the last one cut mid-line.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const pastedList = (items: number) =>
  ['导入清单 市安委会督查组反馈', ...Array.from({ length: items }, (_, i) => `${i + 1}. 红星化工 第${i + 1}号车间消防通道被杂物占用需要立即清理并设置警示标志 责任人张伟 12月20日前`)].join('\n');

describe('a message longer than the bot reads', () => {
  it('is refused whole when it is a command, saying how long it was and what to do', async () => {
    const text = pastedList(80);
    const out = texts(await chat.send(G.safety, '王建国', text));
    expect(out).toEqual([`这条消息有 ${text.length} 字，超过 4000 字的上限，没有处理。请分成几条发送；问题清单可以发 Excel 文件导入。`]);
    expect(texts(await chat.send(G.safety, '王建国', '确认导入'))).not.toEqual([expect.stringContaining('已导入')]);
    expect(await chat.read((s) => s.hazards.count({ includeClosed: true }))).toBe(0);
  });

  it('still reads a list just under the limit', async () => {
    const out = texts(await chat.send(G.safety, '王建国', pastedList(60)));
    expect(out[0]).toContain('共 60 项：可直接导入 60 项');
  });

  it('leaves long everyday chat alone', async () => {
    expect(await chat.send(G.safety, '王建国', '今天开会的内容如下，'.repeat(500))).toEqual([]);
  });
});
