import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { runWechaty } from '../../src/app/run-wechaty.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore } from '../../src/db/store.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshDatabase, freshLedger, testProvider } from '../helpers/database.ts';
import { startFakeWeChat } from '../helpers/fake-wechat.ts';
import { startFakeWeCom, type WeComEvent } from '../helpers/fake-wecom.ts';
import { LinePrintingChild } from '../helpers/line-printing-child.ts';
import { FIXTURES } from '../helpers/loopback.ts';

// Platforms that allow one live connection per bot account (a WeChat login, WeCom's AI bot long
// connection), with several instances as real processes on one PostgreSQL: one instance holds the
// connection, the others stand by; kill -9 the holder and another connects; a holder paused past
// its lease (SIGSTOP) and resumed sends nothing and leaves (exit 75). The lease is 2 s here, so a
// takeover takes about 3 s; the test only waits for it, with a generous limit (two shared cores).

const WAIT = { timeout: 90_000, interval: 100 };
// HZ_HANDOVER_LEASE_SECONDS=10 runs it with the default lease, to measure takeovers (BENCHMARKS.md)
const LEASE_SECONDS = process.env.HZ_HANDOVER_LEASE_SECONDS ?? '2';

type Line = { t: 'ready'; instance: string; pid: number } | { t: 'login' } | { t: 'logout' } | { t: 'said'; room: string; text: string } | { t: 'closed'; code: number };

