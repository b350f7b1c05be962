import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bot } from '../../src/app/bot.ts';
import { parseRoster } from '../../src/features/roster-file.ts';
import { utf8Bytes } from '../../src/app/split-message.ts';
import { DingTalkChannel } from '../../src/channels/dingtalk-channel.ts';
import { DingTalkOpenApi } from '../../src/channels/dingtalk-openapi.ts';
import { DingTalkStreamClient } from '../../src/channels/dingtalk-stream-client.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { startFakeDingTalk, type DingTalkEvent, type FakeDingTalk } from '../helpers/fake-dingtalk.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { FIXTURES, fixture } from '../helpers/loopback.ts';
import { reminderForZhang, sentAfter, startChannelBot, type ChannelBot } from '../helpers/channel-bot.ts';

const PHOTO = readFileSync(join(FIXTURES, 'valve-photo.png'));
const APP = { clientId: 'dingbot0000hazardzero', clientSecret: 'test-app-secret' };
const GROUPS = {
  dept: { conversationId: 'cidDEPTxxxxxxxxxxxxxx==', conversationTitle: '应急管理局监管群', session: 'session-dept' },
  unit: { conversationId: 'cidUNITxxxxxxxxxxxxxx==', conversationTitle: '红星化工安全对接群', session: 'session-unit' },
  leaders: { conversationId: 'cidLEADERSxxxxxxxxxxx==', conversationTitle: '县安委会领导群', session: 'session-leaders' },
  // a chat anyone created and titled like the leaders' group
  copycat: { conversationId: 'cidCOPYCATxxxxxxxxxxx==', conversationTitle: '县安委会领导群', session: 'session-copycat' },
};
const PEOPLE = {
  wang: { senderNick: '王建国', senderStaffId: 'wangjg01' },
  zhang: { senderNick: '张伟', senderStaffId: 'zhangwei01' },
  liu: { senderNick: '刘县长', senderStaffId: 'liu01' },
  // another account wearing the admin's and the department head's names, and a stranger
  fakeZhao: { senderNick: '赵主任', senderStaffId: 'ATTACKER' },
  fakeWang: { senderNick: '王建国', senderStaffId: 'ATTACKER' },
  stranger: { senderNick: '路人', senderStaffId: 'stranger01' },
};

let hz: ChannelBot;
let dir: string;
let fake: FakeDingTalk;
let bot: Bot;
let channel: DingTalkChannel;
let now: Date;
let seq = 0;

const read: ChannelBot['read'] = (work) => hz.read(work);

/** Someone @-mentions the robot in a group: the callback goes down the stream. */
function say(group: keyof typeof GROUPS, who: keyof typeof PEOPLE, text: string, msgId = `msg-${++seq}`): string {
  const data = fixture('dingtalk/robot-text-group.json', {
    ...GROUPS[group], ...PEOPLE[who], msgId, text, base: fake.base, now: now.getTime(), expires: now.getTime() + 90 * 60_000,
  });
  fake.push(data);
  return msgId;
}

const sendsAfter = (before: number, count: number): Promise<DingTalkEvent[]> => sentAfter(() => fake.sends(), before, count);

const textOf = (e: DingTalkEvent): string => ('body' in e ? (e.body.text?.content ?? e.body.markdown?.text ?? JSON.parse(e.body.msgParam ?? '{}').content ?? '') : '');

beforeEach(async () => {
  // the Stream SDK prints its connects and disconnects
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  now = atLocal('2026-12-01 09:00');
  fake = await startFakeDingTalk({ ...APP, robots: { 'token-unit': 'SECunit0000' }, photo: PHOTO });
  const stream = new DingTalkStreamClient({ ...APP, apiBase: fake.base, keepAlive: false });
  const api = new DingTalkOpenApi({ appKey: APP.clientId, appSecret: APP.clientSecret, robotCode: APP.clientId }, fetch, fake.base, fake.base);
  channel = new DingTalkChannel({
    stream, api, oapiBase: fake.base, clock: () => now, botNames: ['隐患清零'],
    webhooks: { 红星化工安全对接群: { accessToken: 'token-unit', secret: 'SECunit0000' } },
  });
  hz = await startChannelBot({ prefix: 'hz-dingtalk-', channel, roster: ORG_ROSTER, clock: () => now });
  ({ bot, dir } = hz);
  // as main.ts wires it: handled and committed, then acknowledged, the replies sent after
  await channel.start((message) => bot.accept(message));
  await fake.connected();
});

