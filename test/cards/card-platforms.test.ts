import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { WSClient } from '@wecom/aibot-node-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { scheduledJobs } from '../../src/app/scheduled-jobs.ts';
import type { Channel } from '../../src/core/channel.ts';
import { ConsoleChannel } from '../../src/channels/console-channel.ts';
import { DingTalkChannel } from '../../src/channels/dingtalk-channel.ts';
import { DingTalkOpenApi } from '../../src/channels/dingtalk-openapi.ts';
import { DingTalkStreamClient } from '../../src/channels/dingtalk-stream-client.ts';
import { WeComChannel } from '../../src/channels/wecom-channel.ts';
import { hazardZeroPlugin } from '../../src/index.ts';
import { createStore, inTransaction, type Store } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import type { ScheduledJob } from '../../src/jobs/job.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { pngSize, testCardRenderer } from '../helpers/cards.ts';
import { startFakeDingTalk } from '../helpers/fake-dingtalk.ts';
import { startFakeWeCom } from '../helpers/fake-wecom.ts';

const renderer = testCardRenderer();
const silent = { debug() {}, info() {}, warn() {}, error() {} };
/** the daily digest alone, at its configured time (17:30) */
const digestJob = (): ScheduledJob[] => scheduledJobs(defaultConfig().schedule, defaultConfig().governance).filter((j) => j.name === 'send-daily-digest');

let dir: string;
let now: Date;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hz-card-platforms-'));
  now = atLocal('2026-12-01 17:00');
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** One overdue major hazard at 红星化工, registered on 11-20: the county's digest has something to say. */
async function seedLedger(read: <T>(work: (s: Store) => Promise<T>) => Promise<T>, db: Bot['db']): Promise<void> {
  const [unit, owner, reporter] = await read(async (s) => [await s.roster.unitByName('红星化工'), (await s.roster.peopleByName('张伟'))[0], (await s.roster.peopleByName('王建国'))[0]] as const);
  await read(() => inTransaction(db, (s) => s.hazards.create(
    { description: '储罐区呼吸阀损坏', location: null, category: '危化品', level: 'major', unitId: unit!.id, reporterId: reporter!.id, ownerId: owner!.id, measures: null, deadline: '2026-11-25', sourceGroupId: null },
    { actorId: reporter!.id, at: atLocal('2026-11-20 10:00'), text: '登记' },
  )));
}

async function startBot(channel: Channel): Promise<{ bot: Bot; read: <T>(work: (s: Store) => Promise<T>) => Promise<T> }> {
  const config = defaultConfig({ dbFile: join(dir, 'test.db'), dataDir: join(dir, 'data') });
  const bot = await createBot({ config, channel, log: createLogger('silent'), clock: () => now, jobs: digestJob(), cards: renderer });
  cleanups.push(() => bot.close());
  await bot.importRoster(readRoster(ORG_ROSTER));
  const read = <T>(work: (s: Store) => Promise<T>) => bot.queue.run(() => work(createStore(bot.db)));
  await seedLedger(read, bot.db);
  return { bot, read };
}

/** Runs the day up to 17:31: the digest job fires at 17:30 and the outbox is delivered. */
async function digestTime(bot: Bot): Promise<void> {
  const from = now;
  now = atLocal('2026-12-01 17:31');
  await bot.advance(from);
}

/** The DingTalk loopback fake and a channel on it, the leaders' group reached by its custom robot. */
async function dingTalkWithLeadersRobot() {
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  const app = { clientId: 'dingbot-hz', clientSecret: 'secret' };
  const fake = await startFakeDingTalk({ ...app, robots: { 'token-leaders': 'SECleaders' }, photo: Buffer.alloc(0) });
  cleanups.push(() => fake.close());
  const stream = new DingTalkStreamClient({ ...app, apiBase: fake.base, keepAlive: false });
  const api = new DingTalkOpenApi({ appKey: app.clientId, appSecret: app.clientSecret, robotCode: app.clientId }, fetch, fake.base, fake.base);
  const channel = new DingTalkChannel({ stream, api, oapiBase: fake.base, clock: () => now, webhooks: { 县安委会领导群: { accessToken: 'token-leaders', secret: 'SECleaders' } } });
  return { fake, channel };
}

