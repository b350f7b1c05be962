import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { DingTalkChannel } from '../../src/channels/dingtalk-channel.ts';
import { DingTalkOpenApi } from '../../src/channels/dingtalk-openapi.ts';
import { DingTalkStreamClient } from '../../src/channels/dingtalk-stream-client.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshLedger, testProvider } from '../helpers/database.ts';
import { startFakeDingTalk, type DingTalkEvent, type FakeDingTalk } from '../helpers/fake-dingtalk.ts';
import { FIXTURES, fixture } from '../helpers/loopback.ts';

// #13: a file one instance writes to send (导出台账) is sent by whichever instance claims its outbox
// message, from another host with its own HZ_DATA_DIR: the bytes travel in the database. Instance A
// receives the export through DingTalk's Stream and commits it, but its sends fail (its network to
// DingTalk's API is cut); instance B, whose disk never saw the file, sends the reply and the file.

const postgres = testProvider() === 'postgresql';
const APP = { clientId: 'dingbot0000hazardzero', clientSecret: 'test-app-secret' };
const DEPT = { conversationId: 'cidDEPTxxxxxxxxxxxxxx==', conversationTitle: '应急管理局监管群', session: 'session-dept' };
const WANG = { senderNick: '王建国', senderStaffId: 'wangjg01' };
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const textOf = (e: DingTalkEvent): string => ('body' in e ? String(JSON.parse(e.body.msgParam ?? '{}').content ?? e.body.text?.content ?? '') : '');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  vi.restoreAllMocks();
});

/** One instance on the shared database: its own data folder, a DingTalk channel on the fake. */
async function instance(dir: string, databaseUrl: string, fake: FakeDingTalk, clock: () => Date, apiFetch: typeof fetch): Promise<{ bot: Bot; channel: DingTalkChannel; dataDir: string }> {
  const dataDir = join(dir, 'data');
  const stream = new DingTalkStreamClient({ ...APP, apiBase: fake.base, keepAlive: false });
  const api = new DingTalkOpenApi({ appKey: APP.clientId, appSecret: APP.clientSecret, robotCode: APP.clientId }, apiFetch, fake.base, fake.base);
  const channel = new DingTalkChannel({ stream, api, oapiBase: fake.base, fetch: apiFetch, clock });
  const bot = await createBot({ config: defaultConfig({ databaseUrl, dbFile: join(dir, 'unused.db'), dataDir }), channel, log: createLogger('silent'), clock, jobs: [] });
  cleanups.push(async () => {
    await channel.stop();
    await bot.close();
  });
  return { bot, channel, dataDir };
}

describe.skipIf(!postgres)('an exported file, on several instances sharing one PostgreSQL', () => {
  it('is sent whole by an instance that did not write it and whose disk never held it, then leaves the database', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const root = mkdtempSync(join(tmpdir(), 'hz-instances-files-'));
    cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
    const { databaseUrl } = await freshLedger(root);
    if (!databaseUrl) throw new Error('no PostgreSQL');
    const fake = await startFakeDingTalk({ ...APP, robots: {}, photo: readFileSync(join(FIXTURES, 'valve-photo.png')) });
    cleanups.push(() => fake.close());
    let now = atLocal('2026-12-01 09:00');
    const clock = () => now;

    // A: receives and commits, but cannot reach DingTalk's send API
    const cut = (() => Promise.reject(new Error('connect ETIMEDOUT oapi.dingtalk.com'))) as typeof fetch;
    const a = await instance(join(root, 'a'), databaseUrl, fake, clock, cut);
    await a.bot.importRoster(readRoster(ORG_ROSTER));
    await a.bot.queue.run(async () => {
      const roster = createStore(a.bot.db).roster;
      const group = await roster.groupByName(DEPT.conversationTitle);
      await roster.bindGroupPlatformId(group!.id, 'dingtalk', DEPT.conversationId);
    });
    await a.channel.start((message) => a.bot.accept(message));
    await fake.connected();
    const say = (msgId: string, text: string) => fake.push(fixture('dingtalk/robot-text-group.json', {
      ...DEPT, ...WANG, msgId, text, base: fake.base, now: now.getTime(), expires: now.getTime() + 90 * 60_000,
    }));
    const acked = (streamId: string) => vi.waitFor(() => expect(fake.events).toContainEqual({ type: 'ack', messageId: streamId }), { timeout: 15_000, interval: 20 });
    await acked(say('msg-register', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕'));
    await acked(say('msg-export', '导出台账'));
    // A's passes tried and failed: nothing reached DingTalk, the messages wait for a retry
    await a.bot.deliver();
    expect(fake.sends()).toEqual([]);
    const waiting = await createStore(a.bot.db).outbox.due(new Date(now.getTime() + 60_000));
    const exportEntry = waiting.find((e) => e.extra?.file);
    expect(exportEntry?.extra?.file).toBe('台账-20261201-090000.xlsx');
    expect(exportEntry?.attempts).toBe(1);
    const kept = await createStore(a.bot.db).outbox.fileBytes(exportEntry!.id);
    // A wrote nothing to send on its own disk; what it has there is no other host's anyway
    expect(existsSync(join(a.dataDir, 'exports'))).toBe(false);
    rmSync(a.dataDir, { recursive: true, force: true });

    // B: another host, its own data folder, sends what is due after the retry delay
    now = new Date(now.getTime() + 60_000);
    const b = await instance(join(root, 'b'), databaseUrl, fake, clock, fetch);
    expect(await b.bot.deliver()).toBe(2);

    expect(fake.uploads).toHaveLength(1);
    const [upload] = fake.uploads;
    expect(upload).toMatchObject({ kind: 'file', name: '台账-20261201-090000.xlsx' });
    expect(sha(upload!.data)).toBe(sha(kept!));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(upload!.data as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['隐患台账', '考核', '季度统计']));
    expect(book.getWorksheet('隐患台账')?.getCell('B3').value).toBe('YH-0001');
    // the reply, then the file it names, in the group, through the app robot (B holds no session)
    const sends = fake.sends();
    expect(sends.map((e) => e.type)).toEqual(['group-api', 'group-api', 'group-api']);
    expect(textOf(sends[1]!)).toContain('文件：台账-20261201-090000.xlsx');
    expect(sends[2]).toMatchObject({ body: { openConversationId: DEPT.conversationId, msgKey: 'sampleFile', msgParam: JSON.stringify({ mediaId: '@media-1', fileName: '台账-20261201-090000.xlsx', fileType: 'xlsx' }) } });
    expect(existsSync(join(b.dataDir, 'exports'))).toBe(false);

    // sent by B, and its bytes are gone from the database
    const row = await b.bot.db.selectFrom('OutboxMessage').select(['status', 'claimedBy']).where('id', '=', exportEntry!.id).executeTakeFirst();
    expect(row).toEqual({ status: 'sent', claimedBy: b.bot.instance });
    expect(await b.bot.db.selectFrom('OutboxFile').select('outboxId').execute()).toEqual([]);
  });
});
