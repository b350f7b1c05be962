import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { buildLedger, say } from '../helpers/ledger.ts';
import { pushHeadline, scheduledPushes } from '../helpers/pushes.ts';

let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

const digests = (from = 0) => scheduledPushes(chat, from).filter((d) => d.text.startsWith('【每日安全汇总】'));
const textTo = (group: string, from = 0) => digests(from).find((d) => d.group?.name === group)?.text;

describe('the daily digest', () => {
  it('counts the ledger as a person would, for the county and for each department', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    const ledger = await chat.read((s) => s.hazards.all());
    expect(ledger.map((h) => `${h.code} ${h.unitName} ${h.level} ${h.category} ${h.status} ${h.deadline}`)).toEqual([
      'YH-0001 红星化工 major 危化品 rectifying 2026-12-04',
      'YH-0002 蓝天物流 general 消防 rectifying 2026-12-03',
      'YH-0003 实验小学 general 消防 rectifying 2026-12-02',
      'YH-0004 城南建筑工地 general 建筑施工 closed 2026-12-04',
      'YH-0005 红星化工 general 危化品 registered 2026-12-20',
    ]);
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-03 18:00');

    expect(digests(mark).map(pushHeadline)).toEqual([
      '12-03 17:30 [县安委会领导群] 【每日安全汇总】12月3日 · 全县',
      '12-03 17:30 [应急管理局监管群] 【每日安全汇总】12月3日 · 应急管理局及所监管单位（分管 刘县长）',
      '12-03 17:30 [城关镇安全群] 【每日安全汇总】12月3日 · 城关镇及所监管单位（分管 刘县长）',
      // 住建局's only hazard was closed yesterday: nothing to report today, so nothing is sent
    ]);
    // the leaders' digest: the change and who is slipping; the overdue items themselves were in the morning message
    expect(textTo('县安委会领导群', mark)).toBe([
      '【每日安全汇总】12月3日 · 全县',
      '今日新增 1 项、销号 0 项、新逾期 1 项（上一工作日：新增 0、销号 1、新逾期 0）',
      '未销号 4 项（重大 1，较上周同日↑4），其中逾期 1 项（重大 0，较上周同日↑1）',
      '待部门验收：无',
      '逾期最重的单位：实验小学 1分（1项）',
      '逾期最重的部门：城关镇 1分（1项，分管 刘县长）',
      '逾期分＝各项逾期天数之和，重大隐患按3倍计；逾期明细见上午「今日提醒」。',
    ].join('\n'));
    expect(textTo('应急管理局监管群', mark)).toBe([
      '【每日安全汇总】12月3日 · 应急管理局及所监管单位（分管 刘县长）',
      '今日新增 1 项（重大 0）｜今日销号 0 项｜今日报进度 2 项',
      '未销号 3 项：重大 1、一般 2',
      '按类别：危化品 2、消防 1',
      '逾期：无',
      '今日进度：',
      '· YH-0001 红星化工 进度70%（张伟）',
      '· YH-0002 蓝天物流 进度80%（钱经理）',
    ].join('\n'));
  });

  it('reports a closing and a submission on the day they happen', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    const second = digests().filter((d) => d.text.includes('12月2日'));
    expect(second.map(pushHeadline)).toEqual([
      '12-02 17:30 [县安委会领导群] 【每日安全汇总】12月2日 · 全县',
      '12-02 17:30 [应急管理局监管群] 【每日安全汇总】12月2日 · 应急管理局及所监管单位（分管 刘县长）',
      '12-02 17:30 [住建局监管群] 【每日安全汇总】12月2日 · 住建局及所监管单位（分管 陈副县长）',
      '12-02 17:30 [城关镇安全群] 【每日安全汇总】12月2日 · 城关镇及所监管单位（分管 刘县长）',
    ]);
    expect(second.find((d) => d.group?.name === '住建局监管群')?.text).toBe([
      '【每日安全汇总】12月2日 · 住建局及所监管单位（分管 陈副县长）',
      '今日新增 0 项（重大 0）｜今日销号 1 项｜今日报进度 1 项',
      '未销号：无',
      '逾期：无',
      '今日进度：',
      '· YH-0004 城南建筑工地 验收通过（孙建设）',
    ].join('\n'));
  });

  it('sends nothing on the weekend and gathers the weekend into Monday\'s digest', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    await chat.setClock('2026-12-05 10:00');
    await say(chat, '蓝天物流安全对接群', '钱经理', 'YH-0002 整改完成 请验收');
    await say(chat, '应急管理局监管群', '王建国', 'YH-0002 验收通过');
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-07 18:00');
    expect(digests(mark).map((d) => pushHeadline(d).slice(0, 11))).toEqual(['12-07 17:30', '12-07 17:30', '12-07 17:30']);
    expect(textTo('县安委会领导群', mark)?.split('\n').slice(0, 6)).toEqual([
      '【每日安全汇总】12月7日 · 全县',
      '12月5日以来新增 0 项、销号 1 项、新逾期 1 项（上一工作日：新增 0、销号 0、新逾期 1）',
      '未销号 3 项（重大 1，较上周同日↑3），其中逾期 2 项（重大 1，较上周同日↑2）',
      '待部门验收：无',
      '逾期最重的单位：红星化工 9分（1项，重大1）；实验小学 5分（1项）',
      '逾期最重的部门：应急管理局 9分（1项，重大1，分管 刘县长）；城关镇 5分（1项，分管 刘县长）',
    ]);
  });
});