describe('the digest card reaches the leaders on every platform', () => {
  it('WeCom: the text, then the picture through the group robot as base64 with its md5, under 2 MB, each once', async () => {
    const fake = await startFakeWeCom({ botId: 'aibot-hz', secret: 's', webhookKeys: ['key-leaders'] });
    cleanups.push(() => fake.close());
    const client = new WSClient({ botId: 'aibot-hz', secret: 's', wsUrl: fake.wsUrl, logger: silent, maxReconnectAttempts: 0 });
    const channel = new WeComChannel({ client, webhooks: { 县安委会领导群: 'key-leaders' }, webhookBase: fake.base, clock: () => now });
    const { bot } = await startBot(channel);
    // the text goes through, the picture meets "too fast": the retry sends the picture alone
    fake.webhookAnswers.push({ errcode: 0, errmsg: 'ok' }, { errcode: 45009, errmsg: 'api freq out of limit' });
    await digestTime(bot);
    // three requests: the text, the refused picture, the picture again a minute later (within the day's run)
    expect(fake.webhookRequests).toBe(3);
    const sent = fake.sends().filter((e) => e.type === 'webhook' && e.key === 'key-leaders');
    expect(sent.map((e) => ('body' in e ? e.body.msgtype : ''))).toEqual(['text', 'image']);
    const image = 'body' in sent[1]! ? sent[1].body.image : null;
    const png = Buffer.from(image.base64, 'base64');
    expect(image.md5).toBe(createHash('md5').update(png).digest('hex'));
    expect(png.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(pngSize(png).width).toBe(1080);
    // sent once: another pass finds nothing to send
    expect(await bot.deliver()).toBe(0);
    expect(fake.sends().filter((e) => e.type === 'webhook')).toHaveLength(2);
  });

  it('DingTalk: the text through the custom robot, the picture uploaded as media and sent by the app robot (sampleImageMsg)', async () => {
    const { fake, channel } = await dingTalkWithLeadersRobot();
    const { bot, read } = await startBot(channel);
    const leaders = await read((s) => s.roster.groupByName('县安委会领导群'));
    await read((s) => s.roster.bindGroupPlatformId(leaders!.id, 'dingtalk', 'cidLEADERSxxxxxxxxxx=='));
    await digestTime(bot);
    expect(fake.events.filter((e) => e.type === 'upload')).toEqual([{ type: 'upload', kind: 'image' }]);
    const sends = fake.sends();
    expect(sends.map((e) => e.type)).toEqual(['webhook', 'group-api']);
    expect(sends[0]).toMatchObject({ body: { msgtype: 'text', text: { content: expect.stringContaining('【每日安全汇总】') } } });
    expect(sends[1]).toMatchObject({ body: { openConversationId: 'cidLEADERSxxxxxxxxxx==', msgKey: 'sampleImageMsg', msgParam: JSON.stringify({ photoURL: '@media-1' }) } });
  });

  it('DingTalk, a group reached by its custom robot only: the text alone, no 〔附件…无法发送〕 notice in its place', async () => {
    const { fake, channel } = await dingTalkWithLeadersRobot();
    const { bot } = await startBot(channel);
    await digestTime(bot);
    const sends = fake.sends();
    expect(sends.map((e) => e.type)).toEqual(['webhook']);
    expect(sends[0]).toMatchObject({ body: { msgtype: 'text', text: { content: expect.stringContaining('【每日安全汇总】') } } });
    expect(JSON.stringify(sends)).not.toContain('无法通过本平台发送');
    expect(await bot.deliver()).toBe(0);
  });

  it('Wechaty: the text, then the picture as a FileBox the mock puppet carries', async () => {
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const files: Array<{ to: string; name: string; size: number }> = [];
    const sendFile = puppet.messageSendFile.bind(puppet);
    vi.spyOn(puppet, 'messageSendFile').mockImplementation(async (id, box) => {
      files.push({ to: id, name: box.name, size: (await box.toBuffer()).length });
      return sendFile(id, box);
    });
    const wechaty = WechatyBuilder.build({ puppet, name: 'hz-card-test' });
    const plugin = hazardZeroPlugin({
      config: { dbFile: join(dir, 'test.db'), dataDir: join(dir, 'data') }, roster: ORG_ROSTER, log: createLogger('silent'),
      clock: () => now, deliveryIntervalMs: 50, schedule: false, cards: renderer,
    });
    wechaty.use(plugin);
    await wechaty.start();
    const me = mocker.createContact({ name: '隐患清零' });
    const room = mocker.createRoom({ topic: '县安委会领导群', memberIdList: [me.id] });
    mocker.login(me);
    const hz = await plugin.ready;
    cleanups.push(async () => {
      await hz.stop();
      await wechaty.stop();
    });
    const read = <T>(work: (s: Store) => Promise<T>) => hz.bot.queue.run(() => work(createStore(hz.bot.db)));
    await seedLedger(read, hz.bot.db);
    await digestTime(hz.bot);
    await vi.waitFor(() => expect(files.filter((f) => f.to === room.id)).toHaveLength(1), { timeout: 15_000, interval: 50 });
    expect(files[0]).toMatchObject({ name: expect.stringMatching(/^card-[0-9a-f]{20}\.png$/), size: expect.any(Number) });
    expect(files[0]!.size).toBeGreaterThan(10_000);
  });

  it('console: the text and the path of the PNG, written where the console shows files (data/exports/)', async () => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const channel = new ConsoleChannel({ input: new PassThrough(), output, clock: () => now, filesDir: join(dir, 'data', 'exports') });
    const { bot } = await startBot(channel);
    await digestTime(bot);
    expect(printed).toContain('→ [县安委会领导群] 【每日安全汇总】');
    const path = /（图片：(.+\.png)）/.exec(printed)?.[1];
    expect(path).toMatch(new RegExp(`^${join(dir, 'data', 'exports')}/card-[0-9a-f]{20}\\.png$`));
    expect(existsSync(path!)).toBe(true);
    expect(pngSize(readFileSync(path!)).width).toBe(1080);
  });
});
