import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WSClient } from '@wecom/aibot-node-sdk';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/app/bot.ts';
import { utf8Bytes } from '../../src/app/split-message.ts';
import { WeComChannel } from '../../src/channels/wecom-channel.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { encryptMedia, startFakeWeCom, type FakeWeCom, type WeComEvent } from '../helpers/fake-wecom.ts';
import { FIXTURES } from '../helpers/loopback.ts';
import { reminderForZhang, sentAfter, startChannelBot, type ChannelBot } from '../helpers/channel-bot.ts';

const PHOTO = readFileSync(join(FIXTURES, 'valve-photo.png'));
const BOT = { botId: 'aibot-hazard-zero', secret: 'test-bot-secret' };
const CHATS = { dept: 'wrDEPT0000000000', unit: 'wrUNIT0000000000' };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let hz: ChannelBot;
let dir: string;
let fake: FakeWeCom;
let bot: Bot;
let client: WSClient;
let channel: WeComChannel;
let now: Date;
let seq = 0;

const read: ChannelBot['read'] = (work) => hz.read(work);

/** Someone @-mentions the AI bot in a group. */
function say(chat: keyof typeof CHATS, userid: string, text: string, msgid = `msgid-${++seq}`): string {
  return fake.push('wecom/aibot-text-group.json', { msgid, chatid: CHATS[chat], userid, text });
}

const sendsAfter = (before: number, count: number): Promise<WeComEvent[]> => sentAfter(() => fake.sends(), before, count);

const textOf = (e: WeComEvent | undefined): string =>
  !e || !('body' in e) ? '' : (e.body.stream?.content ?? e.body.text?.content ?? e.body.markdown?.content ?? '');

beforeEach(async () => {
  now = atLocal('2026-12-01 09:00');
  fake = await startFakeWeCom({ ...BOT, webhookKeys: ['key-unit'] });
  client = new WSClient({ ...BOT, wsUrl: fake.wsUrl, logger: silent, maxReconnectAttempts: 0 });
  channel = new WeComChannel({ client, webhooks: { 红星化工安全对接群: 'key-unit' }, webhookBase: fake.base, botNames: ['隐患清零'], clock: () => now });
  hz = await startChannelBot({ prefix: 'hz-wecom-', channel, roster: join(FIXTURES, 'wecom', 'roster.yaml'), clock: () => now });
  ({ bot, dir } = hz);
  await channel.start((message) => bot.receive(message));
  await fake.authenticated();
});

afterEach(async () => {
  await channel.stop();
  await hz.close();
  await fake.close();
});

