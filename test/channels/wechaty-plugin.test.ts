import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBox } from 'file-box';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WechatyBuilder, type Wechaty } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createLogger } from '../../src/app/logger.ts';
import { hazardZeroPlugin, type HazardZeroHandle } from '../../src/index.ts';
import { createStore, type Store } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { reminderForZhang } from '../helpers/channel-bot.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';

const PHOTO = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'valve-photo.png'));

interface Said {
  roomId: string;
  text: string;
  mentionIds: string[];
}

let dir: string;
let wechaty: Wechaty;
let hz: HazardZeroHandle;
let said: Said[];
let files: Array<{ to: string; name: string }>;
let people: Record<'me' | 'wang' | 'zhang', mock.ContactMock>;
let mocker: mock.Mocker;
let rooms: Record<'dept' | 'unit' | 'leaders', mock.RoomMock>;
let puppet: PuppetMock;
let n = 0;

let now = atLocal('2026-12-01 09:00');
const read = <T>(work: (s: Store) => Promise<T>) => hz.bot.queue.run(() => work(createStore(hz.bot.db)));

/** Waits until the bot has said `count` more things, and returns them. */
async function saidAfter(before: number, count: number): Promise<Said[]> {
  await vi.waitFor(() => expect(said.length).toBeGreaterThanOrEqual(before + count), { timeout: 15_000, interval: 20 });
  return said.slice(before);
}

beforeEach(async () => {
  now = atLocal('2026-12-01 09:00');
  dir = mkdtempSync(join(tmpdir(), 'hz-wechaty-'));
  said = [];
  files = [];
  mocker = new mock.Mocker();
  puppet = new PuppetMock({ mocker });
  // what the bot sends, with the mention ids the puppet was given (the mock drops them)
  const sendText = puppet.messageSendText.bind(puppet);
  vi.spyOn(puppet, 'messageSendText').mockImplementation(async (id: string, text: string, mentionIds?: string[]) => {
    said.push({ roomId: id, text, mentionIds: mentionIds ?? [] });
    return sendText(id, text);
  });
  const sendFile = puppet.messageSendFile.bind(puppet);
  vi.spyOn(puppet, 'messageSendFile').mockImplementation(async (id, box) => {
    files.push({ to: id, name: box.name });
    return sendFile(id, box);
  });
  n += 1;
  wechaty = WechatyBuilder.build({ puppet, name: `hz-test-${n}` });
  const plugin = hazardZeroPlugin({
    config: { dbFile: join(dir, 'test.db'), dataDir: join(dir, 'data') },
    roster: ORG_ROSTER, log: createLogger('silent'), clock: () => now, deliveryIntervalMs: 50, schedule: false,
    // the story sends more than a personal account's pace allows at one frozen instant
    rate: { perMinute: 600, burst: 100 },
  });
  wechaty.use(plugin);
  await wechaty.start();
  people = {
    me: mocker.createContact({ name: '隐患清零' }),
    // the roster knows 王建国's 微信号: his account is proven; 张伟, a contact, is matched by name
    wang: mocker.createContact({ name: '王建国', handle: 'wangjg_wx' }),
    zhang: mocker.createContact({ name: '张伟' }),
  };
  rooms = {
    dept: mocker.createRoom({ topic: '应急管理局监管群', memberIdList: [people.me.id, people.wang.id] }),
    unit: mocker.createRoom({ topic: '红星化工安全对接群', memberIdList: [people.me.id, people.zhang.id, people.wang.id] }),
    leaders: mocker.createRoom({ topic: '县安委会领导群', memberIdList: [people.me.id] }),
  };
  mocker.login(people.me);
  hz = await plugin.ready;
  // after login the plugin binds roster groups to rooms by topic
  await vi.waitFor(async () => expect((await read((s) => s.roster.groupByName('红星化工安全对接群')))?.wechatId).toBe(rooms.unit.id), { timeout: 15_000, interval: 20 });
});

