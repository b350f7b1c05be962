import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHelp } from '../../commands/help.ts';
import { commands } from '../../commands/index.ts';
import { byteLength } from '../../src/i18n/fit.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const ROLES = ['contact', 'department', 'leader', 'admin'] as const;

describe('帮助 (#10 item 14)', () => {
  it('has one short shape for every role: a title, one example per line, the two rules, where to find more', () => {
    for (const role of ROLES) {
      const lines = renderHelp(commands, role).split('\n');
      expect(lines[0], role).toBe('隐患清零 · 常用写法（照着改了发）');
      // a phone screen: a dozen short lines, no sections, no summaries
      expect(lines.length, role).toBeLessThanOrEqual(13);
      expect(byteLength(lines.join('\n')), role).toBeLessThanOrEqual(900);
      for (const line of lines) expect(line, role).not.toMatch(/^【|^·/);
      expect(lines.some((l) => /^一条消息可写多个编号：YH-0008、YH-0012 /.test(l)), role).toBe(true);
      expect(lines, role).toContain('重大隐患：先报治理方案六项，验收前须有整改照片或文件');
      expect(lines.at(-1), role).toContain('「帮助 全部」');
    }
  });

  it('shows each role its daily work', () => {
    expect(renderHelp(commands, 'contact')).toContain('YH-0012 进度60%');
    expect(renderHelp(commands, 'contact')).not.toContain('验收通过');
    expect(renderHelp(commands, 'department')).toContain('YH-0008、YH-0012 验收通过');
    expect(renderHelp(commands, 'leader')).toContain('YH-0012 挂牌督办');
  });

  it('lists everything on 帮助 全部, and one command on 帮助 进度', async () => {
    const all = (await chat.send(G.safety, '赵主任', '帮助 全部'))[0]?.text ?? '';
    expect(all).toContain('绑定本群');
    const one = (await chat.send(G.redStar, '张伟', '帮助 进度'))[0]?.text ?? '';
    expect(one).toContain('例：YH-0012 进度60%');
  });
});

describe('a direct mention the bot does not understand (#10 item 15)', () => {
  it('answers with the closest command and an example', async () => {
    const out = await chat.send(G.redStar, '张伟', '@隐患清零 我想申请延期怎么弄');
    expect(out[0]?.text).toContain('您是要「申请延期」吗？例：YH-0012 申请延期到12月30日');
  });

  it('answers a platform mention too, with 帮助 when nothing is close', async () => {
    await chat.bot.receive({
      platform: 'console', messageId: 'm-1', group: { id: G.redStar, name: G.redStar }, sender: { id: '张伟', name: '张伟' },
      text: '在吗', mentions: [], attachments: [], at: chat.now, addressed: true,
    });
    expect(chat.channel.sent.at(-1)?.text).toContain('没看懂这条消息。发「帮助」看常用写法');
  });

  it('leaves everyday chat unanswered, mentioned or not', async () => {
    for (const text of ['收到', '好的', '辛苦了', '@隐患清零 谢谢', '今天开会吗']) expect(await chat.send(G.redStar, '张伟', text), text).toEqual([]);
  });

  it('runs a command written after the mention', async () => {
    const out = await chat.send(G.redStar, '张伟', '@隐患清零 我的隐患');
    expect(out[0]?.text).toContain('我的隐患');
  });
});
