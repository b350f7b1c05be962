import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/app/config.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { itemLines, pushHeadline, scheduledPushes } from '../helpers/pushes.ts';

const DEPT = '应急管理局监管群';
let chat: Chat;

afterEach(async () => {
  await chat.close();
});

async function register(text: string, group = DEPT, sender = '王建国'): Promise<void> {
  const out = await chat.send(group, sender, `登记隐患：${text}`);
  if (!/YH-\d{4}/.test(out[0]?.text ?? '')) throw new Error(`not registered: ${chat.lines(out).join('\n')}`);
}

const overdue = (from = 0) => scheduledPushes(chat, from).filter((d) => /【(逾期提醒|重大隐患逾期)】/.test(d.text));
/** `[群] @who: YH-0001 YH-0003` for the pushes of one day */
const summary = (from = 0) =>
  overdue(from).map((d) => `${pushHeadline(d).split(' 【')[0]}: ${itemLines(d).map((l) => /YH-\d{4}/.exec(l)?.[0]).join(' ')}`);

describe('overdue alerts and escalation', () => {
  it('tells the unit every working morning, the department after 1 day, the leaders after 3, a major hazard all of them at once', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await register('蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月7日前'); // YH-0001 general, due Mon
    await register('红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月4日前整改完毕'); // YH-0002 major, due Fri
    await register('实验小学 消防通道被占用 责任人 李四 12月3日前', '城关镇安全群', '周镇长'); // YH-0003 general, due Thu

    await chat.setClock('2026-12-04 10:00');
    expect(summary()).toEqual(['12-04 09:00 [实验小学安全群] @李四: YH-0003']);

    let mark = chat.channel.sent.length;
    await chat.setClock('2026-12-06 10:00');
    // Saturday: only the major hazard's first overdue day, to every level; Sunday: nothing
    expect(summary(mark)).toEqual([
      '12-05 09:00 [红星化工安全对接群] @张伟: YH-0002',
      '12-05 09:00 [应急管理局监管群]: YH-0002',
      '12-05 09:00 [县安委会领导群]: YH-0002',
    ]);
    expect(overdue(mark)[0]?.text.split('\n')[0]).toBe('【重大隐患逾期】以下重大隐患今日起逾期，节假日照常提醒：');

    mark = chat.channel.sent.length;
    await chat.setClock('2026-12-07 10:00');
    expect(summary(mark)).toEqual([
      '12-07 09:00 [红星化工安全对接群] @张伟: YH-0002',
      '12-07 09:00 [实验小学安全群] @李四: YH-0003',
      '12-07 09:00 [应急管理局监管群]: YH-0002',
      '12-07 09:00 [城关镇安全群]: YH-0003',
      '12-07 09:00 [县安委会领导群]: YH-0002 YH-0003',
    ]);
    const leaders = overdue(mark).at(-1)!;
    expect(leaders.text).toBe([
      '【逾期提醒】12月7日',
      '全县逾期隐患 2 项（逾期超过3天，重大隐患逾期即报）：',
      '1. YH-0002 【重大】红星化工：红星化工储罐区呼吸阀损坏｜逾期3天｜待整改｜责任链：张伟 → 红星化工 → 应急管理局',
      '2. YH-0003 实验小学：消防通道被占用｜逾期4天｜待整改｜责任链：李四 → 实验小学 → 城关镇',
      '请督导相关部门和单位限期整改。',
    ].join('\n'));

    mark = chat.channel.sent.length;
    await chat.setClock('2026-12-08 10:00');
    expect(summary(mark)).toEqual([
      '12-08 09:00 [红星化工安全对接群] @张伟: YH-0002',
      '12-08 09:00 [蓝天物流安全对接群] @钱经理: YH-0001',
      '12-08 09:00 [实验小学安全群] @李四: YH-0003',
      '12-08 09:00 [应急管理局监管群]: YH-0002',
      '12-08 09:00 [城关镇安全群]: YH-0003',
      '12-08 09:00 [县安委会领导群]: YH-0002 YH-0003',
    ]);

    mark = chat.channel.sent.length;
    await chat.setClock('2026-12-09 10:00');
    expect(summary(mark)).toContain('12-09 09:00 [应急管理局监管群]: YH-0002 YH-0001');
    expect(summary(mark)).toContain('12-09 09:00 [县安委会领导群]: YH-0002 YH-0003');

    mark = chat.channel.sent.length;
    await chat.setClock('2026-12-11 10:00');
    expect(summary(mark)).toContain('12-11 09:00 [县安委会领导群]: YH-0002 YH-0003 YH-0001');
  });

  it('lists a fix waiting for acceptance without pinging its owner, and names it for the department', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await register('实验小学 消防通道被占用 责任人 李四 12月3日前', '城关镇安全群', '周镇长');
    await chat.setClock('2026-12-07 08:30');
    await chat.send('实验小学安全群', '李四', 'YH-0001 整改完成 请验收');
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-07 10:00');
    const [unit, department] = overdue(mark);
    expect(pushHeadline(unit!)).toBe('12-07 09:00 [实验小学安全群] 【逾期提醒】12月7日');
    expect(itemLines(unit!)).toEqual(['1. YH-0001 消防通道被占用｜责任人 李四｜时限 12月3日，已逾期4天｜待验收']);
    expect(itemLines(department!)).toEqual(['1. YH-0001 实验小学：消防通道被占用｜逾期4天｜待验收｜责任链：李四 → 实验小学 → 城关镇']);
  });

  it('holds routine alerts in quiet hours but never a major hazard\'s first overdue alert', async () => {
    const base = defaultConfig().schedule;
    chat = await createChat({ at: '2026-12-01 08:00', config: { schedule: { ...base, overdueTime: '07:00' } } });
    await register('实验小学 消防通道被占用 责任人 李四 12月3日前', '城关镇安全群', '周镇长'); // due Thu
    await register('红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月4日前整改完毕'); // due Fri
    await chat.setClock('2026-12-05 10:00');
    expect(overdue().map((d) => pushHeadline(d).split(' 【')[0])).toEqual([
      '12-04 08:00 [实验小学安全群] @李四', // triggered at 07:00, held until quiet hours end
      '12-05 07:00 [红星化工安全对接群] @张伟', // urgent: on a Saturday, in quiet hours
      '12-05 07:00 [应急管理局监管群]',
      '12-05 07:00 [县安委会领导群]',
    ]);
  });
});
