import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { itemLines, pushHeadline, scheduledPushes } from '../helpers/pushes.ts';

const DEPT = '应急管理局监管群';
let chat: Chat;

beforeEach(async () => {
  chat = await createChat({ at: '2026-12-01 08:00' });
});
afterEach(async () => {
  await chat.close();
});

async function register(text: string, group = DEPT, sender = '王建国'): Promise<string> {
  const out = await chat.send(group, sender, `登记隐患：${text}`);
  const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0];
  if (!code) throw new Error(`not registered: ${chat.lines(out).join('\n')}`);
  return code;
}

/** Walks the clock day by day to `last` (10:00 each day), so each morning's reminders run on their day. */
async function walkTo(last: string): Promise<void> {
  for (let day = new Date(chat.now); ; ) {
    day = new Date(day.getTime() + 86_400_000);
    const date = day.toISOString().slice(0, 10);
    if (date > last) return;
    await chat.setClock(`${date} 10:00`);
  }
}

const reminders = (from = 0) => scheduledPushes(chat, from).filter((d) => d.text.includes('【到期提醒】'));

describe('deadline reminders', () => {
  it('reminds 3 days, 1 day and the morning of the deadline, one message per group, each owner mentioned once', async () => {
    await register('红星化工储罐区呼吸阀损坏，责任人@张伟，12月10日前整改完毕'); // YH-0001 Thu
    await register('红星化工 静电接地线断开 责任人 张伟 12月9日前'); // YH-0002 Wed
    await register('红星化工 灭火器过期 责任人 李强 12月10日前'); // YH-0003 Thu
    await walkTo('2026-12-11');

    expect(reminders().map(pushHeadline)).toEqual([
      // 3 days before YH-0002 is a Sunday: it moves to the Friday before
      '12-04 09:00 [红星化工安全对接群] @张伟 【到期提醒】以下 1 项隐患整改时限临近，请抓紧整改：',
      '12-07 09:00 [红星化工安全对接群] @张伟 @李强 【到期提醒】以下 2 项隐患整改时限临近，请抓紧整改：',
      '12-08 09:00 [红星化工安全对接群] @张伟 【到期提醒】以下 1 项隐患整改时限临近，请抓紧整改：',
      '12-09 09:00 [红星化工安全对接群] @张伟 @李强 【到期提醒】以下 3 项隐患整改时限临近，请抓紧整改：',
      '12-10 09:00 [红星化工安全对接群] @张伟 @李强 【到期提醒】以下 2 项隐患整改时限临近，请抓紧整改：',
    ]);
    expect(reminders().map(itemLines)).toEqual([
      ['1. YH-0002 静电接地线断开｜责任人 张伟｜12月9日到期（剩5天）｜待整改'],
      [
        '1. YH-0001 红星化工储罐区呼吸阀损坏｜责任人 张伟｜12月10日到期（剩3天）｜待整改',
        '2. YH-0003 灭火器过期｜责任人 李强｜12月10日到期（剩3天）｜待整改',
      ],
      ['1. YH-0002 静电接地线断开｜责任人 张伟｜12月9日到期（剩1天）｜待整改'],
      [
        '1. YH-0002 静电接地线断开｜责任人 张伟｜今天到期｜待整改',
        '2. YH-0001 红星化工储罐区呼吸阀损坏｜责任人 张伟｜12月10日到期（剩1天）｜待整改',
        '3. YH-0003 灭火器过期｜责任人 李强｜12月10日到期（剩1天）｜待整改',
      ],
      [
        '1. YH-0001 红星化工储罐区呼吸阀损坏｜责任人 张伟｜今天到期｜待整改',
        '2. YH-0003 灭火器过期｜责任人 李强｜今天到期｜待整改',
      ],
    ]);
    // the other groups had nothing due and heard nothing
    expect(new Set(reminders().map((d) => d.group?.name))).toEqual(new Set(['红星化工安全对接群']));
  });

  it('does not ping an owner about a hazard they acted on in the last day', async () => {
    await register('红星化工 静电接地线断开 责任人 张伟 12月9日前'); // YH-0001
    await register('红星化工 灭火器过期 责任人 李强 12月9日前'); // YH-0002
    await chat.setClock('2026-12-08 08:30');
    const before = chat.channel.sent.length;
    await chat.send('红星化工安全对接群', '李强', 'YH-0002 进度50% 已更换一半');
    await chat.setClock('2026-12-08 10:00');
    const [today] = reminders(before);
    expect(today?.mentions.map((p) => p.name)).toEqual(['张伟']);
    expect(itemLines(today!)).toEqual([
      '1. YH-0001 静电接地线断开｜责任人 张伟｜12月9日到期（剩1天）｜待整改',
      '2. YH-0002 灭火器过期｜责任人 李强｜12月9日到期（剩1天）｜整改中50%｜近24小时已报进度',
    ]);
  });

  it('stops reminding a hazard that was closed, waits on acceptance, or got a later deadline', async () => {
    await register('蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月8日前'); // YH-0001 Tue
    await register('实验小学 消防通道被占用 责任人 李四 12月9日前', '城关镇安全群', '周镇长'); // YH-0002 Wed
    await register('红星化工 灭火器过期 责任人 李强 12月9日前'); // YH-0003 Wed
    await chat.setClock('2026-12-03 10:00');
    await chat.send('实验小学安全群', '李四', 'YH-0002 整改完成 请验收');
    await chat.send('城关镇安全群', '周镇长', 'YH-0002 验收通过');
    await chat.send('红星化工安全对接群', '李强', 'YH-0003 整改完成 请验收');
    await chat.send('蓝天物流安全对接群', '钱经理', 'YH-0001 申请延期到12月21日 原因：消防门待安装');
    await chat.send(DEPT, '王建国', 'YH-0001 批准延期');
    await walkTo('2026-12-22');

    const lines = reminders().map((d) => `${pushHeadline(d).slice(0, 11)} ${itemLines(d).join(' / ')}`);
    expect(lines).toEqual([
      // the old deadline (12-08) is never reminded of; the new one (Mon 12-21) is: 3 days before is a Friday, 1 day a Sunday
      '12-18 09:00 1. YH-0001 仓库消防通道堵塞｜责任人 钱经理｜12月21日到期（剩3天）｜待整改',
      '12-21 09:00 1. YH-0001 仓库消防通道堵塞｜责任人 钱经理｜今天到期｜待整改',
    ]);
  });
});