afterEach(async () => {
  await channel.stop();
  await hz.close();
  await fake.close();
  vi.restoreAllMocks();
});

describe('DingTalk: Stream in, session webhook and custom robot out', () => {
  it('runs register → progress with a photo → submit → accept, and pushes one reminder through the signed robot', async () => {
    let before = fake.sends().length;
    const registerId = say('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    const registered = await sendsAfter(before, 2);
    // the reply goes back through the message's session webhook…
    expect(registered[0]).toMatchObject({ type: 'session', session: 'session-dept' });
    expect(textOf(registered[0]!)).toContain('YH-0001');
    // …the unit hears it through its custom robot (signature checked by the fake); 张伟 has no DingTalk id yet
    expect(registered[1]).toMatchObject({ type: 'webhook', accessToken: 'token-unit', body: { msgtype: 'text', at: { atUserIds: [] } } });
    expect(textOf(registered[1]!)).toMatch(/^@张伟 /);
    // the callback was acknowledged once its records were committed, before anything was sent for it
    const events = fake.events;
    const ack = events.findIndex((e) => e.type === 'ack');
    const firstSend = events.findIndex((e) => e.type === 'session');
    expect(ack).toBeGreaterThanOrEqual(0);
    expect(ack).toBeLessThan(firstSend);
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ ownerName: '张伟', deadline: '2026-12-15', level: 'general' });

    // the unit's chat is bound by the first message there from an account proven by id (the
    // supervising department head's roster staffId); 张伟, known by nickname only, would not bind it
    before = fake.sends().length;
    say('unit', 'wang', '本群隐患');
    await sendsAfter(before, 1);
    expect((await read((s) => s.roster.groupByName('红星化工安全对接群')))?.dingtalkId).toBe(GROUPS.unit.conversationId);

    // DingTalk redelivers a callback (same msgId): acknowledged, not handled again
    const acks = events.filter((e) => e.type === 'ack').length;
    before = fake.sends().length;
    say('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', registerId);
    await vi.waitFor(() => expect(fake.events.filter((e) => e.type === 'ack').length).toBe(acks + 1), { timeout: 10_000 });

    // a photo, then the progress text: the photo is its evidence
    fake.push(fixture('dingtalk/robot-picture-group.json', {
      ...GROUPS.unit, ...PEOPLE.zhang, msgId: `msg-${++seq}`, downloadCode: 'dl-valve', base: fake.base, now: now.getTime(), expires: now.getTime() + 90 * 60_000,
    }));
    say('unit', 'zhang', 'YH-0001 进度60% 已更换阀门，等待检测');
    // callbacks are handled in order: the progress reply is the only send since the repeat
    const progress = await sendsAfter(before, 1);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ type: 'session', session: 'session-unit' });
    expect(textOf(progress[0]!)).toContain('进度 60%');
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    const events1 = await read((s) => s.hazards.events(hazard!.id));
    expect(events1.find((e) => e.type === 'progress')?.attachments).toEqual([expect.objectContaining({ mime: 'image/png', size: PHOTO.length })]);
    // the sender's DingTalk id was bound on first sight
    expect((await read((s) => s.roster.peopleByName('张伟')))[0]?.dingtalkId).toBe('zhangwei01');

    before = fake.sends().length;
    say('unit', 'zhang', 'YH-0001 整改完成 请验收');
    const submitted = await sendsAfter(before, 2);
    // the department has no custom robot: its push rides on its live session webhook
    expect(submitted.map((e) => e.type === 'session' && e.session)).toEqual(['session-unit', 'session-dept']);

    before = fake.sends().length;
    say('dept', 'wang', 'YH-0001 验收通过');
    const accepted = await sendsAfter(before, 2);
    expect(textOf(accepted[0]!)).toContain('验收通过，已销号');
    expect(accepted[1]).toMatchObject({ type: 'webhook', accessToken: 'token-unit' });
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'closed' });

    // one reminder from the scheduler's side: through the custom robot, mentioning 张伟 by userId
    const reminder = await reminderForZhang(read);
    expect(await read((s) => s.outbox.enqueue(reminder, now))).toBe(true);
    before = fake.sends().length;
    expect(await bot.deliver()).toBe(1);
    const [pushed] = await sendsAfter(before, 1);
    expect(pushed).toMatchObject({ type: 'webhook', accessToken: 'token-unit', body: { msgtype: 'text', text: { content: '@zhangwei01 ⏰ 提醒：YH-0002 明天到期，请抓紧整改。' }, at: { atUserIds: ['zhangwei01'] } } });
    expect(await read((s) => s.outbox.enqueue(reminder, now))).toBe(false);
    expect(await bot.deliver()).toBe(0);
  });

  it('pauses the robot on 130101 and sends once when the pause is over', async () => {
    const unit = await read((s) => s.roster.groupByName('红星化工安全对接群'));
    fake.webhookAnswers.push({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: unit!.id, personId: null, text: '本周隐患汇总', mentions: [] }, now));
    expect(await bot.deliver()).toBe(0);
    expect(fake.webhookRequests).toBe(1);
    // still paused a moment later: no request at all
    now = new Date(now.getTime() + 30_000);
    expect(await bot.deliver()).toBe(0);
    expect(fake.webhookRequests).toBe(1);
    now = new Date(now.getTime() + 31_000);
    expect(await bot.deliver()).toBe(1);
    expect(fake.webhookRequests).toBe(2);
    expect(fake.sends().filter((e) => e.type === 'webhook')).toHaveLength(1);
    const row = await read(async (s) => (await s.outbox.due(new Date(now.getTime() + 86_400_000))).length);
    expect(row).toBe(0);
  });

  it('sends a long markdown digest in parts under the byte limit, and uses the OpenAPI where no webhook or session serves', async () => {
    const unit = await read((s) => s.roster.groupByName('红星化工安全对接群'));
    const line = '- YH-0001 红星化工 储罐区呼吸阀损坏 责任人张伟 整改中60%（剩14天）';
    const digest = ['## 今日隐患汇总', ...Array.from({ length: 300 }, () => line)].join('\n');
    expect(utf8Bytes(digest)).toBeGreaterThan(15_000);
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: unit!.id, personId: null, text: digest, mentions: [], extra: { markdown: true, title: '今日隐患汇总', job: 'send-daily-digest' } }, now));
    expect(await bot.deliver()).toBe(1);
    const parts = fake.sends().filter((e) => e.type === 'webhook');
    expect(parts.length).toBe(2);
    for (const p of parts) {
      expect(p).toMatchObject({ body: { msgtype: 'markdown', markdown: { title: '今日隐患汇总' } } });
      expect(utf8Bytes(p.type === 'webhook' ? p.body.markdown.text : '')).toBeLessThanOrEqual(15_000);
    }
    // whole lines only; the second part says which message it continues
    const texts = parts.map((p) => (p.type === 'webhook' ? p.body.markdown.text : ''));
    expect(texts[1]?.split('\n')[0]).toBe('## 今日隐患汇总（续1）');
    expect(texts.map((t, i) => t.split('\n').slice(i > 0 ? 1 : 0).join('\n')).join('\n')).toBe(digest);

    // a town group known only by its conversation id, nobody spoke there recently
    const town = await read((s) => s.roster.groupByName('城关镇安全群'));
    await read((s) => s.roster.bindGroupPlatformId(town!.id, 'dingtalk', 'cidTOWNxxxxxxxxxxxxxx=='));
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: town!.id, personId: null, text: '请于本周五前报送排查台账。', mentions: [] }, now));
    expect(await bot.deliver()).toBe(1);
    const viaApi = fake.sends().filter((e) => e.type === 'group-api');
    expect(viaApi).toEqual([{ type: 'group-api', token: 'api-token-1', body: { robotCode: APP.clientId, openConversationId: 'cidTOWNxxxxxxxxxxxxxx==', msgKey: 'sampleText', msgParam: JSON.stringify({ content: '请于本周五前报送排查台账。' }) } }]);

    // an export: the text, then the file uploaded as media and sent as a file message
    const workbook = Buffer.from('PK\u0003\u0004 not really a workbook');
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: town!.id, personId: null, text: '本月隐患台账见附件。', mentions: [], file: { name: '隐患台账.xlsx', data: workbook } }, now));
    expect(await bot.deliver()).toBe(1);
    expect(fake.events.filter((e) => e.type === 'upload')).toEqual([{ type: 'upload', kind: 'file' }]);
    expect(fake.uploads).toEqual([{ kind: 'file', name: '隐患台账.xlsx', data: workbook }]);
    const [text, sheet] = fake.sends().filter((e) => e.type === 'group-api').slice(1);
    expect(text).toMatchObject({ body: { msgKey: 'sampleText', msgParam: JSON.stringify({ content: '本月隐患台账见附件。' }) } });
    expect(sheet).toMatchObject({ body: { msgKey: 'sampleFile', msgParam: JSON.stringify({ mediaId: '@media-1', fileName: '隐患台账.xlsx', fileType: 'xlsx' }) } });
  });
});

