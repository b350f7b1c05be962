import { createChat, type Chat } from './chat.ts';
import { G } from './hazards.ts';
import { say as sayTo } from './ledger.ts';
import { defaultGovernance } from '../../src/app/config.ts';

/**
 * The fourth quarter of 2026 in the test county, built through the chat, whose assessment is worked
 * out by hand in docs/governance.md:
 *
 *   红星化工 (A)  YH-0002..0005 found 10-08: closed after 5, 10 and 30 days (the last one past its
 *                original 10-18 deadline, extended), YH-0005 still open and overdue.
 *   蓝天物流 (B)  YH-0006, 0007 found 10-08, closed after 30 days on time; YH-0001 (closed in
 *                September) found rebounded on re-inspection on 10-08 and reopened to 2027-01-06.
 *   城南建筑工地 (C) YH-0008, a major hazard due 11-20, open: overdue 41 days on 12-31 → veto.
 *
 * YH-0008 and YH-0006 are listed for supervision on 10-08; 城南建筑工地 goes on the formal credit
 * list on 11-20 and 红星化工 on the watch list on 12-01. Every closed hazard is drawn for
 * re-inspection (share 1). The clock ends at 2027-01-02 10:00.
 */
export async function q4Scenario(): Promise<Chat> {
  const chat = await createChat({ jobs: [], at: '2026-09-01 09:00', config: { governance: { ...defaultGovernance(), reinspection: { share: 1, rounds: [30, 90] } } } });
  const say = (group: string, sender: string, text: string) => sayTo(chat, group, sender, text);
  await say(G.safety, '王建国', '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
  await chat.setClock('2026-09-03 10:00');
  await say(G.blueSky, '钱经理', 'YH-0001 整改完成');
  await say(G.safety, '王建国', 'YH-0001 验收通过');

  await chat.setClock('2026-10-08 09:00');
  await say(G.safety, '王建国', '登记隐患：红星化工 灭火器过期 责任人 张伟 期限7天');
  await say(G.safety, '王建国', '登记隐患：红星化工 配电箱未接地 责任人 张伟 10月20日前');
  await say(G.safety, '王建国', '登记隐患：红星化工 应急照明损坏 责任人 张伟 10月18日前');
  await say(G.safety, '王建国', '登记隐患：红星化工 安全出口堵塞 责任人 李强 10月20日前');
  await say(G.safety, '王建国', '登记隐患：蓝天物流 货架超高堆放 责任人 钱经理 11月30日前');
  await say(G.safety, '王建国', '登记隐患：蓝天物流 叉车未年检 责任人 钱经理 11月30日前');
  await say(G.housing, '孙建设', '登记隐患：城南建筑工地 基坑支护变形 重大隐患 责任人 吴工 11月20日前');
  await say(G.safety, '王建国', 'YH-0001 复查发现反弹 通道再次堵塞 限期90天');
  await say(G.leaders, '刘县长', 'YH-0008 挂牌督办 督办领导：刘县长');
  await say(G.leaders, '刘县长', 'YH-0006 挂牌督办');

  await chat.setClock('2026-10-13 10:00');
  await say(G.redStar, '张伟', 'YH-0002 整改完成');
  await say(G.safety, '王建国', 'YH-0002 验收通过');
  await chat.setClock('2026-10-14 10:00');
  await say(G.redStar, '张伟', 'YH-0004 申请延期到11月30日 原因：灯具缺货');
  await say(G.safety, '王建国', 'YH-0004 批准延期');
  await chat.setClock('2026-10-18 10:00');
  await say(G.redStar, '张伟', 'YH-0003 整改完成');
  await say(G.safety, '王建国', 'YH-0003 验收通过');
  await chat.setClock('2026-11-07 10:00');
  for (const [group, sender, code] of [[G.redStar, '张伟', 'YH-0004'], [G.blueSky, '钱经理', 'YH-0006'], [G.blueSky, '钱经理', 'YH-0007']] as const) {
    await say(group, sender, `${code} 整改完成`);
    await say(G.safety, '王建国', `${code} 验收通过`);
  }
  await chat.setClock('2026-11-20 15:00');
  await say(G.safety, '赵主任', '列入黑名单 城南建筑工地 文号：建罚〔2026〕8号 机关：县住房和城乡建设局 日期：2026-11-20 原因：重大隐患拒不整改');
  await chat.setClock('2026-12-01 09:00');
  await say(G.safety, '赵主任', '列入重点关注 红星化工 逾期隐患未按期整改');
  await chat.setClock('2027-01-02 10:00');
  return chat;
}
