import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';
import { runJob } from './helpers.ts';
import { rankBurden } from '../../src/domain/leaders-digest.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';
import { sendDailyDigest } from '../../src/jobs/send-daily-digest.ts';

let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

const digest = sendDailyDigest({ cron: '30 17 * * *', calendar: officialCalendar() });
const leaders = async () => (await runJob(chat, digest)).find((m) => m.to === G.leaders)?.text ?? '';

describe('the leaders’ digest (one screen a leader can act on)', () => {
  it('says what changed, what waits on which department, the day’s decisions and who is slipping most', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    const late = await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月3日前');
    await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月7日前整改完毕');
    await registerHazard(chat, '蓝天物流 货架超高堆放 责任人 钱经理 12月4日前');
    const school = await registerHazard(chat, '实验小学 消防通道被占用 责任人 李四 12月4日前', { group: G.town, sender: '周镇长' });
    const site = await registerHazard(chat, '城南建筑工地 脚手架未设防护网 责任人 吴工 12月20日前', { group: G.housing, sender: '孙建设' });
    const extend = await registerHazard(chat, '蓝天物流 叉车未年检 责任人 钱经理 12月20日前');
    const deny = await registerHazard(chat, '实验小学 应急照明损坏 责任人 李四 12月20日前', { group: G.town, sender: '周镇长' });

    await chat.setClock('2026-12-07 10:00');
    await chat.send(G.school, '李四', `${school} 整改完成 请验收`);
    await chat.setClock('2026-12-08 10:00');
    await chat.send(G.site, '吴工', `${site} 整改完成 请验收`);
    await chat.send(G.housing, '孙建设', `${site} 驳回 防护网规格不符`);
    await chat.send(G.blueSky, '钱经理', `${extend} 申请延期到12月30日 原因：检测机构排期`);
    await chat.send(G.safety, '王建国', `${extend} 批准延期`);
    await chat.send(G.school, '李四', `${deny} 申请延期到12月31日 原因：灯具缺货`);
    await chat.send(G.town, '周镇长', `${deny} 不予延期 理由：先配应急灯`);
    await chat.send(G.redStar, '张伟', `${late} 整改完成 请验收`);
    await chat.send(G.safety, '王建国', `${late} 验收通过`);
    await chat.setClock('2026-12-08 17:30');

    // 12-07 (Monday) covered the weekend: 蓝天物流's and 实验小学's items first overdue on 12-05; 12-08 the major one
    expect(await leaders()).toBe([
      '【每日安全汇总】12月8日 · 全县',
      '今日新增 0 项、销号 1 项、新逾期 1 项（上一工作日：新增 0、销号 0、新逾期 2）',
      '未销号 6 项（重大 1，较上周同日↓1），其中逾期 3 项（重大 1，较上周同日↑3）',
      '待部门验收 1 项（已提交、未决定）：',
      `· 城关镇 1 项（分管 刘县长）：${school} 实验小学 已等1天`,
      `今日驳回 1 项：${site} 城南建筑工地（孙建设：防护网规格不符）`,
      `今日延期决定 2 项：批准 ${extend} 蓝天物流 至12月30日（王建国）；不予 ${deny} 实验小学（周镇长）`,
      '逾期最重的单位：蓝天物流（1项）、实验小学（1项） 并列4分；红星化工 3分（1项，重大1）',
      '逾期最重的部门：应急管理局 7分（2项，重大1，分管 刘县长）；城关镇 4分（1项，分管 刘县长）',
      '逾期分＝各项逾期天数之和，重大隐患按3倍计；逾期明细见上午「今日提醒」。',
    ].join('\n'));
  });
});

describe('the overdue burden', () => {
  it('weighs days and level, and keeps ties together', () => {
    const fact = (unitName: string, deadline: string, level: 'general' | 'major' = 'general') => ({ unitName, deadline, level, departmentName: '应急管理局' });
    expect(rankBurden([
      fact('A', '2026-12-01'), fact('B', '2026-12-09'), fact('B', '2026-12-09'), fact('B', '2026-12-09'),
      fact('C', '2026-12-07', 'major'), fact('D', '2026-12-01'), fact('E', '2026-12-09'),
    ], 'unit', '2026-12-10')).toEqual([
      { score: 9, members: [{ name: 'A', items: 1, major: 0 }, { name: 'C', items: 1, major: 1 }, { name: 'D', items: 1, major: 0 }] },
      { score: 3, members: [{ name: 'B', items: 3, major: 0 }] },
      { score: 1, members: [{ name: 'E', items: 1, major: 0 }] },
    ]);
  });
});
