import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/app/rate-limiter.ts';
import { splitMessage, utf8Bytes } from '../../src/app/split-message.ts';
import { RecentIds } from '../../src/channels/recent-ids.ts';
import { mentionedNames, stripSelfMention, markdownToPlain } from '../../src/channels/plain-text.ts';
import { signDingTalk, dingTalkBody } from '../../src/channels/dingtalk-robot-webhook.ts';
import { weComBody } from '../../src/channels/wecom-robot-webhook.ts';

describe('splitMessage', () => {
  it('leaves a text within the limit alone', () => {
    expect(splitMessage('YH-0001 进度60%', 2_048)).toEqual(['YH-0001 进度60%']);
  });

  it('counts UTF-8 bytes: a Chinese character is three', () => {
    expect(utf8Bytes('隐患')).toBe(6);
    expect(splitMessage('隐患清零\n隐患清零', 12)).toEqual(['隐患清零', '隐患清零']);
    expect(splitMessage('隐患清零\n隐患清零', 25)).toEqual(['隐患清零\n隐患清零']);
  });

  it('cuts on line boundaries and drops blank lines at a cut', () => {
    const text = ['一一一一', '', '二二二二', '三三三三'].join('\n');
    expect(splitMessage(text, 13)).toEqual(['一一一一', '二二二二', '三三三三']);
  });

  it('cuts a line longer than the limit between characters, never inside one', () => {
    const parts = splitMessage('隐'.repeat(10), 7);
    expect(parts).toEqual(['隐隐', '隐隐', '隐隐', '隐隐', '隐隐']);
    const emoji = splitMessage('⏰'.repeat(3), 4);
    expect(emoji.every((p) => utf8Bytes(p) <= 4 && !p.includes('\uFFFD'))).toBe(true);
  });

  it('keeps every line, in order, within the limit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `- YH-${String(i).padStart(4, '0')} 红星化工 ${'隐'.repeat(i % 17)}`);
    const parts = splitMessage(lines.join('\n'), 500);
    expect(parts.every((p) => utf8Bytes(p) <= 500)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });
});

describe('splitMessage with numbered parts', () => {
  const continued = (n: number) => `【通报】（续${n}）`;
  it('heads every later part with its number, counted within the limit', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${i + 1}. 城北第${i + 1}化工厂 ${'隐'.repeat(i % 13)}`);
    const parts = splitMessage(['【通报】2026年第四季度', ...lines].join('\n'), 300, continued);
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((p, i) => {
      expect(utf8Bytes(p)).toBeLessThanOrEqual(300);
      if (i > 0) expect(p.split('\n')[0]).toBe(`【通报】（续${i}）`);
    });
    expect(parts.flatMap((p, i) => p.split('\n').slice(i > 0 ? 1 : 0))).toEqual(['【通报】2026年第四季度', ...lines]);
  });

  it('cuts only a line longer than a whole message, between characters, and goes without the head where it does not fit', () => {
    const parts = splitMessage(`【通报】\n${'隐'.repeat(40)}`, 100, continued);
    expect(parts[0]).toBe('【通报】');
    parts.slice(1).forEach((p, i) => expect(p.split('\n')[0]).toBe(`【通报】（续${i + 1}）`));
    expect(parts.every((p) => utf8Bytes(p) <= 100)).toBe(true);
    expect(parts.slice(1).map((p) => p.split('\n')[1]).join('')).toBe('隐'.repeat(40));
    expect(splitMessage('一一\n二二', 7, continued)).toEqual(['一一', '二二']);
  });
});

describe('RateLimiter', () => {
  const rate = { perMinute: 15, burst: 5 };
  it('never lets more than burst + perMinute through in any minute', () => {
    const limiter = new RateLimiter();
    let sent = 0;
    for (let s = 0; s < 60; s += 1) {
      while (limiter.take('t', rate, new Date(s * 1000)) === 0) sent += 1;
    }
    expect(sent).toBeLessThanOrEqual(20);
    expect(sent).toBeGreaterThanOrEqual(19);
  });

  it('says how long to wait for the next token', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 5; i += 1) expect(limiter.take('t', rate, new Date(0))).toBe(0);
    expect(limiter.take('t', rate, new Date(0))).toBe(4_000);
  });

  it('backs off 60 s, 120 s, 240 s … on "too fast" and starts over after a success', () => {
    const limiter = new RateLimiter();
    expect(limiter.pause('t', rate, new Date(0)).getTime()).toBe(60_000);
    expect(limiter.pause('t', rate, new Date(60_000)).getTime()).toBe(180_000);
    expect(limiter.pause('t', rate, new Date(180_000)).getTime()).toBe(420_000);
    limiter.succeeded('t');
    expect(limiter.pause('t', rate, new Date(500_000)).getTime()).toBe(560_000);
  });
});

describe('RecentIds', () => {
  it('remembers an id for its window, then forgets it', () => {
    const ids = new RecentIds(60_000);
    expect(ids.seen('m1', new Date(0))).toBe(false);
    expect(ids.seen('m1', new Date(59_000))).toBe(true);
    expect(ids.seen('m1', new Date(121_000))).toBe(false);
  });
  it('stays bounded', () => {
    const ids = new RecentIds(60_000, 3);
    for (const id of ['a', 'b', 'c', 'd']) ids.seen(id, new Date(0));
    expect(ids.seen('a', new Date(1))).toBe(false);
  });
});

describe('texts on the wire', () => {
  it('strips the bot\'s own mention and reads the others', () => {
    expect(stripSelfMention('@隐患清零\u2005登记隐患：责任人@张伟', ['隐患清零'])).toBe('登记隐患：责任人@张伟');
    expect(mentionedNames('责任人@张伟，12月15日前 @李强 看一下')).toEqual(['张伟', '李强']);
    expect(markdownToPlain('## 今日汇总\n> **2** 条逾期\n[详情](https://example.invalid/x)')).toBe('今日汇总\n2 条逾期\n详情 https://example.invalid/x');
  });

  it('signs DingTalk robot requests as the documentation describes', () => {
    // HMAC-SHA256 over "timestamp\nsecret", keyed by the secret, Base64 (value computed with Python's hmac)
    expect(signDingTalk(1_700_000_000_000, 'SECtest')).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
    expect(dingTalkBody('请验收', [{ name: '张伟', userId: 'zw01', mobile: null }, { name: '李四', userId: null, mobile: null }])).toEqual({
      msgtype: 'text', text: { content: '@zw01 @李四 请验收' }, at: { atUserIds: ['zw01'], atMobiles: [], isAtAll: false },
    });
  });

  it('builds WeCom robot messages with mention lists, and <@userid> in markdown', () => {
    expect(weComBody('请验收', [{ name: '张伟', userId: 'zhangwei', mobile: null }, { name: '李四', userId: null, mobile: '13800000000' }])).toEqual({
      msgtype: 'text', text: { content: '请验收', mentioned_list: ['zhangwei'], mentioned_mobile_list: ['13800000000'] },
    });
    expect(weComBody('## 汇总', [{ name: '张伟', userId: 'zhangwei', mobile: null }], true)).toEqual({ msgtype: 'markdown', markdown: { content: '<@zhangwei>\n## 汇总' } });
  });
});
