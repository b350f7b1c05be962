import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { DingTalkChannel } from '../../src/channels/dingtalk-channel.ts';
import { DingTalkOpenApi } from '../../src/channels/dingtalk-openapi.ts';
import { DingTalkStreamClient } from '../../src/channels/dingtalk-stream-client.ts';
import { fromSqlDate } from '../../src/db/database.ts';
import { createStore, type Store } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { replayEvents } from '../../src/domain/replay.ts';
import type { HazardEventType } from '../../src/domain/types.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshLedger } from '../helpers/database.ts';
import { startFakeDingTalk, type DingTalkEvent, type FakeDingTalk } from '../helpers/fake-dingtalk.ts';
import { FIXTURES, fixture } from '../helpers/loopback.ts';

// DingTalk delivers a callback again when it was not acknowledged — the instance that had it died
// before committing — and by then a newer message may have been handled. The hazard's progress is
// that of the report sent last (the platform's message time), not of the one handled last; the
// late one stays on record, in its place in time (#13).

const APP = { clientId: 'dingbot0000hazardzero', clientSecret: 'test-app-secret' };
const GROUPS = {
  dept: { conversationId: 'cidDEPTxxxxxxxxxxxxxx==', conversationTitle: '应急管理局监管群', session: 'session-dept' },
  unit: { conversationId: 'cidUNITxxxxxxxxxxxxxx==', conversationTitle: '红星化工安全对接群', session: 'session-unit' },
};
const PEOPLE = { wang: { senderNick: '王建国', senderStaffId: 'wangjg01' }, zhang: { senderNick: '张伟', senderStaffId: 'zhangwei01' } };

let dir: string;
let fake: FakeDingTalk;
let bot: Bot;
let channel: DingTalkChannel;
let now: Date;
let seq = 0;

const read = <T>(work: (s: Store) => Promise<T>) => bot.queue.run(() => work(createStore(bot.db)));
const textOf = (e: DingTalkEvent): string => ('body' in e ? String(e.body.text?.content ?? e.body.markdown?.text ?? '') : '');

/** A callback as DingTalk sends it (and sends it again, byte for byte): written at `sentAt`. */
function callback(group: keyof typeof GROUPS, who: keyof typeof PEOPLE, text: string, sentAt: Date): { data: string; session: string } {
  const data = fixture('dingtalk/robot-text-group.json', {
    ...GROUPS[group], ...PEOPLE[who], msgId: `msg-${++seq}`, text, base: fake.base, now: sentAt.getTime(), expires: sentAt.getTime() + 90 * 60_000,
  });
  return { data, session: GROUPS[group].session };
}

/** Delivers a callback and waits for the reply through its session webhook; returns the reply's text. */
async function deliver(m: { data: string; session: string }): Promise<string> {
  const before = fake.sends().length;
  const reply = () => fake.sends().slice(before).find((e) => e.type === 'session' && e.session === m.session);
  fake.push(m.data);
  await vi.waitFor(() => expect(reply()).toBeDefined(), { timeout: 15_000, interval: 20 });
  return textOf(reply()!);
}

/** Waits until every notice the last message caused has gone out, so the next reply is that message's. */
async function settled(): Promise<void> {
  await vi.waitFor(async () => expect(await read((s) => s.outbox.pendingCount())).toBe(0), { timeout: 15_000, interval: 20 });
}

beforeEach(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'hz-late-progress-'));
  now = atLocal('2026-12-01 09:00');
  fake = await startFakeDingTalk({ ...APP, robots: { 'token-unit': 'SECunit0000' }, photo: readFileSync(join(FIXTURES, 'valve-photo.png')) });
  const stream = new DingTalkStreamClient({ ...APP, apiBase: fake.base, keepAlive: false });
  const api = new DingTalkOpenApi({ appKey: APP.clientId, appSecret: APP.clientSecret, robotCode: APP.clientId }, fetch, fake.base, fake.base);
  channel = new DingTalkChannel({
    stream, api, oapiBase: fake.base, clock: () => now, botNames: ['隐患清零'],
    webhooks: { 红星化工安全对接群: { accessToken: 'token-unit', secret: 'SECunit0000' } },
  });
  const { dbFile, databaseUrl } = await freshLedger(dir);
  bot = await createBot({ config: defaultConfig({ dbFile, databaseUrl, dataDir: join(dir, 'data') }), channel, log: createLogger('silent'), clock: () => now });
  await bot.importRoster(readRoster(ORG_ROSTER));
  // the admin has bound both chats (绑定本群)
  await bot.queue.run(async () => {
    const roster = createStore(bot.db).roster;
    for (const g of Object.values(GROUPS)) {
      const group = await roster.groupByName(g.conversationTitle);
      if (group) await roster.bindGroupPlatformId(group.id, 'dingtalk', g.conversationId);
    }
  });
  await channel.start((message) => bot.accept(message));
  await fake.connected();
});

