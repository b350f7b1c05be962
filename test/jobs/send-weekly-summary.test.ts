import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { buildLedger, say } from '../helpers/ledger.ts';
import { pushHeadline, scheduledPushes } from '../helpers/pushes.ts';

let chat: Chat;
afterEach(async () => {
  await chat.close();
});

const weekly = (from = 0) => scheduledPushes(chat, from).filter((d) => d.text.startsWith('【每周安全小结】'));

describe('the weekly summary', () => {
  it('gives the leaders the week against the week before and the on-time rate by unit and department', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    await chat.setClock('2026-12-05 10:00');
    await say(chat, '蓝天物流安全对接群', '钱经理', 'YH-0002 整改完成 请验收');
    await say(chat, '应急管理局监管群', '王建国', 'YH-0002 验收通过');
    await chat.setClock('2026-12-07 10:00');

    const [summary, ...others] = weekly();
    expect(others).toEqual([]);
    expect(pushHeadline(summary!)).toBe('12-07 09:00 [县安委会领导群] 【每周安全小结】11月30日—12月6日 · 全县');
    // due in the week: YH-0001 (open), YH-0002 (closed 12-05, after its 12-03 deadline), YH-0003 (open), YH-0004 (closed 12-02, on time)
    expect(summary!.text).toBe([
      '【每周安全小结】11月30日—12月6日 · 全县',
      '新增 5 项（上周 0，↑5）｜销号 2 项（上周 0，↑2）',
      '当前未销号 3 项，其中逾期 2 项（重大 1）',
      '本周到期 4 项，按期销号 1 项，按期整改率 25%',
      '按期率·按单位（由低到高）：',
      '· 实验小学 0/1（0%）',
      '· 红星化工 0/1（0%）',
      '· 蓝天物流 0/1（0%）',
      '· 城南建筑工地 1/1（100%）',
      '按期率·按监管部门（由低到高）：',
      '· 应急管理局 0/2（0%）｜分管 刘县长',
      '· 城关镇 0/1（0%）｜分管 刘县长',
      '· 住建局 1/1（100%）｜分管 陈副县长',
    ].join('\n'));
  });

  it('waits for the next working morning when Monday is a holiday', async () => {
    // 2026-10-05 is a Monday inside the National Day break
    chat = await createChat({ at: '2026-09-29 08:00' });
    await say(chat, '应急管理局监管群', '王建国', '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 10月9日前');
    await chat.setClock('2026-10-08 10:00');
    expect(weekly().map(pushHeadline)).toEqual(['10-08 08:00 [县安委会领导群] 【每周安全小结】9月28日—10月4日 · 全县']);
  });
});