describe('DingTalk: a display name or a group title proves nothing (issue #9 items 1 and 2)', () => {
  /** Waits for the bot to say something containing `part`, and returns all it said so. */
  const saidContaining = async (part: string) => {
    await vi.waitFor(() => expect(fake.sends().some((e) => textOf(e).includes(part))).toBe(true), { timeout: 15_000, interval: 20 });
    return fake.sends().filter((e) => textOf(e).includes(part));
  };
  beforeEach(async () => {
    // the admin and the leader are on the roster with their DingTalk ids, as an admin exports them
    await bot.importRoster(parseRoster(`
units: [{ name: 应急管理局, kind: department }]
people:
  - { name: 赵主任, unit: 应急管理局, role: admin, dingtalk: zhao01 }
  - { name: 刘县长, role: leader, dingtalk: liu01 }
`));
  });

  it('does not let another account use the admin\'s or the department head\'s nickname', async () => {
    say('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    await saidContaining('已登记 YH-0001');
    say('unit', 'zhang', 'YH-0001 整改完成 请验收');
    await saidContaining('已提交验收');

    say('dept', 'fakeZhao', '设置角色 张伟 管理员');
    expect(await saidContaining('赵主任」已绑定另一个钉钉账号')).toHaveLength(1);
    expect((await read((s) => s.roster.peopleByName('张伟')))[0]?.role).toBe('contact');

    say('dept', 'fakeWang', 'YH-0001 验收通过');
    expect(await saidContaining('王建国」已绑定另一个钉钉账号')).toHaveLength(1);
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'pending_review' });
    expect((await read((s) => s.roster.peopleByName('赵主任')))[0]?.dingtalkId).toBe('zhao01');
  });

  it('keeps the leaders\' group on its chat when another chat takes its title; an admin may move it', async () => {
    say('leaders', 'liu', '帮助');
    await saidContaining('常用写法');
    expect((await read((s) => s.roster.groupByName('县安委会领导群')))?.dingtalkId).toBe(GROUPS.leaders.conversationId);

    say('copycat', 'stranger', '帮助');
    await saidContaining('还不在名册中');
    const leaders = await read((s) => s.roster.groupByName('县安委会领导群'));
    expect(leaders?.dingtalkId).toBe(GROUPS.leaders.conversationId);

    // the next push to the leaders goes to the leaders' chat, not to the copy
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: leaders!.id, personId: null, text: '今日汇总：逾期 1 项', mentions: [] }, now));
    await bot.deliver();
    expect(await saidContaining('今日汇总：逾期 1 项')).toEqual([expect.objectContaining({ type: 'session', session: 'session-leaders' })]);

    // the admin, in the new chat, moves the group there on purpose: logged
    fake.push(fixture('dingtalk/robot-text-group.json', {
      ...GROUPS.copycat, senderNick: '赵主任', senderStaffId: 'zhao01', msgId: `msg-${++seq}`, text: '绑定本群 县安委会领导群', base: fake.base, now: now.getTime(), expires: now.getTime() + 90 * 60_000,
    }));
    await saidContaining('改绑到本群');
    expect((await read((s) => s.roster.groupByName('县安委会领导群')))?.dingtalkId).toBe(GROUPS.copycat.conversationId);
    const log = await read((s) => s.identity.eventsOfGroup(leaders!.id));
    expect(log.map((e) => [e.method, e.platformId])).toEqual([
      ['first_sight', GROUPS.leaders.conversationId], ['unbound', GROUPS.leaders.conversationId], ['admin', GROUPS.copycat.conversationId],
    ]);
  });
});

