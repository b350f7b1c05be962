import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from '../helpers/chat.ts';
import { G, texts } from '../helpers/hazards.ts';
import { q4Scenario } from '../helpers/q4-scenario.ts';
import { assessmentReport } from '../../src/features/governance-facts.ts';
import { createChat } from '../helpers/chat.ts';
import { registerHazard } from '../helpers/hazards.ts';
import { defaultGovernance } from '../../src/app/config.ts';
import { quarterPeriod } from '../../src/domain/period.ts';

let chat: Chat;
beforeAll(async () => {
  chat = await q4Scenario();
});
afterAll(async () => {
  await chat.close();
});

const Q4 = quarterPeriod(2026, 4);

describe('assessment over a real ledger, against the numbers worked out by hand', () => {
  it('tallies each unit with one grouped query', async () => {
    const tallies = await chat.read(async (s) => {
      const t = await s.governance.tallies(Q4, '2026-12-31', 30);
      const name = async (id: number) => (await s.roster.unitById(id))?.name;
      return Object.fromEntries(await Promise.all([...t].map(async ([id, tally]) => [await name(id), tally])));
    });
    expect(tallies).toEqual({
      红星化工: { found: 4, closed: 3, onTime: 2, due: 4, closeDays: 45, overdue: 1, rebounds: 0, vetoItems: 0, selfClosed: 0 },
      蓝天物流: { found: 2, closed: 2, onTime: 2, due: 2, closeDays: 60, overdue: 0, rebounds: 1, vetoItems: 0, selfClosed: 0 },
      城南建筑工地: { found: 1, closed: 0, onTime: 0, due: 1, closeDays: 0, overdue: 1, rebounds: 0, vetoItems: 1, selfClosed: 0 },
    });
  });

  it('scores and ranks units and supervising departments', async () => {
    const report = await chat.read((s) => assessmentReport(s, Q4, '2027-01-02', defaultGovernance()));
    expect(report.asOf).toBe('2026-12-31');
    expect(report.units.map((r) => [r.rank, r.item.name, r.assessment.score, r.assessment.veto])).toEqual([
      [1, '蓝天物流', 82.5, false], [2, '红星化工', 65, false], [3, '城南建筑工地', 10, true],
    ]);
    expect(report.departments.map((r) => [r.rank, r.item.name, r.assessment.score, r.assessment.veto])).toEqual([
      [1, '应急管理局', 60.7, false], [2, '住建局', 10, true],
    ]);
    expect(report.county).toMatchObject({ found: 7, closed: 5, onTime: 4, due: 7, closeDays: 105, overdue: 2, rebounds: 1, vetoItems: 1, score: 46.4 });
  });

  it('answers 排名 in chat', async () => {
    const out = await chat.send(G.leaders, '刘县长', '排名 2026年第四季度');
    expect(texts(out)).toEqual([[
      '考核排名·责任单位（2026年第四季度，截至2026年12月31日）',
      '1. 蓝天物流 82.5分｜发现2 销号2 整改率100% 按期率100% 平均30天 逾期0 反弹1',
      '2. 红星化工〔重点关注〕 65分｜发现4 销号3 整改率75% 按期率50% 平均15天 逾期1 反弹0',
      '3. 城南建筑工地〔失信〕 10分〔一票否决〕｜发现1 销号0 整改率0% 按期率0% 平均— 逾期1 反弹0',
      '计分：整改率×50＋按期率×35＋时效×15＋自查自改率×10－当前逾期每项5分－反弹每项10分；重大隐患逾期超过30天一票否决。',
      '',
      '考核排名·监管部门（2026年第四季度，截至2026年12月31日）',
      '1. 应急管理局 60.7分｜发现6 销号5 整改率83.3% 按期率66.7% 平均21天 逾期1 反弹1',
      '2. 住建局 10分〔一票否决〕｜发现1 销号0 整改率0% 按期率0% 平均— 逾期1 反弹0',
      '计分：整改率×50＋按期率×35＋时效×15＋自查自改率×10－当前逾期每项5分－反弹每项10分；重大隐患逾期超过30天一票否决。',
    ].join('\n')]);
  });

  // `排名 2026年第五季度` answered with this quarter's ranking as if nothing had been written
  it.each(['2026年第五季度', '去年十三月', "' OR 1=1 --"])('says which words of 排名 %s it did not read, instead of ranking another period', async (words) => {
    const out = texts(await chat.send(G.leaders, '刘县长', `排名 ${words}`));
    expect(out).toEqual([expect.stringMatching(/^没看懂「.+」，请写期间，例：本季度、上季度、2026年第四季度、上月、2026年/)]);
  });

  it('reads a running period on today: nothing found yet, but what is overdue still counts', async () => {
    const out = await chat.send(G.safety, '王建国', '排名 本季度 部门');
    expect(out[0]?.text).toBe([
      '考核排名·监管部门（2027年第一季度，截至1月2日）',
      '1. 应急管理局 95分｜发现0 销号0 整改率— 按期率— 平均— 逾期1 反弹0',
      '2. 住建局 95分〔一票否决〕｜发现0 销号0 整改率— 按期率— 平均— 逾期1 反弹0',
      '计分：整改率×50＋按期率×35＋时效×15＋自查自改率×10－当前逾期每项5分－反弹每项10分；重大隐患逾期超过30天一票否决。',
    ].join('\n'));
  });

  it('counts a reopened hazard as not closed over the year', async () => {
    // 蓝天物流 in 2026: YH-0001 (found 9/1, reopened), YH-0006, YH-0007 → R = 2/3, T = 2/3, avg 30 → S = 1/2:
    // 50×2/3 + 35×2/3 + 15×1/2 − 10×1 = 54.17
    const out = await chat.send(G.safety, '王建国', '排名 2026年 单位');
    expect(out[0]?.text).toContain('2. 蓝天物流 54.2分｜发现3 销号2 整改率66.7% 按期率66.7% 平均30天 逾期0 反弹1');
  });

  it('is for leaders, departments and admins', async () => {
    expect(texts(await chat.send(G.redStar, '张伟', '排名'))).toEqual(['「排名」只有领导、管理员、监管部门可以使用。']);
    // asked by its department in a unit's group, the county ranking goes privately (#9 item 4)
    const inUnitGroup = await chat.send(G.redStar, '王建国', '排名 2026年 单位');
    expect(inUnitGroup.filter((d) => d.group).map((d) => d.text)).toEqual(['全县排名已私信发给您，不在本群发送（本群有无权查看排名的成员）。']);
    expect(inUnitGroup.filter((d) => !d.group && d.person?.name === '王建国').map((d) => d.text)).toEqual([expect.stringContaining('责任单位')]);
  });
});

