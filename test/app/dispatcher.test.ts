import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, DELIVERY_FAILED_JOB, type Dispatcher } from '../../src/app/dispatcher.ts';
import { createLogger } from '../../src/app/logger.ts';
import { PAUSE_BASE_MS, RateLimiter } from '../../src/app/rate-limiter.ts';
import { RateLimitedError, type Channel, type Route } from '../../src/core/channel.ts';
import type { Delivery, OutgoingMessage } from '../../src/core/messages.ts';
import { createChat, type Chat } from '../helpers/chat.ts';

/** A platform whose answers the test writes: ok, "too fast", or a failure. */
class ScriptedChannel implements Channel {
  readonly platform = 'console' as const;
  readonly sent: Delivery[] = [];
  readonly attempts: Delivery[] = [];
  answers: Array<'ok' | 'limited' | 'fail' | 'logged-out'> = [];

  constructor(private readonly routeOf: (d: Delivery) => Route) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  route(d: Delivery): Route {
    return this.routeOf(d);
  }
  async send(d: Delivery): Promise<void> {
    this.attempts.push(d);
    const answer = this.answers.shift() ?? 'ok';
    if (answer === 'limited') throw new RateLimitedError('send too fast (130101)');
    if (answer === 'logged-out') throw new RateLimitedError('微信账号未登录', 30_000, true);
    if (answer === 'fail') throw new Error('HTTP 502');
    this.sent.push(d);
  }
}

const ROBOT: Route = { target: 'robot:unit', perMinute: 15, burst: 5, maxBytes: 4_000 };

let chat: Chat;
let channel: ScriptedChannel;
let dispatcher: Dispatcher;
let logLines: Array<{ level: number; msg: string }>;
let t0: Date;
const at = (ms: number) => new Date(t0.getTime() + ms);

