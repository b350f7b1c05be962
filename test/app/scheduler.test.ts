import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../src/core/messages.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { say } from '../helpers/ledger.ts';
import { pushHeadline, scheduledPushes } from '../helpers/pushes.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { scheduledJobs } from '../../src/app/scheduled-jobs.ts';
import { createScheduler } from '../../src/app/scheduler.ts';
import { atLocal, isoLocal } from '../../src/domain/calendar.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';

let chat: Chat;
afterEach(async () => {
  vi.restoreAllMocks();
  await chat.close();
});

/** Two hazards due soon and one overdue tomorrow: something for every morning job and the digest. */
async function seed(): Promise<void> {
  chat = await createChat({ at: '2026-12-01 08:00' });
  await say(chat, '应急管理局监管群', '王建国', '登记隐患：红星化工 静电接地线断开 责任人 张伟 12月2日前');
  await say(chat, '应急管理局监管群', '王建国', '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月4日前');
}

/** Makes the platform refuse sends to one group `times` times (a network outage for it). */
function failFor(group: string, times: number): void {
  const send = chat.channel.send.bind(chat.channel);
  let left = times;
  vi.spyOn(chat.channel, 'send').mockImplementation(async (d: Delivery) => {
    if (d.group?.name === group && left > 0) {
      left -= 1;
      throw new Error('platform unavailable');
    }
    return send(d);
  });
}

const headlines = () => scheduledPushes(chat).map(pushHeadline);
const outboxRows = () => chat.read((s) => s.outbox.pendingCount());

describe('the scheduler', () => {
  it('survives a restart in the middle of a day: no push twice, none lost', async () => {
    await seed();
    failFor('蓝天物流安全对接群', 1_000); // down until the restart
    await chat.setClock('2026-12-01 12:00');
    expect(headlines()).toEqual(['12-01 09:00 [红星化工安全对接群] @张伟 【今日提醒】12月1日（周二）']);
    expect(await outboxRows()).toBe(1);

    vi.restoreAllMocks();
    await chat.restart('2026-12-01 12:30');
    await chat.setClock('2026-12-01 18:00');
    await chat.restart(); // a second restart the same evening changes nothing
    await chat.setClock('2026-12-01 20:00');

    expect(headlines()).toEqual([
      '12-01 09:00 [红星化工安全对接群] @张伟 【今日提醒】12月1日（周二）',
      // the 09:00 reminder that could not be sent goes out when the new bot starts, not as a new run
      '12-01 12:30 [蓝天物流安全对接群] @钱经理 【今日提醒】12月1日（周二）',
      '12-01 17:30 [县安委会领导群] 【每日安全汇总】12月1日 · 全县',
      '12-01 17:30 [应急管理局监管群] 【每日安全汇总】12月1日 · 应急管理局及所监管单位（分管 刘县长）',
    ]);
    expect(await outboxRows()).toBe(0);
  });

  it('after downtime catches up today\'s missed pushes once, marked late, and does not replay yesterday', async () => {
    await seed();
    await chat.setClock('2026-12-01 08:30');
    await chat.restart('2026-12-02 19:00'); // down from before 09:00 yesterday until after today's digest

    const late = scheduledPushes(chat);
    expect(late.map(pushHeadline)).toEqual([
      '12-02 19:00 [红星化工安全对接群] @张伟 【补发】【今日提醒】12月2日（周三）',
      '12-02 19:00 [县安委会领导群] 【补发】【每日安全汇总】12月2日 · 全县',
      '12-02 19:00 [应急管理局监管群] 【补发】【每日安全汇总】12月2日 · 应急管理局及所监管单位（分管 刘县长）',
    ]);
    // 蓝天物流's reminder was due yesterday (3 days before) and is not replayed
    await chat.restart('2026-12-02 19:05');
    await chat.setClock('2026-12-02 20:00');
    expect(scheduledPushes(chat)).toHaveLength(late.length);
  });

  it('drops what it catches up on at night: the next morning says it afresh, never beside a stale copy', async () => {
    await seed();
    await chat.setClock('2026-12-01 08:30');
    // the catch-up at 22:00 falls in quiet hours: the morning message and the digest could only go out tomorrow
    await chat.restart('2026-12-01 22:00');
    expect(scheduledPushes(chat)).toEqual([]);
    await chat.setClock('2026-12-02 10:00');
    expect(scheduledPushes(chat).map((d) => `${isoLocal(d.at).slice(5, 16)} ${d.group?.name} ${/^(【[^】]+】)+/.exec(d.text)?.[0]}`)).toEqual([
      '12-02T09:00 红星化工安全对接群 【今日提醒】',
    ]);
    expect(scheduledPushes(chat)[0]?.text).toContain('今天到期');
  });

  it('runs a trigger once even when it fires twice or two runs overlap', async () => {
    await seed();
    const job = scheduledJobs(defaultConfig().schedule).find((j) => j.name === 'send-morning-message')!;
    const scheduler = createScheduler({
      db: chat.bot.db, queue: chat.bot.queue, jobs: [job], log: createLogger('silent'),
      window: { quietHours: null, calendar: officialCalendar() },
    });
    try {
      const at = atLocal('2026-12-01 09:00');
      const added = await Promise.all([
        scheduler.runJob(job, at, false),
        scheduler.runJob(job, at, false),
        scheduler.runJob(job, new Date(at.getTime() + 60_000), true),
      ]);
      expect(added).toEqual([2, 0, 0]); // one message per group, once
    } finally {
      scheduler.dispose();
    }
    await chat.setClock('2026-12-01 10:00'); // the bot's own 09:00 trigger runs as well
    expect(scheduledPushes(chat).map((d) => d.group?.name)).toEqual(['红星化工安全对接群', '蓝天物流安全对接群']);
  });

  it('retries a failed send with backoff and leaves the ledger as it was', async () => {
    await seed();
    const before = await chat.read((s) => s.hazards.all());
    failFor('红星化工安全对接群', 3);
    await chat.setClock('2026-12-01 10:00');
    expect(scheduledPushes(chat).map((d) => `${isoLocal(d.at).slice(11, 19)} ${d.group?.name}`)).toEqual([
      '09:00:00 蓝天物流安全对接群',
      '09:00:35 红星化工安全对接群', // after 5 s, 10 s and 20 s
    ]);
    expect(await chat.read((s) => s.hazards.all())).toEqual(before);
  });
});