describe('a past period keeps its numbers', () => {
  it('is read from the history: a later rebound or extension does not rewrite it', async () => {
    const q3 = await chat.read(async (s) => {
      const unit = await s.roster.unitByName('蓝天物流');
      return (await s.governance.tallies(quarterPeriod(2026, 3), '2026-09-30', 30)).get(unit!.id);
    });
    // YH-0001: found 9/1, accepted 9/3 (deadline 9/4), found rebounded on 10/8
    expect(q3).toEqual({ found: 1, closed: 1, onTime: 1, due: 1, closeDays: 2, overdue: 0, rebounds: 0, vetoItems: 0, selfClosed: 0 });
  });
});

describe('overdue as it stood', () => {
  it('uses the deadline of the day: an extension approved later does not clear an overdue day', async () => {
    const local = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    try {
      const code = await registerHazard(local, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月5日前');
      await local.setClock('2026-12-10 09:00');
      await local.send(G.blueSky, '钱经理', `${code} 申请延期到12月31日 原因：货架待拆除`);
      await local.send(G.safety, '王建国', `${code} 批准延期`);
      const overdueOn = (day: string) => local.read(async (s) => {
        const unit = await s.roster.unitByName('蓝天物流');
        return (await s.governance.tallies(quarterPeriod(2026, 4), day, 30)).get(unit!.id)?.overdue;
      });
      expect(await overdueOn('2026-12-08')).toBe(1);
      expect(await overdueOn('2026-12-10')).toBe(0);
    } finally {
      await local.close();
    }
  });
});