describe('WeCom: AI bot long connection in, stream replies and the group robot out', () => {
  it('runs register → progress with a photo → submit → accept, and pushes one reminder through the group robot', async () => {
    let before = fake.sends().length;
    const registerReq = say('dept', 'wangjg', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    const registered = await sendsAfter(before, 2);
    // the answer to the question, on the long connection, as a finished stream
    expect(registered[0]).toMatchObject({ type: 'reply', reqId: registerReq, body: { msgtype: 'stream', stream: { finish: true } } });
    expect(textOf(registered[0])).toContain('YH-0001');
    // the unit hears it through its group robot, 张伟 mentioned by userid
    expect(registered[1]).toMatchObject({ type: 'webhook', key: 'key-unit', body: { msgtype: 'text', text: { mentioned_list: ['zhangwei'] } } });
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ ownerName: '张伟', deadline: '2026-12-15', level: 'general' });

    // WeCom sends a callback twice (same msgid): handled once
    say('dept', 'wangjg', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', 'msgid-1');
    // text and photo in one message (图文混排), the photo encrypted as WeCom does
    const { encrypted, aeskey } = encryptMedia(PHOTO);
    fake.serve('valve.enc', encrypted);
    before = fake.sends().length;
    fake.push('wecom/aibot-mixed-group.json', { msgid: `msgid-${++seq}`, chatid: CHATS.unit, userid: 'zhangwei', text: 'YH-0001 进度60% 已更换阀门，等待检测', file: 'valve.enc', aeskey });
    const progress = await sendsAfter(before, 1);
    // messages are handled in order: the repeat produced nothing before this reply
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ type: 'reply' });
    expect(textOf(progress[0])).toContain('进度 60%');
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    const events = await read((s) => s.hazards.events(hazard!.id));
    expect(events.find((e) => e.type === 'progress')?.attachments).toEqual([expect.objectContaining({ mime: 'image/png', size: PHOTO.length })]);

    before = fake.sends().length;
    say('unit', 'zhangwei', 'YH-0001 整改完成 请验收');
    const submitted = await sendsAfter(before, 2);
    // the department's group has no robot webhook: the AI bot pushes markdown to its chatid
    expect(submitted[1]).toMatchObject({ type: 'push', body: { chatid: CHATS.dept, msgtype: 'markdown' } });

    before = fake.sends().length;
    say('dept', 'wangjg', 'YH-0001 验收通过');
    const accepted = await sendsAfter(before, 2);
    expect(textOf(accepted[0])).toContain('验收通过，已销号');
    expect(accepted[1]).toMatchObject({ type: 'webhook', key: 'key-unit' });
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'closed' });

    const reminder = await reminderForZhang(read);
    expect(await read((s) => s.outbox.enqueue(reminder, now))).toBe(true);
    before = fake.sends().length;
    expect(await bot.deliver()).toBe(1);
    const [pushed] = await sendsAfter(before, 1);
    expect(pushed).toEqual({ type: 'webhook', key: 'key-unit', body: { msgtype: 'text', text: { content: '⏰ 提醒：YH-0002 明天到期，请抓紧整改。', mentioned_list: ['zhangwei'] } } });
    expect(await read((s) => s.outbox.enqueue(reminder, now))).toBe(false);
  });

  it('pauses the group robot on 45009, splits markdown at 4,096 bytes and sends pictures as base64 + md5', async () => {
    const unit = await read((s) => s.roster.groupByName('红星化工安全对接群'));
    fake.webhookAnswers.push({ errcode: 45009, errmsg: 'api freq out of limit' });
    const line = '> YH-0001 红星化工 储罐区呼吸阀损坏 责任人<font color="warning">张伟</font> 整改中60%';
    const digest = ['## 今日隐患汇总', ...Array.from({ length: 80 }, () => line)].join('\n');
    expect(utf8Bytes(digest)).toBeGreaterThan(4_096);
    await read((s) => s.outbox.enqueue({
      kind: 'push', groupId: unit!.id, personId: null, text: digest, mentions: [], extra: { markdown: true, job: 'send-daily-digest' }, file: { name: 'site.png', data: PHOTO },
    }, now));
    expect(await bot.deliver()).toBe(0);
    expect(fake.webhookRequests).toBe(1);
    now = new Date(now.getTime() + 61_000);
    expect(await bot.deliver()).toBe(1);
    const sent = fake.sends().filter((e): e is Extract<WeComEvent, { type: 'webhook' }> => e.type === 'webhook');
    const markdown = sent.filter((e) => e.body.msgtype === 'markdown');
    expect(markdown.length).toBeGreaterThanOrEqual(2);
    for (const m of markdown) expect(utf8Bytes(m.body.markdown.content)).toBeLessThanOrEqual(4_096);
    // whole lines only; each later part says which message it continues
    markdown.forEach((m, i) => i > 0 && expect(m.body.markdown.content.split('\n')[0]).toBe(`## 今日隐患汇总（续${i}）`));
    expect(markdown.map((m, i) => m.body.markdown.content.split('\n').slice(i > 0 ? 1 : 0).join('\n')).join('\n')).toBe(digest);
    expect(sent.at(-1)?.body).toEqual({ msgtype: 'image', image: { base64: PHOTO.toString('base64'), md5: expect.stringMatching(/^[0-9a-f]{32}$/) } });
  });
});