afterEach(async () => {
  await hz.stop();
  await wechaty.stop();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Wechaty plugin, on a real Wechaty with the mock puppet', () => {
  it('takes the owner written under 责任人 over an @mention the puppet lists (#9 item 11)', async () => {
    const before = said.length;
    people.wang.say('@隐患清零\u2005登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人 李强 @张伟\u2005请知悉，12月15日前整改完毕', [people.me, people.zhang]).to(rooms.dept);
    await saidAfter(before, 1);
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ ownerName: '李强' });
  });

  it('runs register → progress with a photo → submit → accept, and pushes one reminder with a mention', async () => {
    let before = said.length;
    people.wang.say('@隐患清零\u2005登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', [people.me, people.zhang]).to(rooms.dept);
    const registered = await saidAfter(before, 2);
    const reply = registered.find((s) => s.roomId === rooms.dept.id);
    const notice = registered.find((s) => s.roomId === rooms.unit.id);
    expect(reply?.text).toContain('YH-0001');
    // the owner is mentioned in the unit's group, by the contact the puppet knows
    expect(notice?.mentionIds).toEqual([people.zhang.id]);
    expect(notice?.text).toMatch(/^@张伟 /);
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    expect(hazard).toMatchObject({ ownerName: '张伟', unitName: '红星化工', level: 'general', deadline: '2026-12-15' });

    // the photo first, then the text: the photo is the progress report's evidence
    people.zhang.say(FileBox.fromBase64(PHOTO.toString('base64'), 'valve.png')).to(rooms.unit);
    before = said.length;
    people.zhang.say('YH-0001 进度60% 已更换阀门，等待检测').to(rooms.unit);
    const progress = await saidAfter(before, 1);
    expect(progress[0]).toMatchObject({ roomId: rooms.unit.id, text: expect.stringContaining('进度 60%') });
    const events = await read(async (s) => s.hazards.events(hazard!.id));
    expect(events.find((e) => e.type === 'progress')?.attachments).toEqual([expect.objectContaining({ name: 'valve.png', mime: 'image/png', size: PHOTO.length })]);

    before = said.length;
    people.zhang.say('YH-0001 整改完成 请验收').to(rooms.unit);
    await saidAfter(before, 2);
    before = said.length;
    people.wang.say('YH-0001 验收通过').to(rooms.dept);
    const accepted = await saidAfter(before, 1);
    expect(accepted.find((s) => s.roomId === rooms.dept.id)?.text).toContain('验收通过，已销号');
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'closed' });

    // one reminder, written to the outbox as the scheduler does, under its dedupe key
    const reminder = await reminderForZhang(read);
    expect(await read((s) => s.outbox.enqueue(reminder, now))).toBe(true);
    expect(await read((s) => s.outbox.enqueue(reminder, now))).toBe(false);
    before = said.length;
    await hz.deliver();
    const pushed = await saidAfter(before, 1);
    expect(pushed).toEqual([{ roomId: rooms.unit.id, text: '@张伟 ⏰ 提醒：YH-0002 明天到期，请抓紧整改。', mentionIds: [people.zhang.id] }]);
    await hz.deliver();
    expect(said.length).toBe(before + 1);
  });

  it('ignores its own messages and a message delivered twice', async () => {
    const before = said.length;
    people.wang.say('逾期隐患').to(rooms.dept);
    await saidAfter(before, 1);
    const last = said.at(-1)!;
    // the bot's own answer came back as a message with self() true and was not answered;
    // now the puppet emits the same message id again
    const ids = [...puppet.mocker.cacheMessagePayload.entries()].filter(([, p]) => p.talkerId === people.wang.id).map(([id]) => id);
    puppet.emit('message', { messageId: ids[0]! });
    await new Promise((r) => setTimeout(r, 300));
    await hz.deliver();
    expect(said.length).toBe(before + 1);
    expect(said.at(-1)).toEqual(last);
  });

  it('holds pushes while the account is logged out and sends them after the next login', async () => {
    const unit = await read((s) => s.roster.groupByName('红星化工安全对接群'));
    await puppet.logout();
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: unit!.id, personId: null, text: '今日汇总：无新增隐患。', mentions: [] }, now));
    expect(await hz.deliver()).toBe(0);
    expect(await read((s) => s.outbox.pendingCount())).toBe(1);
    const before = said.length;
    mocker.login(people.me);
    await vi.waitFor(() => expect(wechaty.isLoggedIn).toBe(true), { timeout: 5_000 });
    // the login sends what waited for it (no pause to sit out); a pass of our own may come first:
    // what matters is that it is said once
    await hz.deliver();
    expect((await saidAfter(before, 1))[0]).toMatchObject({ roomId: rooms.unit.id, text: '今日汇总：无新增隐患。' });
    await hz.deliver();
    expect(said.filter((s) => s.text === '今日汇总：无新增隐患。')).toHaveLength(1);
  });

  it('finds a room by topic when its bound id went stale (a re-login), and sends files as FileBox', async () => {
    const unitGroup = await read((s) => s.roster.groupByName('红星化工安全对接群'));
    await read((s) => s.roster.bindGroupPlatformId(unitGroup!.id, 'wechaty', 'stale-id@chatroom'));
    const before = said.length;
    await read((s) => s.outbox.enqueue({ kind: 'push', groupId: unitGroup!.id, personId: null, text: '本周台账见附件', mentions: [], file: { name: 'ledger.png', data: PHOTO } }, now));
    await hz.deliver();
    const out = await saidAfter(before, 1);
    expect(out[0]).toMatchObject({ roomId: rooms.unit.id, text: '本周台账见附件' });
    await vi.waitFor(() => expect(files).toEqual([{ to: rooms.unit.id, name: 'ledger.png' }]), { timeout: 5_000 });
  });
});