describe('DingTalk: only the platform mention list (atUsers) is a mention (#9 item 11)', () => {
  const ROBOT = { dingtalkId: '$:LWCP_v1:$robot0000000000000000000001' };

  /** A group message whose atUsers lists `atUsers` besides the robot. */
  function sayWithMentions(text: string, atUsers: Array<{ dingtalkId: string; staffId?: string }>): void {
    const data = JSON.parse(fixture('dingtalk/robot-text-group.json', {
      ...GROUPS.dept, ...PEOPLE.wang, msgId: `msg-${++seq}`, text, base: fake.base, now: now.getTime(), expires: now.getTime() + 90 * 60_000,
    })) as { atUsers: unknown[] };
    data.atUsers = [ROBOT, ...atUsers];
    fake.push(JSON.stringify(data));
  }

  async function ownerAfter(send: () => void): Promise<string | undefined> {
    const before = fake.sends().length;
    send();
    await sendsAfter(before, 1);
    return (await read((s) => s.hazards.byCode('YH-0001')))?.ownerName;
  }

  it('takes 责任人 李强 over an @张伟 typed in the text', async () => {
    expect(await ownerAfter(() => say('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，责任人 李强 @张伟，12月15日前整改完毕'))).toBe('李强');
  });

  it('takes 责任人 李强 over a real @张伟 too: the mention only tells 张伟', async () => {
    const zhang = { dingtalkId: '$:LWCP_v1:$zhangwei01', staffId: 'zhangwei01' };
    expect(await ownerAfter(() => sayWithMentions('登记隐患：红星化工储罐区呼吸阀损坏，责任人 李强 @张伟，12月15日前整改完毕', [zhang]))).toBe('李强');
  });

  it('names a real mention by its id from the roster, whatever nickname the text shows', async () => {
    // 张伟 speaks once, so the roster knows his DingTalk id
    const before = fake.sends().length;
    say('unit', 'zhang', '我的隐患');
    await sendsAfter(before, 1);
    const owner = await ownerAfter(() => sayWithMentions('登记隐患：红星化工储罐区呼吸阀损坏，12月15日前整改完毕 @伟哥', [{ dingtalkId: '$:LWCP_v1:$zhangwei01', staffId: 'zhangwei01' }]));
    expect(owner).toBe('张伟');
  });
});

