import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';
import { pushHeadline, scheduledPushes } from '../helpers/pushes.ts';
import { FULL_PLAN, valveJpeg } from '../helpers/evidence.ts';
import { runJob } from './helpers.ts';
import { defaultConfig, defaultGovernance } from '../../src/app/config.ts';
import { scheduledJobs } from '../../src/app/scheduled-jobs.ts';

const governance = (share = 0) => ({ ...defaultGovernance(), reinspection: { share, rounds: [30, 90] } });
const morning = scheduledJobs(defaultConfig().schedule).find((j) => j.name === 'send-morning-message')!;

let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

describe('follow-up checks (滚动检查) in the morning message', () => {
  it('asks the supervising department on the due day, again each week until answered', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00', config: { governance: governance() } });
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
    await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
    await chat.send(G.redStar, '张伟', `${code} 整改完成`, { attachments: [valveJpeg()] });
    await chat.send(G.safety, '王建国', `${code} 验收通过`);

    await chat.setClock('2026-12-30 10:00');
    expect(await runJob(chat, morning)).toEqual([]);
    await chat.setClock('2026-12-31 10:00');
    const first = await runJob(chat, morning);
    expect(first.map((m) => m.to)).toEqual([G.safety]);
    expect(first[0]?.text).toBe([
      '【今日提醒】12月31日（周四）',
      '一、滚动检查 1 项：',
      `1. ${code} 红星化工：红星化工储罐区呼吸阀损坏｜12月1日验收销号，已满30天｜请应急管理局复查：回复「${code} 复查通过」或「${code} 复查发现反弹 情况 限期7天」`,
    ].join('\n'));
    // not again until a week has passed (1月1日 is a holiday, 1月4日 a Monday: not yet 7 days)
    await chat.setClock('2027-01-04 10:00');
    expect(await runJob(chat, morning)).toEqual([]);
    await chat.setClock('2027-01-07 10:00');
    const second = await runJob(chat, morning, true);
    expect(second[0]?.dedupeKey).not.toBe(first[0]?.dedupeKey);
    expect(second[0]?.text).toContain('已满30天');

    await chat.send(G.safety, '王建国', `${code} 复查通过`);
    expect(await runJob(chat, morning)).toEqual([]);
    await chat.setClock('2027-03-01 10:00');
    expect((await runJob(chat, morning))[0]?.text).toContain('已满90天');
  });

  it('asks the leaders when the unit has no supervising department', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00', config: { governance: governance(1) } });
    await chat.read(async (s) => {
      await s.roster.upsertUnit({ name: '县城投公司', kind: 'enterprise', supervisorId: null, sector: null }, chat.now);
    });
    await chat.send(G.safety, '赵主任', '添加人员 周经理 县城投公司 联系人');
    const code = await registerHazard(chat, '县城投公司 工地围挡倒塌 责任人 周经理 3天内');
    await chat.send(G.safety, '周经理', `${code} 整改完成`);
    await chat.send(G.safety, '赵主任', `${code} 验收通过`);
    await chat.setClock('2026-12-31 10:00');
    const messages = await runJob(chat, morning);
    expect(messages.map((m) => m.to)).toEqual([G.leaders]);
    expect(messages[0]?.text).toContain('请管理员复查');
  });
});


const to = (group: string, from = 0) => scheduledPushes(chat, from).filter((d) => d.group?.name === group);

