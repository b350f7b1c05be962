import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';
import { gappyList } from '../../fixtures/problem-lists/build.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ at: '2026-12-01 09:00' });
});
afterEach(async () => {
  await chat.close();
});

/** The reminder of every 待明确 item of the fire list (gappyList): what the department that imported it reads. */
const WHOLE_LIST = [
  '问题清单待明确 4 项（导入后仍缺责任人或时限，尚未登记为隐患），请补全：',
  '· QD-0001 第2项 蓝天物流 仓库灭火器过期（缺责任人）',
  '· QD-0001 第3项 实验小学 校园消防栓无水（缺整改时限）',
  '· QD-0001 第4项 城南建筑工地 临时用电私拉乱接（责任人或时限待核实）',
  '· QD-0001 第6项 实验小学 宿舍楼疏散指示标志损坏（缺责任人、缺整改时限）',
  '例：补全 QD-0001 第2项 责任人 张伟 12月20日前',
];

/** The evening digest each group got on one day, by group. */
async function digestsUntil(at: string): Promise<Map<string, string>> {
  const mark = chat.channel.sent.length;
  await chat.setClock(at);
  const out = chat.channel.sent.slice(mark).filter((d) => d.text.startsWith('【每日安全汇总】'));
  return new Map(out.map((d) => [d.group?.name ?? '', d.text]));
}

describe('待明确 items are not forgotten after the first notice (#15 leftover)', () => {
  it('each working day the department digest names its units\' items still missing an owner or a deadline, until 补全', async () => {
    // the fire campaign's list: 第2项 蓝天物流 has no owner, 第3项 实验小学 says 立即整改, 第4项 names 赵六 (not in the roster), 第6项 has neither
    await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
    await chat.send(G.leaders, '赵主任', '确认导入 红兴化工=红星化工');

    const first = await digestsUntil('2026-12-01 18:00');
    // 赵主任 of 应急管理局 imported the list: its group is reminded of every item it may 补全, its own unit's once
    expect(first.get(G.safety)?.split('\n').slice(-6)).toEqual(WHOLE_LIST);
    // 城关镇 supervises 实验小学: nothing of its own is registered yet, the reminder comes alone
    expect(first.get(G.town)).toBe([
      '【每日安全汇总】12月1日 · 城关镇及所监管单位（分管 刘县长）',
      '问题清单待明确 2 项（导入后仍缺责任人或时限，尚未登记为隐患），请补全：',
      '· QD-0001 第3项 实验小学 校园消防栓无水（缺整改时限）',
      '· QD-0001 第6项 实验小学 宿舍楼疏散指示标志损坏（缺责任人、缺整改时限）',
      '例：补全 QD-0001 第3项 责任人 张伟 12月20日前',
    ].join('\n'));
    expect(first.get(G.housing)).toContain('· QD-0001 第4项 城南建筑工地 临时用电私拉乱接（责任人或时限待核实）');
    // the leaders' digest is the county's, not a to-do list of the departments
    expect(first.get(G.leaders)).not.toContain('待明确 1 项（导入后');

    await chat.send(G.safety, '王建国', '补全 QD-0001 第2项 责任人 钱经理 12月20日前');
    const second = await digestsUntil('2026-12-02 18:00');
    expect(second.get(G.safety)).toContain('问题清单待明确 3 项');
    expect(second.get(G.safety)).not.toContain('第2项');
    expect(second.get(G.town)).toContain('问题清单待明确 2 项');
  });
});

describe('the 待明确 reminder reaches the department that imported the list, not only the supervising one', () => {
  /** Every digest sent from the mark on, as [group, text]. */
  const digestsSince = (mark: number) => chat.channel.sent.slice(mark).filter((d) => d.text.startsWith('【每日安全汇总】')).map((d) => [d.group?.name ?? '', d.text] as const);

  it('reminds the importing department of the items another department supervises, once a working day, each item once', async () => {
    // 孙建设 of 住建局 imports the fire list: 住建局 supervises 第4项 only, yet may 补全 every item
    await chat.send(G.housing, '孙建设', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
    await chat.send(G.housing, '孙建设', '确认导入 红兴化工=红星化工');
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-01 18:00');
    const day1 = digestsSince(mark);
    // one digest per group: the importer's own 第4项 is not listed twice
    expect(day1.map(([group]) => group).filter((g) => g === G.housing)).toHaveLength(1);
    const housing = new Map(day1).get(G.housing)?.split('\n') ?? [];
    expect(housing.slice(-6)).toEqual(WHOLE_LIST);
    // the supervising departments keep their own units' items
    expect(new Map(day1).get(G.safety)).toContain('问题清单待明确 1 项');
    expect(new Map(day1).get(G.town)).toContain('问题清单待明确 2 项');
    // what the reminder asks for, the importer can do
    expect((await chat.send(G.housing, '孙建设', '补全 QD-0001 第3项 责任人 李四 12月20日前'))[0]?.text).toContain('问题清单 QD-0001 第3项已补全');
    // a restart the same evening (the job caught up again) sends nothing more
    const again = chat.channel.sent.length;
    await chat.restart('2026-12-01 18:30');
    expect(digestsSince(again)).toEqual([]);

    const mark2 = chat.channel.sent.length;
    await chat.setClock('2026-12-02 18:00');
    const day2 = new Map(digestsSince(mark2));
    expect(day2.get(G.housing)).toContain('问题清单待明确 3 项');
    expect(day2.get(G.housing)).not.toContain('第3项');
    expect(day2.get(G.town)).toContain('问题清单待明确 1 项');
    // Saturday: no digest, no reminder
    await chat.setClock('2026-12-04 23:00');
    const mark3 = chat.channel.sent.length;
    await chat.setClock('2026-12-05 18:00');
    expect(digestsSince(mark3)).toEqual([]);
  });

  it('reminds an importing department that supervises no unit, in a message of its own', async () => {
    // 消防救援大队 supervises no unit of the roster; an admin binds a group to it
    await chat.send('消防救援大队工作群', '赵主任', '绑定本群 消防救援大队');
    await chat.send('消防救援大队工作群', '陈消防', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
    await chat.send('消防救援大队工作群', '陈消防', '确认导入 红兴化工=红星化工');
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-01 18:00');
    const fire = digestsSince(mark).filter(([group]) => group === '消防救援大队工作群');
    expect(fire.map(([, text]) => text.split('\n').slice(0, 2))).toEqual([[
      '【每日安全汇总】12月1日 · 消防救援大队',
      '问题清单待明确 4 项（导入后仍缺责任人或时限，尚未登记为隐患），请补全：',
    ]]);
  });
});