describe('DingTalk: a person not in the roster writing to the robot privately', () => {
  it('is answered once a day through the private chat\'s session webhook', async () => {
    const privately = (text: string) => {
      const data = JSON.parse(fixture('dingtalk/robot-text-group.json', {
        ...GROUPS.dept, ...PEOPLE.stranger, msgId: `msg-${++seq}`, text, base: fake.base, now: now.getTime(), expires: now.getTime() + 90 * 60_000,
      })) as Record<string, unknown>;
      // a 1:1 chat: conversationType 1, its own session webhook, no title
      fake.push(JSON.stringify({ ...data, conversationType: '1', conversationTitle: '', sessionWebhook: `${fake.base}/robot/sendBySession?session=session-stranger` }));
    };
    const toStranger = () => fake.sends().filter((e) => e.type === 'session' && e.session === 'session-stranger').map(textOf);
    privately('怎么登记隐患');
    await vi.waitFor(() => expect(toStranger()).toHaveLength(1), { timeout: 15_000, interval: 20 });
    expect(toStranger()[0]).toContain('您还不在名册中');
    privately('在吗');
    // a roster question answered after it shows the second was handled: not told again today
    const before = fake.sends().length;
    say('dept', 'wang', '逾期隐患');
    // (the outbox sends oldest first: a second answer would have gone before this one)
    await sendsAfter(before, 1);
    expect(toStranger()).toHaveLength(1);
  });
});