const dirs: string[] = [];
const children: Array<LinePrintingChild<Line>> = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') writeFileSync(join(tmpdir(), `hz-handover-${process.pid}.log`), children.map((c) => `--- ${c.proc.pid}\n${c.stderr}`).join('\n'));
  for (const c of children.splice(0)) {
    c.signal('SIGCONT');
    await c.kill();
  }
  for (const c of cleanups.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh PostgreSQL ledger holding `roster`, and a way to start instances of `fixture` on it. */
async function setUp(roster: string, fixture: string, platformEnv: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'hz-handover-'));
  dirs.push(dir);
  const { databaseUrl } = await freshLedger(dir);
  if (!databaseUrl) throw new Error('no PostgreSQL');
  const config = defaultConfig({ databaseUrl, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data') });
  const importer = await createBot({ config, channel: new RecordingChannel(() => new Date()), log: createLogger('silent') });
  await importer.importRoster(readRoster(roster));
  await importer.close();
  const db = await openDatabase({ url: databaseUrl, file: '' });
  cleanups.push(() => closeDatabase(db));
  const env = { ...platformEnv, HZ_DATABASE_URL: databaseUrl, HZ_DATA_DIR: join(dir, 'data'), HZ_LEASE_SECONDS: LEASE_SECONDS, HZ_OUTBOX_CLAIM_SECONDS: String(3 * Number(LEASE_SECONDS)) };
  const start = async (instanceEnv: Record<string, string> = {}): Promise<LinePrintingChild<Line>> => {
    const child = new LinePrintingChild<Line>(fixture, [], { ...env, ...instanceEnv });
    children.push(child);
    await child.until((lines) => lines.some((l) => l.t === 'ready'));
    return child;
  };
  return { db, start };
}

/** The fake WeCom, and a fresh ledger with the WeCom roster on which to start WeCom instances. */
async function setUpWeCom(env: Record<string, string> = {}) {
  const wecom = await startFakeWeCom({ botId: 'aibot-hazard-zero', secret: 'test-bot-secret', webhookKeys: ['key-unit'] });
  cleanups.push(() => wecom.close());
  return { wecom, ...(await setUp(join(FIXTURES, 'wecom', 'roster.yaml'), 'wecom-instance.ts', { FAKE_WECOM: wecom.base, ...env })) };
}

/** Pushes for a roster group written into the outbox, as a job or another instance would. */
async function enqueuePushes(db: Db, group: string, texts: readonly string[]): Promise<void> {
  const store = createStore(db);
  const target = await store.roster.groupByName(group);
  if (!target) throw new Error(`no group ${group}`);
  for (const text of texts) await store.outbox.enqueue({ kind: 'push', groupId: target.id, personId: null, text, mentions: [] }, new Date());
}

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

describe.runIf(testProvider() === 'postgresql')('one connection per account, held by one of several instances', () => {
  it('WeChat: one instance logs in; after kill -9 another does; a paused former holder sends nothing; every message answered once', async () => {
    const wechat = await startFakeWeChat();
    cleanups.push(() => wechat.close());
    const { db, start } = await setUp(ORG_ROSTER, 'wechaty-instance.ts', { FAKE_WECHAT: wechat.url });
    const saidBy = (pid: number | undefined) => wechat.said().filter((e) => e.pid === pid);
    const logins = (c: LinePrintingChild<Line>) => count(c.lines, (l) => l.t === 'login');

    const a = await start();
    await vi.waitFor(() => expect(wechat.live).toBe(a.proc.pid), WAIT);
    const standbys = await Promise.all([start(), start()]);
    // after login the rooms are bound to the roster's groups by topic
    await vi.waitFor(async () => expect((await createStore(db).roster.groupByName('应急管理局监管群'))?.wechatId).toBe('room1@chatroom'), WAIT);

    // a member's message reaches the logged-in instance and is answered there once; the notice too
    wechat.say('应急管理局监管群', '王建国', '@隐患清零\u2005登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', ['隐患清零', '张伟']);
    await vi.waitFor(() => expect(saidBy(a.proc.pid).map((e) => e.room)).toEqual(expect.arrayContaining(['应急管理局监管群', '红星化工安全对接群'])), WAIT);
    // a push queued for WeChat rooms goes out from the logged-in instance only (one: a personal
    // account's pace lets 3 messages go at once, then 1 every 5 s)
    await enqueuePushes(db, '红星化工安全对接群', ['第一批通知']);
    await vi.waitFor(() => expect(count(saidBy(a.proc.pid), (e) => e.text.startsWith('第一批通知'))).toBe(1), WAIT);
    expect(standbys.map(logins)).toEqual([0, 0]);

    // the holder dies: a standby logs in, and sends what was queued meanwhile
    const killedAt = Date.now();
    await a.kill();
    await enqueuePushes(db, '红星化工安全对接群', ['第二批通知 1', '第二批通知 2']);
    await vi.waitFor(() => expect(standbys.map((s) => s.proc.pid)).toContain(wechat.live), WAIT);
    const takeoverMs = Date.now() - killedAt;
    const [b, c] = standbys[0]?.proc.pid === wechat.live ? [standbys[0], standbys[1]] : [standbys[1], standbys[0]];
    if (!b || !c) throw new Error('two standbys expected');
    await vi.waitFor(() => expect(count(saidBy(b.proc.pid), (e) => e.text.startsWith('第二批通知'))).toBe(2), WAIT);
    wechat.say('红星化工安全对接群', '张伟', 'YH-0001 进度60% 已更换阀门，等待检测');
    await vi.waitFor(() => expect(count(saidBy(b.proc.pid), (e) => e.text.includes('进度 60%'))).toBe(1), WAIT);

    // the holder is paused past its lease: the other standby logs in; resumed, the paused one leaves
    expect(logins(c)).toBe(0);
    // paused with nothing left to send, and all it said read from its output
    await vi.waitFor(async () => expect(await createStore(db).outbox.pendingCount()).toBe(0), WAIT);
    await vi.waitFor(() => expect(count(b.lines, (l) => l.t === 'said')).toBe(saidBy(b.proc.pid).length), WAIT);
    const saidBeforePause = count(b.lines, (l) => l.t === 'said');
    b.signal('SIGSTOP');
    await vi.waitFor(() => expect(wechat.live).toBe(c.proc.pid), WAIT);
    await enqueuePushes(db, '红星化工安全对接群', ['第三批通知 1', '第三批通知 2']);
    b.signal('SIGCONT');
    await vi.waitFor(() => expect(count(saidBy(c.proc.pid), (e) => e.text.startsWith('第三批通知'))).toBe(2), WAIT);
    expect((await b.exited).code).toBe(75);
    expect(count(b.lines, (l) => l.t === 'said'), 'the resumed former holder said something').toBe(saidBeforePause);

    // exactly one login at a time, each after the previous holder was gone; nothing said twice
    expect(wechat.logins().map((l) => l.pid)).toEqual([a.proc.pid, b.proc.pid, c.proc.pid]);
    expect(wechat.said().filter((e) => !e.live)).toEqual([]);
    const texts = wechat.said().map((e) => e.text);
    expect(texts.length).toBe(new Set(texts).size);
    // a graceful stop is no lost connection: exit 0
    c.signal('SIGTERM');
    expect((await c.exited).code).toBe(0);
    console.log(`WeChat takeover after kill -9 with a ${LEASE_SECONDS} s lease: ${takeoverMs} ms until the standby was logged in`);
  }, 240_000);

  it('WeCom: one instance holds the AI bot long connection; after kill -9 another connects; no message answered twice', async () => {
    const { wecom, db, start } = await setUpWeCom();
    const subscribed = () => wecom.events.filter((e) => e.type === 'subscribed').length;
    let seq = 0;
    const say = (chatid: string, userid: string, text: string) => wecom.push('wecom/aibot-text-group.json', { msgid: `msgid-${++seq}`, chatid, userid, text });
    const repliesTo = (reqId: string) => wecom.events.filter((e): e is Extract<WeComEvent, { type: 'reply' }> => e.type === 'reply' && e.reqId === reqId && e.body?.stream?.finish === true);

    const a = await start();
    await vi.waitFor(() => expect(subscribed()).toBe(1), WAIT);
    const b = await start();
    const first = say('wrDEPT0000000000', 'wangjg', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    await vi.waitFor(() => expect(repliesTo(first)).toHaveLength(1), WAIT);
    // the unit hears of it through its group robot, once
    await vi.waitFor(() => expect(wecom.events.filter((e) => e.type === 'webhook' && e.key === 'key-unit')).toHaveLength(1), WAIT);
    expect(subscribed()).toBe(1);

    const killedAt = Date.now();
    await a.kill();
    await enqueuePushes(db, '红星化工安全对接群', ['停电检修通知']);
    await vi.waitFor(() => expect(subscribed()).toBe(2), WAIT);
    const takeoverMs = Date.now() - killedAt;
    const second = say('wrUNIT0000000000', 'zhangwei', 'YH-0001 进度60% 已更换阀门，等待检测');
    await vi.waitFor(() => expect(repliesTo(second)).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(wecom.events.filter((e) => e.type === 'webhook' && JSON.stringify(e.body).includes('停电检修通知'))).toHaveLength(1), WAIT);

    // the first answer came on the first connection, the second on the standby's; none twice
    expect(repliesTo(first)[0]?.connection).toBe(1);
    expect(repliesTo(second)[0]?.connection).toBe(2);
    expect(repliesTo(first)).toHaveLength(1);
    expect(wecom.events.filter((e) => e.type === 'webhook')).toHaveLength(2);
    b.signal('SIGTERM');
    expect((await b.exited).code).toBe(0);
    console.log(`WeCom takeover after kill -9 with a ${LEASE_SECONDS} s lease: ${takeoverMs} ms until the standby was connected`);
  }, 240_000);
});

describe.runIf(testProvider() === 'postgresql')('a holder that cannot connect', () => {
  it('WeCom: a subscription never answered ends the try; the holder gives the lease up and backs off, a standby connects and answers', async () => {
    const { wecom, db, start } = await setUpWeCom({ FAKE_WECOM_CONNECT_MS: '3000' });
    const holder = async () => (await createStore(db).leases.get('channel:wecom'))?.holder;

    // WeCom takes A's sockets and never answers its subscription (A's route fails, B's works)
    wecom.mute = (path) => path.startsWith('/a');
    const a = await start({ FAKE_WECOM_PATH: '/a' });
    await vi.waitFor(() => expect(wecom.events).toContainEqual({ type: 'unanswered', cmd: 'aibot_subscribe' }), WAIT);
    const b = await start({ FAKE_WECOM_PATH: '/b' });
    const bId = b.lines.find((l) => l.t === 'ready')?.instance;
    // A's tries end, A gives the lease up and waits before asking again: B takes it and connects
    await vi.waitFor(async () => expect(await holder()).toBe(bId), WAIT);
    await vi.waitFor(() => expect(wecom.events.filter((e) => e.type === 'subscribed')).toHaveLength(1), WAIT);
    const asked = wecom.push('wecom/aibot-text-group.json', { msgid: 'msgid-1', chatid: 'wrDEPT0000000000', userid: 'wangjg', text: '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕' });
    await vi.waitFor(() => expect(wecom.events.filter((e) => e.type === 'reply' && e.reqId === asked && e.body?.stream?.finish)).toHaveLength(1), WAIT);
    // A said why, and stays up as a standby (no exit); B keeps the connection
    expect(a.stderr).toContain('lease work could not start');
    expect(a.lines.some((l) => l.t === 'closed')).toBe(false);
    expect(await holder()).toBe(bId);
    expect(wecom.events.filter((e) => e.type === 'subscribed')).toHaveLength(1);
  }, 240_000);
});

describe.runIf(testProvider() === 'postgresql')('a question the dead holder received and never answered', () => {
  it('WeCom: the holder dies after committing a question, its answer unsent; the next holder pushes the answer to that chat, once', async () => {
    const { wecom, db, start } = await setUpWeCom();
    const subscribed = () => wecom.events.filter((e) => e.type === 'subscribed').length;
    const mentioning = (text: string) => wecom.sends().filter((e) => JSON.stringify(e).includes(text));

    const a = await start();
    await vi.waitFor(() => expect(subscribed()).toBe(1), WAIT);
    const b = await start();
    // WeCom stops answering A: A's answer goes up and is never taken (nor acknowledged)
    wecom.mute = true;
    wecom.push('wecom/aibot-text-group.json', { msgid: 'msgid-1', chatid: 'wrDEPT0000000000', userid: 'wangjg', text: '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕' });
    await vi.waitFor(async () => expect(await db.selectFrom('ProcessedMessage').select('messageId').where('messageId', '=', 'msgid-1').executeTakeFirst()).toBeDefined(), WAIT);
    await vi.waitFor(() => expect(wecom.events).toContainEqual({ type: 'unanswered', cmd: 'aibot_respond_msg' }), WAIT);
    await a.kill();
    wecom.mute = false;

    // B connects; the answer A wrote goes out from B as a push to the department's chat, once
    await vi.waitFor(() => expect(subscribed()).toBe(2), WAIT);
    await vi.waitFor(() => expect(mentioning('YH-0001')).toContainEqual(expect.objectContaining({ type: 'push', connection: 2, body: expect.objectContaining({ chatid: 'wrDEPT0000000000' }) })), WAIT);
    // the unit's notice through its group robot, once too
    await vi.waitFor(() => expect(wecom.events.filter((e) => e.type === 'webhook')).toHaveLength(1), WAIT);
    // a later question in that chat is answered through its own request, not taken by the older answer
    const later = wecom.push('wecom/aibot-text-group.json', { msgid: 'msgid-2', chatid: 'wrDEPT0000000000', userid: 'wangjg', text: '查询 YH-0001' });
    await vi.waitFor(() => expect(wecom.events.filter((e) => e.type === 'reply' && e.reqId === later && e.body?.stream?.finish)).toHaveLength(1), WAIT);
    const toDept = wecom.sends().filter((e) => e.type === 'push' && e.body?.chatid === 'wrDEPT0000000000');
    expect(toDept.filter((e) => JSON.stringify(e).includes('已登记'))).toHaveLength(1);
    expect(wecom.sends().filter((e) => e.type === 'reply' && e.connection === 1)).toEqual([]);
    b.signal('SIGTERM');
    expect((await b.exited).code).toBe(0);
  }, 240_000);
});

describe.runIf(testProvider() === 'postgresql')('a message said while nobody is connected', () => {
  it('WeCom: whether or not the platform replays it to the next holder, each message has one effect and one answer', async () => {
    const { wecom, db, start } = await setUpWeCom();
    const register = (msgid: string, what: string) => ({ msgid, chatid: 'wrDEPT0000000000', userid: 'wangjg', text: `登记隐患：红星化工${what}，一般隐患，责任人@张伟，12月15日前整改完毕` });
    const answers = (code: string) => wecom.sends().filter((e) => e.type !== 'webhook' && JSON.stringify(e).includes(`已登记 ${code}`));
    const hazards = async () => (await db.selectFrom('Hazard').select('code').orderBy('code').execute()).map((h) => h.code);

    const a = await start();
    await vi.waitFor(() => expect(wecom.live).toBe(1), WAIT);
    const b = await start();
    wecom.push('wecom/aibot-text-group.json', register('msgid-1', '储罐区呼吸阀损坏'));
    await vi.waitFor(() => expect(answers('YH-0001')).toHaveLength(1), WAIT);

    // the holder dies; while nobody is connected one message is said and dropped (WeCom keeps
    // none, as far as is known), then the replaying fake keeps the next ones, including the
    // already-handled first message sent again, for the next subscription
    await a.kill();
    await vi.waitFor(() => expect(wecom.live).toBe(0), WAIT);
    wecom.push('wecom/aibot-text-group.json', register('msgid-2', '装卸区静电接地线断开'));
    wecom.replay = true;
    wecom.push('wecom/aibot-text-group.json', register('msgid-1', '储罐区呼吸阀损坏'));
    wecom.push('wecom/aibot-text-group.json', register('msgid-3', '仓库灭火器过期'));
    await vi.waitFor(() => expect(wecom.live).toBe(1), WAIT);
    await vi.waitFor(() => expect(answers('YH-0002')).toHaveLength(1), WAIT);
    // the dropped message is lost: two hazards, the replayed first one not registered again
    expect(await hazards()).toEqual(['YH-0001', 'YH-0002']);
    expect(answers('YH-0001')).toHaveLength(1);
    expect(JSON.stringify(wecom.sends())).not.toContain('静电接地线');
    b.signal('SIGTERM');
    expect((await b.exited).code).toBe(0);
  }, 240_000);
});

describe.runIf(testProvider() === 'sqlite')('one process on SQLite', () => {
  it('WeChat: logs in at once, with no lease, answers, and stops on the signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-handover-'));
    dirs.push(dir);
    const config = defaultConfig({ dbFile: freshDatabase(join(dir, 'test.db')), dataDir: join(dir, 'data') });
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const wechaty = WechatyBuilder.build({ puppet, name: join(dir, 'wechaty') });
    const said: string[] = [];
    wechaty.on('message', (m) => {
      if (m.self()) said.push(m.text());
    });
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const ready = new Promise<void>((resolve) => {
      wechaty.once('start', () => resolve());
    });
    const run = runWechaty(config, wechaty, createLogger('silent'), { roster: ORG_ROSTER, stableIds: true, until, deliveryIntervalMs: 50 });
    await ready;
    const me = mocker.createContact({ name: '隐患清零' });
    const wang = mocker.createContact({ name: '王建国', handle: 'wangjg_wx' });
    const room = mocker.createRoom({ topic: '应急管理局监管群', memberIdList: [me.id, wang.id] });
    mocker.login(me);
    await vi.waitFor(() => expect(wechaty.isLoggedIn).toBe(true), WAIT);
    wang.say('@隐患清零\u2005帮助', [me]).to(room);
    await vi.waitFor(() => expect(said.length).toBeGreaterThan(0), WAIT);
    stop();
    expect(await run).toBe(0);
  });
});
