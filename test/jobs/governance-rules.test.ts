import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { defaultGovernance } from '../../src/app/config.ts';
import { FULL_PLAN, valveJpeg } from '../helpers/evidence.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';
import { runJob } from './helpers.ts';
import { announceCreditChanges } from '../../src/jobs/announce-credit-changes.ts';
import { governanceJobs } from '../../src/jobs/governance-jobs.ts';
import { proposeWatchList } from '../../src/jobs/propose-watch-list.ts';

let chat: Chat;
afterEach(async () => {
  await chat.close();
});

const governance = (share = 0) => ({ ...defaultGovernance(), reinspection: { share, rounds: [30, 90] } });

describe('propose-watch-list at simulated dates', () => {
  const watchJob = proposeWatchList({ majorOverdueDays: 15, overdueCount: 3, rebound: true, enforcementCount: 2, suspension: true });

  it('proposes a unit whose major hazard is more than 15 days overdue, once, with the evidence, to the leaders', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    const code = await registerHazard(chat, '城南建筑工地 基坑支护变形 重大隐患 责任人 吴工 12月10日前', { group: G.housing, sender: '孙建设' });
    await chat.setClock('2026-12-25 08:00');
    expect(await runJob(chat, watchJob)).toEqual([]);
    await chat.setClock('2026-12-26 08:00');
    const messages = await runJob(chat, watchJob);
    expect(messages.map((m) => [m.to, m.text])).toEqual([[G.leaders, [
      '【重点关注·待确认】城南建筑工地：重大隐患逾期超过15天',
      `依据：${code}【重大】 逾期16天`,
      '请管理员回复「确认重点关注 城南建筑工地」或「不予关注 城南建筑工地 原因」。',
    ].join('\n')]]);
    // run again, even a day later: no second proposal, the same message key
    await chat.setClock('2026-12-27 08:00');
    expect((await runJob(chat, watchJob)).map((m) => m.dedupeKey)).toEqual(messages.map((m) => m.dedupeKey));
    expect(await chat.read((s) => s.credit.entries('watch'))).toHaveLength(1);

    // dismissed: kept, not raised again for the same hazard
    await chat.send(G.safety, '赵主任', '不予关注 城南建筑工地 已停工整改，专家论证中');
    await chat.setClock('2027-01-20 08:00');
    expect(await runJob(chat, watchJob)).toEqual([]);
  });

  it('proposes a unit with three overdue hazards, and one found rebounded', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00', config: { governance: governance(1) } });
    for (const what of ['灭火器过期', '配电箱未接地', '安全出口堵塞']) await registerHazard(chat, `红星化工 ${what} 责任人 张伟 3天内`);
    const blue = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    await chat.send(G.blueSky, '钱经理', `${blue} 整改完成`);
    await chat.send(G.safety, '王建国', `${blue} 验收通过`);
    await chat.setClock('2026-12-31 10:00');
    await chat.send(G.safety, '王建国', `${blue} 复查发现反弹 通道再次堵塞 限期3天`);

    const messages = await runJob(chat, watchJob);
    expect(texts(messages)).toEqual([
      '【重点关注·待确认】红星化工：逾期隐患达3项及以上\n依据：YH-0001 逾期27天；YH-0002 逾期27天；YH-0003 逾期27天\n请管理员回复「确认重点关注 红星化工」或「不予关注 红星化工 原因」。',
      `【重点关注·待确认】蓝天物流：滚动检查发现隐患反弹\n依据：${blue} 12月31日复查发现反弹：通道再次堵塞\n请管理员回复「确认重点关注 蓝天物流」或「不予关注 蓝天物流 原因」。`,
    ]);
    expect(await chat.read(async (s) => (await s.credit.entries('watch')).map((e) => [e.unitName, e.ruleKey, e.status]))).toEqual([
      ['红星化工', 'overdue_count:2026-12', 'proposed'],
      ['蓝天物流', `rebound:${blue}:2026-12-31`, 'proposed'],
    ]);
    // a new month would be a new count, but one is still waiting
    await chat.setClock('2027-01-01 08:00');
    expect((await runJob(chat, watchJob)).filter((m) => m.text.includes('逾期隐患达3项'))).toHaveLength(1);
    // dismissed in January: February counts again; confirmed: no more proposals for the unit
    await chat.send(G.safety, '赵主任', '不予关注 红星化工 已约谈，限期整改');
    await chat.setClock('2027-02-01 08:00');
    expect(texts(await runJob(chat, watchJob)).filter((t) => t.includes('红星化工'))).toHaveLength(1);
    await chat.send(G.safety, '赵主任', '确认重点关注 红星化工');
    await chat.setClock('2027-03-01 08:00');
    expect(texts(await runJob(chat, watchJob)).filter((t) => t.includes('红星化工'))).toEqual([]);
  });
});

describe('announce-credit-changes', () => {
  it('tells the leaders when a formal entry ends, early or at the end of its term, once and not for old endings', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    await chat.send(G.safety, '赵主任', '列入黑名单 红星化工 文号：应急罚〔2026〕12号 机关：县应急管理局 日期：2026-11-20');
    await chat.send(G.safety, '赵主任', '列入黑名单 蓝天物流 文号：交罚〔2026〕3号 机关：县交通运输局 日期：2026-11-30');
    await chat.send(G.safety, '赵主任', '移出黑名单 蓝天物流 2027-06-01 信用修复');
    await chat.setClock('2027-05-31 08:00');
    expect(await runJob(chat, announceCreditChanges)).toEqual([]);
    await chat.setClock('2027-06-01 08:00');
    const early = await runJob(chat, announceCreditChanges);
    expect(early.map((m) => [m.to, m.text])).toEqual([[G.leaders, '【信用名单】蓝天物流 提前移出严重失信主体名单（交罚〔2026〕3号，县交通运输局，2026年11月30日决定），自6月1日起不再标注〔失信〕。']]);
    await chat.setClock('2027-06-09 08:00');
    expect(await runJob(chat, announceCreditChanges)).toEqual([]);
    await chat.setClock('2029-11-20 08:00');
    expect(texts(await runJob(chat, announceCreditChanges))).toEqual(['【信用名单】红星化工 期满移出严重失信主体名单（应急罚〔2026〕12号，县应急管理局，2026年11月20日决定），自11月20日起不再标注〔失信〕。']);
  });
});

describe('the governance job list', () => {
  it('has one job per intent, each with a five-field cron', () => {
    const jobs = governanceJobs(defaultGovernance());
    expect(jobs.map((j) => j.name)).toEqual([
      'announce-credit-changes', 'propose-watch-list', 'send-monthly-briefing', 'send-quarterly-briefing',
    ]);
    for (const job of jobs) expect(job.cron.split(' ')).toHaveLength(5);
  });
});