describe('a wechat4u-like re-login: every contact id changes (#9 item 1)', () => {
  it('sends a private message by the 微信号 that survives, never to another contact of the same nickname', async () => {
    const wang2 = mocker.createContact({ name: '王建国', handle: 'wangjg_wx' });
    // strangers who took the names of a department head and a leader
    const fakeWang = mocker.createContact({ name: '王建国' });
    const fakeLiu = mocker.createContact({ name: '刘县长' });
    await puppet.logout();
    mocker.login(people.me);
    await vi.waitFor(() => expect(wechaty.isLoggedIn).toBe(true), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 500));
    await read(async () => undefined);
    expect((await read((s) => s.roster.peopleByName('王建国')))[0]?.wechatId).toBeNull();

    const before = said.length;
    await read(async (s) => {
      for (const name of ['王建国', '刘县长']) {
        const [p] = await s.roster.peopleByName(name);
        await s.outbox.enqueue({ kind: 'push', groupId: null, personId: p!.id, text: `私信测试：${name}`, mentions: [] }, now);
      }
    });
    const [toWang] = await saidAfter(before, 1);
    // (the mock keeps the old login's contact as well: both carry his 微信号, both are his account)
    expect(toWang?.text).toBe('私信测试：王建国');
    expect([wang2.id, people.wang.id]).toContain(toWang?.roomId);
    // 刘县长 has no 微信号 and no 备注: not sent by nickname; the failure is retried, never misdelivered
    await new Promise((r) => setTimeout(r, 300));
    expect(said.map((s) => s.roomId)).not.toContain(fakeLiu.id);
    expect(said.map((s) => s.roomId)).not.toContain(fakeWang.id);
    const pending = await read((s) => s.outbox.due(new Date('2100-01-01')));
    expect(pending.map((e) => e.text)).toContain('私信测试：刘县长');
  });

  it('knows 王建国 again by his 微信号; a department head with nothing that survives must claim again', async () => {
    // the same people after a new login: new contact ids, same nicknames
    const wang2 = mocker.createContact({ name: '王建国', handle: 'wangjg_wx' });
    const chen = mocker.createContact({ name: '陈消防' });
    await puppet.logout();
    mocker.login(people.me);
    await vi.waitFor(() => expect(wechaty.isLoggedIn).toBe(true), { timeout: 5_000 });
    // the plugin forgets the old login's ids after the login event; let it finish first
    await new Promise((r) => setTimeout(r, 500));
    await read(async () => undefined);

    let before = said.length;
    wang2.say('逾期隐患').to(rooms.dept);
    const answered = await saidAfter(before, 1);
    expect(answered[0]?.text).not.toContain('认领');
    expect((await read((s) => s.roster.peopleByName('王建国')))[0]?.wechatId).toBe(wang2.id);

    before = said.length;
    chen.say('逾期隐患').to(rooms.dept);
    const refused = await saidAfter(before, 1);
    expect(refused.find((s) => s.roomId === rooms.dept.id)?.text).toContain('首次在本平台使用须先认领身份');
    expect((await read((s) => s.roster.peopleByName('陈消防')))[0]?.wechatId).toBeNull();
  });
});

describe('a person not in the roster in a plain WeChat group, where everyone\'s chat reaches the bot', () => {
  /** What the bot said because of `speak`, shown by a roster question answered right after it (messages are handled in order). */
  async function saidFor(speak: () => void): Promise<string[]> {
    const before = said.length;
    speak();
    people.wang.say('逾期隐患').to(rooms.dept);
    await vi.waitFor(() => expect(said.slice(before).some((s) => s.roomId === rooms.dept.id)).toBe(true), { timeout: 15_000, interval: 20 });
    await hz.deliver();
    return said.slice(before).filter((s) => s.roomId !== rooms.dept.id).map((s) => s.text);
  }

  it('leaves ordinary chat alone, tells command-like text once a day, and always answers an @-mention', async () => {
    // a worker of the enterprise in its group, not on the roster
    const stranger = mocker.createContact({ name: '路人甲' });
    const refusal = '路人甲，您还不在名册中，暂时不能使用隐患清零。请联系管理员添加。';
    // (a) ordinary chat, with the ledger's words among people too: no reply
    for (const text of ['今天食堂有红烧肉', '收到', '隐患排查的事明天再说', '大家注意安全']) {
      expect(await saidFor(() => stranger.say(text).to(rooms.unit)), text).toEqual([]);
    }
    // (b) something that looks like a command: told once, then not again that day
    expect(await saidFor(() => stranger.say('我的隐患').to(rooms.unit))).toEqual([refusal]);
    for (const text of ['逾期隐患', '我们厂的隐患都整改完了', 'YH-0001 进度60%']) {
      expect(await saidFor(() => stranger.say(text).to(rooms.unit)), text).toEqual([]);
    }
    // (c) an @-mention is always answered, whatever was said before
    for (const text of ['@隐患清零\u2005我的隐患', '@隐患清零\u2005在吗']) {
      expect(await saidFor(() => stranger.say(text, [people.me]).to(rooms.unit)), text).toEqual([refusal]);
    }
    // the next day, command-like text is told once again
    now = atLocal('2026-12-02 09:00');
    expect(await saidFor(() => stranger.say('逾期隐患').to(rooms.unit))).toEqual([refusal]);
    expect(await saidFor(() => stranger.say('我的隐患').to(rooms.unit))).toEqual([]);
    // nothing was recorded about the stranger: no person, no binding, no hazard
    expect(await read((s) => s.roster.peopleByName('路人甲'))).toEqual([]);
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toBeNull();
  });
});

