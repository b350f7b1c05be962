import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';

// #16 item 1: `责任链 YH-…` shows owner → unit → department → leader in charge → main leader and
// who was told what and when, from the history and the outbox, for whoever may see the hazard.

let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

/** A hazard that runs overdue into the leaders' group, as the scheduler runs it (org.yaml). */
async function overdueStory(): Promise<string> {
  chat = await createChat({ at: '2026-12-01 09:30' });
  const code = await registerHazard(chat, '红星化工 储罐区静电接地线断开 责任人 张伟 12月3日前');
  await chat.setClock('2026-12-02 10:00');
  await chat.send(G.redStar, '张伟', `${code} 进度50% 已联系检测单位`);
  // another unit's overdue item shares the leaders' message of 12-07: its leaders are not this hazard's
  await registerHazard(chat, '城南建筑工地 塔吊限位器失灵 责任人 吴工 12月3日前');
  await chat.setClock('2026-12-08 10:00');
  return code;
}

describe('责任链', () => {
  it('shows the chain and every action and notice in time order, hand-checked against the schedule rules', async () => {
    const code = await overdueStory();
    const out = await chat.send(G.leaders, '刘县长', `责任链 ${code}`);
    expect(chat.lines(out)).toEqual([[
      `→ [县安委会领导群] 【责任链】${code} 红星化工：储罐区静电接地线断开`,
      '责任人 张伟 → 责任单位 红星化工 → 监管部门 应急管理局 → 分管领导 刘县长（危化品） → 主要领导 郑书记',
      '来源 部门检查｜时限 12月3日，已逾期5天｜整改中50%',
      '谁在何时知道（处理记录和机器人发出的通知，共 12 条，按时间）：',
      '· 12月1日 09:30 王建国 登记：登记隐患：红星化工 储罐区静电接地线断开 责任…',
      // the registration's notice to the unit's group, @ the owner (the reply to 王建国 told only him)
      `· 12月1日 09:30 通知 红星化工安全对接群 @张伟：已登记 ${code}`,
      // reminded one day before (3 days before was 11-30, before it was registered)
      '· 12月2日 09:00 通知 红星化工安全对接群 @张伟：今日提醒·即将到期',
      '· 12月2日 10:00 张伟 进度：已联系检测单位',
      '· 12月2日 17:30 通知 应急管理局监管群：每日安全汇总',
      // due today: listed, but 张伟 reported within 24 hours, so not @-mentioned
      '· 12月3日 09:00 通知 红星化工安全对接群：今日提醒·即将到期',
      '· 12月4日 09:00 通知 红星化工安全对接群 @张伟：今日提醒·逾期',
      // Monday, 4 days overdue: the department (more than 1 day) and the leaders (more than 3), @ 刘县长 only
      '· 12月7日 09:00 通知 红星化工安全对接群 @张伟：今日提醒·逾期',
      '· 12月7日 09:00 通知 应急管理局监管群：今日提醒·所监管单位逾期',
      '· 12月7日 09:00 通知 县安委会领导群 @刘县长：今日提醒·升级到县领导',
      // the leaders hear it again only on Monday; unit and department daily in the first week
      '· 12月8日 09:00 通知 红星化工安全对接群 @张伟：今日提醒·逾期',
      '· 12月8日 09:00 通知 应急管理局监管群：今日提醒·所监管单位逾期',
    ].join('\n')]);
    // the leaders' message of 12-07 did @ 陈副县长 too, for the other item
    const monday = chat.channel.sent.find((d) => d.group?.name === G.leaders && d.text.startsWith('【今日提醒】12月7日'));
    expect(monday?.mentions.map((p) => p.name)).toEqual(['刘县长', '陈副县长']);
  });

  it('is for departments, leaders and admins, about a hazard they may see, in a room whose members may', async () => {
    const code = await overdueStory();
    const [contact] = await chat.send(G.redStar, '张伟', `责任链 ${code}`);
    expect(contact?.text).toBe('「责任链」只有监管部门、领导、管理员可以使用。');
    const [otherDepartment] = await chat.send(G.housing, '孙建设', `责任链 ${code}`);
    expect(otherDepartment?.text).toBe('您无权查看这条隐患（只能查看本单位或所监管单位的隐患）。');
    // 王建国 may see it, but not in 住建局's group, whose members may not
    const [elsewhere] = await chat.send(G.housing, '王建国', `责任链 ${code}`);
    expect(elsewhere?.text).toContain('不属于本群对应的单位');
    const [own] = await chat.send(G.safety, '王建国', `责任链 ${code}`);
    expect(own?.text).toContain('分管领导 刘县长（危化品）');
    const [privately] = await chat.send(null, '郑书记', `责任链 ${code}`);
    expect(privately?.text).toContain('主要领导 郑书记');
    const [missing] = await chat.send(G.leaders, '刘县长', '责任链');
    expect(missing?.text).toContain('责任链 YH-0012');
  });

  it('names the 企业自查 source and says where the roster names no leader', async () => {
    chat = await createChat({ at: '2026-12-01 09:30' });
    const code = await registerHazard(chat, '城南建筑工地 塔吊限位器失灵 责任人 吴工 12月3日前', { group: G.site, sender: '吴工' });
    const [reply] = await chat.send(G.housing, '孙建设', `责任链 ${code}`);
    expect(reply?.text.split('\n').slice(1, 3)).toEqual([
      '责任人 吴工 → 责任单位 城南建筑工地 → 监管部门 住建局 → 分管领导 陈副县长（住建局） → 主要领导 郑书记',
      '来源 企业自查（企业自查自改：本单位自己发现）｜时限 12月3日｜待整改',
    ]);
    await chat.read(async (s) => {
      await s.leaders.replaceCharges([]);
    });
    const [bare] = await chat.send(G.housing, '孙建设', `责任链 ${code}`);
    expect(bare?.text.split('\n')[1]).toBe('责任人 吴工 → 责任单位 城南建筑工地 → 监管部门 住建局 → 分管领导 （名册未写） → 主要领导 （名册未写）');
  });
});