function makeDispatcher(route: (d: Delivery) => Route = () => ROBOT, maxAttempts?: number): void {
  channel = new ScriptedChannel(route);
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  dispatcher = createDispatcher({
    db: chat.bot.db, queue: chat.bot.queue, channel, log: createLogger('warn', sink), limiter: new RateLimiter(),
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}

async function groupId(name: string): Promise<number> {
  return (await chat.read((s) => s.roster.groupByName(name)))!.id;
}

async function push(text: string, extra: OutgoingMessage['extra'] = {}, group = '红星化工安全对接群', mentions: number[] = []): Promise<void> {
  const id = await groupId(group);
  await chat.read((s) => s.outbox.enqueue({ kind: 'push', groupId: id, personId: null, text, mentions, extra }, t0));
}

beforeEach(async () => {
  chat = await createChat();
  t0 = chat.now;
  logLines = [];
  makeDispatcher();
});
afterEach(async () => {
  await chat.close();
});

describe('the token bucket per target', () => {
  it('sends a burst, then one every 4 s at 15 a minute, in order, and never twice', async () => {
    for (let i = 1; i <= 8; i += 1) await push(`消息${i}`);
    expect(await dispatcher.deliverDue(t0)).toBe(5);
    expect(channel.sent.map((d) => d.text)).toEqual(['消息1', '消息2', '消息3', '消息4', '消息5']);
    // the rest wait without using a try
    expect(await dispatcher.deliverDue(at(1_000))).toBe(0);
    expect(await dispatcher.deliverDue(at(4_000))).toBe(1);
    expect(await dispatcher.deliverDue(at(8_000))).toBe(1);
    expect(await dispatcher.deliverDue(at(12_000))).toBe(1);
    expect(await dispatcher.deliverDue(at(60_000))).toBe(0);
    expect(channel.sent.map((d) => d.text)).toEqual(['消息1', '消息2', '消息3', '消息4', '消息5', '消息6', '消息7', '消息8']);
    expect(channel.attempts).toHaveLength(8);
  });

  it('keeps targets apart: a full bucket for one group does not hold another', async () => {
    makeDispatcher((d) => ({ ...ROBOT, target: `robot:${d.group?.name}`, burst: 1 }));
    await push('一', {}, '红星化工安全对接群');
    await push('二', {}, '红星化工安全对接群');
    await push('三', {}, '蓝天物流安全对接群');
    expect(await dispatcher.deliverDue(t0)).toBe(2);
    expect(channel.sent.map((d) => `${d.group?.name}:${d.text}`)).toEqual(['红星化工安全对接群:一', '蓝天物流安全对接群:三']);
  });

  it('pauses a target told "too fast" with a growing backoff, without spending tries', async () => {
    makeDispatcher(undefined, 2);
    await push('汇总');
    channel.answers = ['limited', 'limited', 'ok'];
    expect(await dispatcher.deliverDue(t0)).toBe(0);
    // paused for the first backoff: nothing is even tried before it ends
    expect(await dispatcher.deliverDue(at(PAUSE_BASE_MS - 1_000))).toBe(0);
    expect(channel.attempts).toHaveLength(1);
    expect(await dispatcher.deliverDue(at(PAUSE_BASE_MS))).toBe(0);
    expect(channel.attempts).toHaveLength(2);
    // the second pause is twice as long
    expect(await dispatcher.deliverDue(at(PAUSE_BASE_MS + 2 * PAUSE_BASE_MS - 1_000))).toBe(0);
    expect(channel.attempts).toHaveLength(2);
    expect(await dispatcher.deliverDue(at(3 * PAUSE_BASE_MS))).toBe(1);
    // two "too fast" answers with maxAttempts 2: still sent, never marked failed
    expect(channel.sent.map((d) => d.text)).toEqual(['汇总']);
    expect(logLines.filter((l) => l.msg === 'rate limited: target paused')).toHaveLength(2);
  });
});

describe('a logged-out account', () => {
  it('is polled every 30 s for as long as it takes, and its messages are never failed', async () => {
    makeDispatcher(undefined, 2);
    await push('YH-0001 验收通过');
    channel.answers = Array.from({ length: 10 }, () => 'logged-out' as const);
    for (let i = 0; i < 10; i += 1) expect(await dispatcher.deliverDue(at(i * 30_000))).toBe(0);
    expect(channel.attempts).toHaveLength(10);
    expect(await dispatcher.deliverDue(at(300_000))).toBe(1);
    expect(logLines.filter((l) => l.level === 50)).toEqual([]);
  });
});

describe('failures', () => {
  it('retries with backoff, then marks failed, logs an error and reports to the admins once', async () => {
    makeDispatcher(undefined, 3);
    await push('请于周五前报送台账');
    channel.answers = ['fail', 'fail', 'fail'];
    expect(await dispatcher.deliverDue(t0)).toBe(0);
    expect(await dispatcher.deliverDue(at(4_000))).toBe(0);
    expect(channel.attempts).toHaveLength(1);
    expect(await dispatcher.deliverDue(at(5_000))).toBe(0);
    expect(await dispatcher.deliverDue(at(15_000))).toBe(0);
    expect(channel.attempts).toHaveLength(3);
    expect(logLines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual(['send failed for good; reported to the admins']);

    // the notice goes to the admin's private chat, and is itself sent like any message
    expect(await dispatcher.deliverDue(at(16_000))).toBe(1);
    const notice = channel.sent.at(-1)!;
    expect(notice.person?.name).toBe('赵主任');
    expect(notice.text).toContain('【发送失败】发往「红星化工安全对接群」');
    expect(notice.text).toContain('请于周五前报送台账');
    expect(notice.text).toContain('HTTP 502');
    expect(await dispatcher.deliverDue(at(600_000))).toBe(0);
  });

  it('does not report the failure of a failure report', async () => {
    makeDispatcher(undefined, 1);
    const admin = (await chat.read((s) => s.roster.peopleByName('赵主任')))[0]!;
    await chat.read((s) => s.outbox.enqueue({ kind: 'push', groupId: null, personId: admin.id, text: '【发送失败】…', mentions: [], extra: { job: DELIVERY_FAILED_JOB } }, t0));
    channel.answers = ['fail'];
    expect(await dispatcher.deliverDue(t0)).toBe(0);
    expect(await chat.read((s) => s.outbox.pendingCount())).toBe(0);
  });
});

describe('long texts and bursts', () => {
  it('splits at the byte limit on line boundaries, mentions on the first part, and resumes after a sent part', async () => {
    // each line is 30 bytes: two fit in 64 with their newline
    makeDispatcher(() => ({ ...ROBOT, maxBytes: 64 }));
    const zhang = (await chat.read((s) => s.roster.peopleByName('张伟')))[0]!;
    const lines = ['第一行：储罐区呼吸阀', '第二行：消防通道堵塞', '第三行：配电箱未接地', '第四行：安全出口标识'];
    await push(lines.join('\n'), {}, '红星化工安全对接群', [zhang.id]);
    channel.answers = ['ok', 'fail', 'ok'];
    expect(await dispatcher.deliverDue(t0)).toBe(0);
    expect(await dispatcher.deliverDue(at(5_000))).toBe(1);
    expect(channel.sent.map((d) => d.text)).toEqual([`${lines[0]}\n${lines[1]}`, `${lines[2]}\n${lines[3]}`]);
    expect(channel.sent.map((d) => d.mentions.map((p) => p.name))).toEqual([['张伟'], []]);
    // the first part was not sent again after the failure
    expect(channel.attempts.map((d) => d.text)).toEqual([`${lines[0]}\n${lines[1]}`, `${lines[2]}\n${lines[3]}`, `${lines[2]}\n${lines[3]}`]);
  });

  it('merges a burst of one job\'s reminders to one group into one message', async () => {
    const zhang = (await chat.read((s) => s.roster.peopleByName('张伟')))[0]!;
    const li = (await chat.read((s) => s.roster.peopleByName('李强')))[0]!;
    const reminders = { job: 'send-deadline-reminders' };
    await push('⏰ YH-0001 明天到期', reminders, '红星化工安全对接群', [zhang.id]);
    await push('⏰ YH-0002 后天到期', reminders, '红星化工安全对接群', [li.id, zhang.id]);
    await push('今日汇总', { job: 'send-daily-digest' });
    await push('⏰ YH-0003 今天到期', reminders, '蓝天物流安全对接群');
    await push('⏰ YH-0004 今天到期', reminders, '红星化工安全对接群');
    expect(await dispatcher.deliverDue(t0)).toBe(5);
    expect(channel.sent.map((d) => [d.group?.name, d.text, d.mentions.map((p) => p.name)])).toEqual([
      ['红星化工安全对接群', '⏰ YH-0001 明天到期\n\n⏰ YH-0002 后天到期\n\n⏰ YH-0004 今天到期', ['张伟', '李强']],
      ['红星化工安全对接群', '今日汇总', []],
      ['蓝天物流安全对接群', '⏰ YH-0003 今天到期', []],
    ]);
    expect(await chat.read((s) => s.outbox.pendingCount())).toBe(0);
  });
});