describe('WeCom: user text never turns into markdown, mentions or a false owner (#9 items 3, 9, 11)', () => {
  const EVIL = '[点我领取补贴](http://evil.example/p) ![t](http://evil.example/t.png) **加急** <font color="warning">红字</font>';
  /** markdown that would render as a link, an image, emphasis, HTML or a heading */
  const RENDERS = /\]\(|!\[|\*\*|<font|^#/m;
  const markdownSent = (events: readonly WeComEvent[]) => events.filter((e) => e.type === 'reply' || e.type === 'push' || (e.type === 'webhook' && e.body.msgtype === 'markdown'));

  async function register(text: string): Promise<void> {
    const before = fake.sends().length;
    say('dept', 'wangjg', text);
    await sendsAfter(before, 2);
  }

  it('escapes links, images, emphasis and HTML of an extension reason in the stream reply and in the AI bot push', async () => {
    await register('登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    const before = fake.sends().length;
    say('unit', 'zhangwei', `YH-0001 申请延期到12月30日 原因：${EVIL}\n# 紧急通知`);
    const sent = await sendsAfter(before, 2);
    const markdown = markdownSent(sent);
    // the unit's answer on the long connection, the department told by an AI bot push: both markdown
    expect(markdown.map((e) => e.type).sort()).toEqual(['push', 'reply']);
    // the reply's stream id is the question's msgid and the outbox part: a retry updates, never adds
    expect(markdown.find((e) => e.type === 'reply')?.body.stream.id).toMatch(/^stream_msgid-\d+_outbox_\d+_1_1$/);
    for (const e of markdown) {
      expect(textOf(e)).toContain('［点我领取补贴］(http://evil.example/p)');
      expect(textOf(e)).toContain('!［t］(http://evil.example/t.png) ＊＊加急＊＊ ＜font');
      expect(textOf(e)).not.toMatch(RENDERS);
    }
    // the ledger keeps the words as written
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    expect(hazard?.extensionReason).toContain('[点我领取补贴](http://evil.example/p)');
  });

  it('neutralises @所有人 and markdown quoted by scheduled pushes: reminders to the unit, escalations to the department', async () => {
    await register(`登记隐患：红星化工储罐区呼吸阀损坏 ${EVIL}，一般隐患，责任人 张伟，12月2日前整改完毕`);
    // the parser takes @-words out of a description today; what reaches a push must be safe without
    // relying on that (a description may come from elsewhere), so the stored text is given one
    const ledger = new Database(join(dir, 'test.db'));
    ledger.prepare('UPDATE "Hazard" SET description = ? WHERE code = ?').run(`@所有人 <@zhangwei> 储罐区呼吸阀损坏 ${EVIL}`, 'YH-0001');
    ledger.close();
    const before = fake.sends().length;
    const from = now;
    now = atLocal('2026-12-04 09:30');
    await bot.advance(from);
    const pushes = fake.sends().slice(before);
    // the reminders before the deadline (group robot, text) and the escalation after it (AI bot, markdown)
    expect(pushes.some((e) => e.type === 'webhook' && textOf(e).includes('即将到期'))).toBe(true);
    expect(pushes.some((e) => e.type === 'webhook' && textOf(e).includes('项（本单位）'))).toBe(true);
    expect(pushes.some((e) => e.type === 'push' && textOf(e).includes('所监管单位逾期'))).toBe(true);
    for (const e of pushes) {
      expect(textOf(e)).not.toMatch(/@所有人|<@/);
      if (e.type === 'webhook') expect(e.body.text?.mentioned_list ?? []).not.toContain('@all');
    }
    expect(pushes.filter((e) => textOf(e).includes('＠所有人 ＜@zhangwei')).length).toBeGreaterThanOrEqual(3);
    for (const e of markdownSent(pushes)) expect(textOf(e)).not.toMatch(RENDERS);
  });

  it('takes the owner from 责任人, not from an @名字 typed in the text (the AI bot gives no mention list)', async () => {
    await register('登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人 李强 @张伟，12月15日前整改完毕');
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ ownerName: '李强' });
  });
});