describe('the morning message (one routine push per group per working morning)', () => {
  it('merges overdue, due, supervision and plan into one message with sections, each hazard once', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    const major = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月4日前整改完毕');
    const soon = await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月3日前');
    const monday = await registerHazard(chat, '红星化工 应急照明损坏 责任人 李强 12月7日前');
    await chat.send(G.leaders, '刘县长', `${major} 挂牌督办 督办领导：刘县长`);

    await chat.setClock('2026-12-07 10:00');
    expect(to(G.redStar).map(pushHeadline)).toEqual([
      '12-01 09:00 [红星化工安全对接群] @张伟 【今日提醒】12月1日（周二）',
      '12-02 09:00 [红星化工安全对接群] @张伟 【今日提醒】12月2日（周三）',
      '12-03 09:00 [红星化工安全对接群] @张伟 【今日提醒】12月3日（周四）',
      '12-04 09:00 [红星化工安全对接群] @张伟 @李强 【今日提醒】12月4日（周五）',
      '12-05 09:00 [红星化工安全对接群] @张伟 【重大隐患逾期】以下重大隐患今日起逾期，节假日照常提醒：',
      '12-07 09:00 [红星化工安全对接群] @张伟 @李强 【今日提醒】12月7日（周一）',
    ]);
    expect(to(G.redStar).at(-1)?.text).toBe([
      '【今日提醒】12月7日（周一）',
      '一、逾期 2 项（本单位）：',
      `1. ${major} 【重大】【督办】红星化工储罐区呼吸阀损坏｜责任人 张伟｜时限 12月4日，已逾期3天｜待整改｜督办领导 刘县长｜治理方案缺：目标任务、方法措施、资金物资、机构人员、时限要求、安全措施和应急预案`,
      `2. ${soon} 灭火器过期｜责任人 张伟｜时限 12月3日，已逾期4天｜待整改`,
      '请立即整改；确需延期请回复「编号 申请延期到X月X日 原因：…」。',
      '二、即将到期 1 项：',
      `1. ${monday} 应急照明损坏｜责任人 李强｜今天到期｜待整改`,
      '整改完毕请回复「编号 整改完成 请验收」；确需延期请回复「编号 申请延期到X月X日 原因：…」。',
    ].join('\n'));
    // Wednesday: the day after listing names the 督办 item (with what its plan lacks); the 1-day reminder of the item due Thursday
    expect(to(G.redStar)[1]?.text).toBe([
      '【今日提醒】12月2日（周三）',
      '一、即将到期 1 项：',
      `1. ${soon} 灭火器过期｜责任人 张伟｜12月3日到期（剩1天）｜待整改`,
      '整改完毕请回复「编号 整改完成 请验收」；确需延期请回复「编号 申请延期到X月X日 原因：…」。',
      '二、挂牌督办 1 项（列入次日和每周一提醒，直至销号）：',
      `1. ${major} 【重大】【督办】红星化工：红星化工储罐区呼吸阀损坏｜责任人 张伟｜时限 12月4日（剩2天）｜待整改｜督办领导 刘县长｜治理方案缺：目标任务、方法措施、资金物资、机构人员、时限要求、安全措施和应急预案`,
      '请责任单位加快整改、按时报告进度，监管部门跟踪督促。',
    ].join('\n'));
    // the department and the leaders: one message each that morning
    expect(scheduledPushes(chat).filter((d) => d.at.getDate() === 7 && d.text.startsWith('【今日提醒】')).map((d) => d.group?.name)).toEqual([
      G.redStar, G.safety, G.leaders,
    ]);
  });

  it('does not ping an owner who acted in the last day, nor about a fix waiting for acceptance', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    const a = await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月2日前');
    const b = await registerHazard(chat, '红星化工 配电箱未接地 责任人 李强 12月2日前');
    await chat.setClock('2026-12-03 08:30');
    await chat.send(G.redStar, '张伟', `${a} 进度50% 已采购`);
    await chat.send(G.redStar, '李强', `${b} 整改完成 请验收`);
    await chat.setClock('2026-12-03 10:00');
    const message = to(G.redStar).at(-1);
    expect(message?.mentions).toEqual([]);
    expect(message?.text).toContain('已逾期1天｜整改中50%');
    expect(message?.text).toContain('已逾期1天｜待验收');
  });

  it('after an outage: today’s message once, marked 补发; a day missed entirely is not sent the next morning beside the new one', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月2日前');
    await chat.setClock('2026-12-03 08:00');
    const mark = chat.channel.sent.length;
    // down from 08:00 to 10:30: the 09:00 run is caught up once, late
    await chat.restart('2026-12-03 10:30');
    await chat.restart('2026-12-03 11:00');
    expect(to(G.redStar, mark).map(pushHeadline)).toEqual(['12-03 10:30 [红星化工安全对接群] @张伟 【补发】【今日提醒】12月3日（周四）']);
    // down all of Friday until 22:00: the catch-up falls in quiet hours and would only go out on Monday; it is dropped, Monday says it afresh
    await chat.setClock('2026-12-04 08:00');
    const friday = chat.channel.sent.length;
    await chat.restart('2026-12-04 22:00');
    await chat.setClock('2026-12-07 10:00');
    expect(to(G.redStar, friday).map(pushHeadline)).toEqual(['12-07 09:00 [红星化工安全对接群] @张伟 【今日提醒】12月7日（周一）']);
    expect(to(G.redStar, friday)[0]?.text).toContain('已逾期5天');
  });
});
