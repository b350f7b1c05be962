import type { Chat } from './chat.ts';

/** Sends a message and insists the bot answered it. */
export async function say(chat: Chat, group: string, sender: string, text: string): Promise<void> {
  const out = await chat.send(group, sender, text);
  if (out.length === 0) throw new Error(`no answer to ${text}`);
}

/**
 * The hand-counted ledger:
 *  12-01 YH-0001 红星化工 重大 危化品 张伟 due 12-04 · YH-0002 蓝天物流 消防 钱经理 due 12-03
 *        YH-0003 实验小学 消防 李四 due 12-02 · YH-0004 城南建筑工地 建筑施工 吴工 due 12-04
 *  12-02 YH-0001 进度50% · YH-0004 submitted and accepted (closed 12-02)
 *  12-03 YH-0005 红星化工 危化品 (the unit's sector) 李强 due 12-20 · YH-0003 进度30% · YH-0002 进度80% · YH-0001 进度70%
 *  (the weekend test adds: 12-05 (Sat) YH-0002 submitted and accepted, closed 12-05)
 */
export async function buildLedger(chat: Chat): Promise<void> {
  await say(chat, '应急管理局监管群', '王建国', '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月4日前整改完毕');
  await say(chat, '应急管理局监管群', '王建国', '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月3日前');
  await say(chat, '城关镇安全群', '周镇长', '登记隐患：实验小学 消防通道被占用 责任人 李四 12月2日前');
  await say(chat, '住建局监管群', '孙建设', '登记隐患：城南建筑工地 脚手架未设防护网 责任人 吴工 12月4日前');
  await chat.setClock('2026-12-02 10:00');
  await say(chat, '红星化工安全对接群', '张伟', 'YH-0001 进度50% 已关闭进料阀');
  await say(chat, '城南工地安全群', '吴工', 'YH-0004 整改完成 请验收');
  await say(chat, '住建局监管群', '孙建设', 'YH-0004 验收通过');
  await chat.setClock('2026-12-03 10:00');
  await say(chat, '应急管理局监管群', '王建国', '登记隐患：红星化工 灭火器过期 责任人 李强 12月20日前');
  await say(chat, '实验小学安全群', '李四', 'YH-0003 进度30% 已清理杂物');
  await say(chat, '蓝天物流安全对接群', '钱经理', 'YH-0002 进度80%');
  await say(chat, '红星化工安全对接群', '张伟', 'YH-0001 进度70% 新阀门已到货');
}

