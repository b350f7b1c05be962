import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { FULL_PLAN } from '../helpers/evidence.ts';
import { G, registerHazard } from '../helpers/hazards.ts';
import { runJob } from './helpers.ts';
import { remindMissingPlanParts } from '../../src/jobs/remind-missing-plan-parts.ts';
import { remindSupervisedHazards } from '../../src/jobs/remind-supervised-hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
});
afterEach(async () => {
  await chat.close();
});

describe('remind-supervised-hazards', () => {
  it('names each listed open hazard every morning to the owner’s unit and the supervising department, one message per group', async () => {
    const a = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，一般隐患，责任人@张伟，12月15日前整改完毕');
    const b = await registerHazard(chat, '城南建筑工地 基坑支护变形 责任人 吴工 12月10日前', { group: G.housing, sender: '孙建设' });
    const c = await registerHazard(chat, '红星化工 液氨管线腐蚀 责任人 李强 12月20日前');
    await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    for (const code of [a, b, c]) await chat.send(G.leaders, '刘县长', `${code} 挂牌督办 督办领导：刘县长`);

    await chat.setClock('2026-12-02 09:00');
    const messages = await runJob(chat, remindSupervisedHazards);
    expect(messages.map((m) => [m.to, m.mentionNames, m.dedupeKey])).toEqual([
      [G.redStar, ['张伟', '李强'], `supervision-reminder:2026-12-02:g${(await chat.read((s) => s.roster.groupByName(G.redStar)))?.id}`],
      [G.safety, [], expect.stringMatching(/^supervision-reminder:2026-12-02:g\d+$/)],
      [G.site, ['吴工'], expect.stringMatching(/^supervision-reminder:2026-12-02:g\d+$/)],
      [G.housing, [], expect.stringMatching(/^supervision-reminder:2026-12-02:g\d+$/)],
    ]);
    expect(messages[0]?.text).toBe([
      '【挂牌督办提醒】以下 2 项督办隐患尚未销号：',
      `1. ${a} 【督办】红星化工：红星化工储罐区呼吸阀损坏｜责任人 张伟｜时限 12月15日（剩13天）｜待整改｜督办领导 刘县长`,
      `2. ${c} 【督办】红星化工：液氨管线腐蚀｜责任人 李强｜时限 12月20日（剩18天）｜待整改｜督办领导 刘县长`,
      '请责任单位加快整改、按时报告进度，监管部门跟踪督促。',
    ].join('\n'));
    expect(messages.every((m) => m.kind === 'push' && !m.urgent)).toBe(true);

    // the same day again: the same keys, so the outbox sends nothing twice; the next day: new keys
    expect((await runJob(chat, remindSupervisedHazards)).map((m) => m.dedupeKey)).toEqual(messages.map((m) => m.dedupeKey));
    await chat.setClock('2026-12-03 09:00');
    const next = await runJob(chat, remindSupervisedHazards, true);
    expect(next.map((m) => m.dedupeKey)).not.toEqual(messages.map((m) => m.dedupeKey));
    expect(next[0]?.text).toMatch(/^【挂牌督办提醒】以下/);
  });

  it('stops once the item is closed, and writes privately when the unit has no group', async () => {
    const code = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    await chat.send(G.leaders, '刘县长', `${code} 挂牌督办`);
    await chat.read(async (s) => {
      const group = await s.roster.groupByName(G.blueSky);
      await s.roster.updateGroup(group!.id, { unitId: null, purpose: 'other' });
    });
    await chat.setClock('2026-12-02 09:00');
    expect((await runJob(chat, remindSupervisedHazards)).map((m) => [m.to, m.mentionNames])).toEqual([['私聊·钱经理', []], [G.safety, []]]);
    await chat.send(G.safety, '钱经理', `${code} 整改完成`);
    await chat.send(G.safety, '王建国', `${code} 验收通过`);
    await chat.setClock('2026-12-03 09:00');
    expect(await runJob(chat, remindSupervisedHazards)).toEqual([]);
  });
});

describe('remind-missing-plan-parts', () => {
  it('tells the owners of open major hazards which plan parts are missing, until the plan is complete', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
    await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    await chat.send(G.redStar, '张伟', `${code} 治理方案 资金物资：12万元 应急预案：已编制`);
    await chat.setClock('2026-12-02 09:30');
    const messages = await runJob(chat, remindMissingPlanParts);
    expect(messages.map((m) => [m.to, m.mentionNames])).toEqual([[G.redStar, ['张伟']]]);
    expect(messages[0]?.text).toBe([
      '【治理方案提醒】以下重大隐患的治理方案尚未齐全：',
      `1. ${code} 红星化工：红星化工储罐区呼吸阀损坏｜责任人 张伟｜缺：目标任务、方法措施、机构人员、时限要求`,
      '请回复「编号 治理方案 目标任务：…」补充；方案不齐的重大隐患不能提交验收。',
    ].join('\n'));
    expect(messages[0]?.dedupeKey).toMatch(/^plan-reminder:2026-12-02:g\d+$/);
    await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
    expect(await runJob(chat, remindMissingPlanParts)).toEqual([]);
  });
});