describe('a person not in the roster writing to the bot privately', () => {
  it('is told once a day, in the private chat, who adds people to the roster; nothing is recorded about them', async () => {
    const stranger = mocker.createContact({ name: '路人乙' });
    const refusal = '路人乙，您还不在名册中，暂时不能使用隐患清零。请联系管理员添加。';
    const privately = () => said.filter((s) => s.roomId === stranger.id).map((s) => s.text);
    // a roster question answered right after each shows the stranger's message was handled
    const handled = async (text: string) => {
      const before = said.length;
      stranger.say(text).to(people.me);
      people.wang.say('逾期隐患').to(rooms.dept);
      await vi.waitFor(() => expect(said.slice(before).some((s) => s.roomId === rooms.dept.id)).toBe(true), { timeout: 15_000, interval: 20 });
      await hz.deliver();
    };
    await handled('你好，怎么登记隐患？');
    expect(privately()).toEqual([refusal]);
    // the same day: not again, whatever is said (the outbox's key, across restarts and instances)
    for (const text of ['我的隐患', '在吗']) await handled(text);
    expect(privately()).toEqual([refusal]);
    now = atLocal('2026-12-02 09:00');
    await handled('在吗');
    expect(privately()).toEqual([refusal, refusal]);
    expect(await read((s) => s.roster.peopleByName('路人乙'))).toEqual([]);
    expect((await read((s) => s.identity.eventsOnPlatform('wechaty', new Date(0), 100))).map((e) => e.platformId)).not.toContain(stranger.id);
  });
});

describe('ordinary chat from an unbound roster name in a plain WeChat group', () => {
  it('binds nothing and tells no admin; the same person\'s first command binds as before', async () => {
    // 赵主任 (admin) has a WeChat account, so identity notices would reach him privately
    const zhao = mocker.createContact({ name: '赵主任' });
    const chen = mocker.createContact({ name: '陈消防' });
    await read(async (s) => {
      const [admin] = await s.roster.peopleByName('赵主任');
      await s.identity.bindPerson(admin!.id, 'wechaty', zhao.id);
    });
    const person = async (name: string) => (await read((s) => s.roster.peopleByName(name)))[0]!;
    const toZhao = () => said.filter((s) => s.roomId === zhao.id).map((s) => s.text);

    // chat among people, in the rooms where both sit: shown done by a roster question answered after it
    let before = said.length;
    people.zhang.say('今天食堂有红烧肉').to(rooms.unit);
    chen.say('大家注意安全').to(rooms.dept);
    people.wang.say('逾期隐患').to(rooms.dept);
    await saidAfter(before, 1);
    await hz.deliver();
    const zhang = await person('张伟');
    expect(zhang.wechatId).toBeNull();
    expect(await read((s) => s.identity.eventsOfPerson(zhang.id))).toEqual([]);
    expect(await read(async (s) => s.identity.pendingOf((await s.roster.peopleByName('陈消防'))[0]!.id, new Date(0)))).toEqual([]);
    expect(toZhao()).toEqual([]);

    // their first real commands: 张伟 is bound by name, 陈消防 waits for a claim and the admin hears of both
    before = said.length;
    people.zhang.say('我的隐患').to(rooms.unit);
    chen.say('逾期隐患').to(rooms.dept);
    await saidAfter(before, 2);
    await vi.waitFor(() => expect(toZhao()).toHaveLength(2), { timeout: 15_000, interval: 20 });
    expect((await person('张伟')).wechatId).toBe(people.zhang.id);
    expect(await read(async (s) => (await s.identity.pendingOf((await s.roster.peopleByName('陈消防'))[0]!.id, new Date(0))).map((p) => p.platformId))).toEqual([chen.id]);
    expect(said.slice(before).find((s) => s.roomId === rooms.dept.id)?.text).toContain('认领');
  });
});