afterEach(async () => {
  await channel.stop();
  await bot.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('a progress report delivered again after a newer one', () => {
  it('is recorded in its place in time; the progress stays that of the report sent last', async () => {
    expect(await deliver(callback('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', now))).toContain('YH-0001');

    // 10:00 张伟 reports 40 %; the instance that got it dies before acknowledging it
    const first = callback('unit', 'zhang', 'YH-0001 进度40% 已拆下旧阀门', atLocal('2026-12-01 10:00'));
    // 10:20 he reports 60 %: handled at once
    now = atLocal('2026-12-01 10:20');
    expect(await deliver(callback('unit', 'zhang', 'YH-0001 进度60% 已更换阀门', now))).toContain('进度 60%');
    // 10:25 DingTalk delivers the 10:00 report again, to a live instance
    now = atLocal('2026-12-01 10:25');
    const late = await deliver(first);
    expect(late).toContain('10:00 的进度 40%');
    expect(late).toContain('此后已报进度 60%（12月1日 10:20），当前进度以较新的为准');
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'rectifying', progress: 60, progressAt: atLocal('2026-12-01 10:20') });

    // 查询 shows the standing progress, and the history in the order the reports were sent
    const detail = await deliver(callback('unit', 'zhang', '查询 YH-0001', now));
    expect(detail).toContain('状态：整改中，进度60%');
    const history = detail.split('\n').filter((l) => l.includes('进度 '));
    expect(history).toEqual([expect.stringContaining('10:00 张伟 进度 40%：已拆下旧阀门'), expect.stringContaining('10:20 张伟 进度 60%：已更换阀门')]);

    // a report sent after both is the latest again
    now = atLocal('2026-12-01 10:30');
    expect(await deliver(callback('unit', 'zhang', 'YH-0001 进度80% 已送检', now))).toContain('进度 80%');
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    expect(hazard).toMatchObject({ progress: 80, progressAt: atLocal('2026-12-01 10:30') });

    // the ledger is consistent: its history, replayed in the order it was written, gives the row
    const events = await bot.db.selectFrom('HazardEvent').select(['type', 'data', 'at']).where('hazardId', '=', hazard!.id).orderBy('id').execute();
    const replayed = replayEvents(events.map((e) => ({ type: e.type as HazardEventType, data: JSON.parse(e.data) as Record<string, unknown>, at: fromSqlDate(e.at) })));
    expect(replayed).toEqual({ status: hazard!.status, progress: 80, deadline: hazard!.deadline, extensionTo: null });
    expect(events.map((e) => [e.type, (JSON.parse(e.data) as { progress?: number }).progress])).toEqual([['created', undefined], ['progress', 60], ['progress', 40], ['progress', 80]]);
  });
});

describe('a completion delivered again after a rejection that came later', () => {
  it('does not submit the hazard again: the rejection, sent later, stands', async () => {
    expect(await deliver(callback('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', now))).toContain('YH-0001');
    // 10:00 张伟 says it is done; the instance that got it dies before acknowledging it
    const first = callback('unit', 'zhang', 'YH-0001 整改完成 请验收', atLocal('2026-12-01 10:00'));
    // 10:02 with no answer he says it again: submitted
    now = atLocal('2026-12-01 10:02');
    await deliver(callback('unit', 'zhang', 'YH-0001 整改完成 请验收', now));
    await settled();
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'pending_review' });
    // 10:05 the department rejects it
    now = atLocal('2026-12-01 10:05');
    await deliver(callback('dept', 'wang', 'YH-0001 驳回 呼吸阀型号不符', now));
    await settled();
    expect(await read((s) => s.hazards.byCode('YH-0001'))).toMatchObject({ status: 'rectifying' });
    // 10:06 DingTalk delivers the 10:00 completion again: sent before the rejection, it changes nothing
    now = atLocal('2026-12-01 10:06');
    const late = await deliver(first);
    expect(late).toContain('10:00');
    expect(late).toContain('未生效');
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    expect(hazard).toMatchObject({ status: 'rectifying', progressAt: atLocal('2026-12-01 10:05') });
    const events = await bot.db.selectFrom('HazardEvent').select('type').where('hazardId', '=', hazard!.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'submitted', 'rejected']);
  });
});

describe('a decision delivered again after a newer completion', () => {
  it('does not decide a completion sent after it: 验收通过 sent before the resubmission leaves it awaiting review', async () => {
    expect(await deliver(callback('dept', 'wang', '登记隐患：红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕', now))).toContain('YH-0001');
    now = atLocal('2026-12-01 10:00');
    await deliver(callback('unit', 'zhang', 'YH-0001 整改完成 请验收', now));
    await settled();
    // 10:05 a reviewer accepts; the instance that got it dies before acknowledging it
    const accepted = callback('dept', 'wang', 'YH-0001 验收通过', atLocal('2026-12-01 10:05'));
    // 10:06 a reviewer rejects it (handled), 10:10 the unit submits again
    now = atLocal('2026-12-01 10:06');
    await deliver(callback('dept', 'wang', 'YH-0001 驳回 呼吸阀型号不符', now));
    await settled();
    now = atLocal('2026-12-01 10:10');
    await deliver(callback('unit', 'zhang', 'YH-0001 整改完成 请验收', now));
    await settled();
    // 10:11 the 10:05 acceptance comes again: it was not about the 10:10 completion
    now = atLocal('2026-12-01 10:11');
    const late = await deliver(accepted);
    expect(late).toContain('未生效');
    const hazard = await read((s) => s.hazards.byCode('YH-0001'));
    expect(hazard).toMatchObject({ status: 'pending_review', closedOn: null });
    const events = await bot.db.selectFrom('HazardEvent').select('type').where('hazardId', '=', hazard!.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'submitted', 'rejected', 'submitted']);
  });
});
