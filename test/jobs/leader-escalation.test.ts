import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/app/config.ts';
import { createChat, ORG_ROSTER, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';
import { itemLines, pushHeadline, scheduledPushes } from '../helpers/pushes.ts';

// #16 item 1: an escalation to the leaders reaches the leader in charge by name (an @ in the
// leaders' group, through the platform's mention list), and the main leader only as the rules say.
// Run by the real scheduler as the clock walks (org.yaml: 刘县长 is in charge of 应急管理局 and
// 危化品, 陈副县长 of 住建局 and 消防, 郑书记 is the main leader).

let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

/** the morning messages (escalations) to the leaders' group; the digests are not escalations */
const leadersPushes = () => scheduledPushes(chat).filter((d) => d.group?.name === G.leaders && /【今日提醒】|【重大隐患逾期】/.test(d.text));

describe('escalation by name', () => {
  it('@s the leader in charge of the hazard in the leaders\' group, and neither the other leader nor the main leader', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    const code = await registerHazard(chat, '红星化工 储罐区静电接地线断开 责任人 张伟 12月3日前');
    await chat.setClock('2026-12-08 10:00');

    const pushes = leadersPushes();
    // overdue more than 3 days on Monday 12月7日: the leaders hear it once, by name
    expect(pushes.map(pushHeadline)).toEqual(['12-07 09:00 [县安委会领导群] @刘县长 【今日提醒】12月7日（周一）']);
    expect(itemLines(pushes[0]!)).toEqual([`1. ${code} 红星化工：储罐区静电接地线断开｜逾期4天｜待整改｜责任链：张伟 → 红星化工 → 应急管理局 → 分管 刘县长`]);
    // the department's group sees the same chain and @s no leader
    const department = scheduledPushes(chat).filter((d) => d.group?.name === G.safety && d.text.includes('所监管单位逾期'));
    expect(department.length).toBeGreaterThan(0);
    expect(department.every((d) => d.mentions.length === 0 && d.text.includes('→ 分管 刘县长'))).toBe(true);
    // nobody else was told anything privately
    expect(chat.channel.sent.filter((d) => d.person !== null && d.kind === 'push')).toEqual([]);
  });

  it('names by sector before department: a fire hazard at a 应急管理局 unit goes to the leader in charge of 消防', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月3日前');
    await chat.setClock('2026-12-07 10:00');
    expect(leadersPushes().map((d) => d.mentions.map((p) => p.name))).toEqual([['陈副县长']]);
  });

  it('adds the main leader for a major hazard overdue more than HZ_ESCALATE_MAIN_DAYS, and for an item listed for supervision', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    const major = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月3日前整改完毕');
    await chat.setClock('2026-12-22 10:00');
    // a major hazard reaches the leaders on its first overdue day, then on Mondays; 郑书记 only past 7 days
    expect(leadersPushes().map(pushHeadline)).toEqual([
      '12-04 09:00 [县安委会领导群] @刘县长 【今日提醒】12月4日（周五）',
      '12-07 09:00 [县安委会领导群] @刘县长 【今日提醒】12月7日（周一）',
      '12-14 09:00 [县安委会领导群] @刘县长 @郑书记 【今日提醒】12月14日（周一）',
      '12-21 09:00 [县安委会领导群] @刘县长 @郑书记 【今日提醒】12月21日（周一）',
    ]);
    expect(itemLines(leadersPushes()[2]!)[0]).toBe(`1. ${major} 【重大】红星化工：红星化工储罐区呼吸阀损坏｜逾期11天｜待整改｜责任链：张伟 → 红星化工 → 应急管理局 → 分管 刘县长｜报主要领导 郑书记`);
  });

  it('names the main leader for a 督办 item as soon as it reaches the leaders', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    const code = await registerHazard(chat, '城南建筑工地 塔吊限位器失灵 责任人 吴工 12月3日前');
    await chat.send(G.leaders, '刘县长', `${code} 挂牌督办 督办领导：刘县长`);
    await chat.setClock('2026-12-08 10:00');
    const pushes = leadersPushes();
    expect(pushes.map((d) => d.mentions.map((p) => p.name))).toEqual([['陈副县长', '郑书记']]);
    expect(itemLines(pushes[0]!)[0]).toContain('责任链：吴工 → 城南建筑工地 → 住建局 → 分管 陈副县长｜督办领导 刘县长｜报主要领导 郑书记');
  });

  it('tells the leader in charge privately where the county has no leaders\' group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-no-leaders-group-'));
    try {
      const roster = join(dir, 'roster.yaml');
      writeFileSync(roster, readFileSync(ORG_ROSTER, 'utf8').replace('  - { name: 县安委会领导群, purpose: leaders }\n', ''));
      chat = await createChat({ at: '2026-12-01 08:00', roster });
      await registerHazard(chat, '红星化工 储罐区静电接地线断开 责任人 张伟 12月3日前');
      await chat.setClock('2026-12-08 10:00');
      expect(scheduledPushes(chat).filter((d) => d.group === null).map(pushHeadline)).toEqual(['12-07 09:00 [刘县长] 【今日提醒】12月7日（周一）']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the leader in charge privately where configured (HZ_LEADER_NOTICE=private); the group list then @s nobody', async () => {
    const config = defaultConfig();
    chat = await createChat({ at: '2026-12-01 08:00', config: { schedule: { ...config.schedule, leaderChain: { ...config.schedule.leaderChain, privately: true } } } });
    const code = await registerHazard(chat, '红星化工 储罐区静电接地线断开 责任人 张伟 12月3日前');
    await chat.setClock('2026-12-08 10:00');
    expect(leadersPushes().map(pushHeadline)).toEqual(['12-07 09:00 [县安委会领导群] 【今日提醒】12月7日（周一）']);
    const privately = scheduledPushes(chat).filter((d) => d.group === null);
    expect(privately.map(pushHeadline)).toEqual(['12-07 09:00 [刘县长] 【今日提醒】12月7日（周一）']);
    expect(itemLines(privately[0]!)).toEqual([`1. ${code} 红星化工：储罐区静电接地线断开｜逾期4天｜待整改｜责任链：张伟 → 红星化工 → 应急管理局 → 分管 刘县长`]);
  });
});
