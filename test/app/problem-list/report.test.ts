import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/messages.ts';
import { createChat, sentWorkbook, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';
import { gappyList, inspectionList } from '../../fixtures/problem-lists/build.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

async function readBook(delivery: Delivery | undefined): Promise<ExcelJS.Worksheet> {
  const book = await sentWorkbook(delivery);
  const sheet = book.getWorksheet('整改情况');
  if (!sheet) throw new Error('no 整改情况 sheet');
  return sheet;
}
/** The nine cells of a row, empty ones as null. */
const rowValues = (sheet: ExcelJS.Worksheet, n: number) => Array.from({ length: 9 }, (_, i) => sheet.getRow(n).getCell(i + 1).value);

describe('整改报告 QD-…: the item-by-item report back, as an .xlsx (#15 item 5)', () => {
  it('writes every item with owner, measures, deadline, what was done, state and closing day, read back cell by cell', async () => {
    await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '督查反馈.xlsx', mime: XLSX, data: await inspectionList() }] });
    await chat.send(G.leaders, '赵主任', '确认导入');
    await chat.send(G.redStar, '张伟', 'YH-0001 整改完成 已送检并建立检定台账 请验收');
    await chat.send(G.safety, '王建国', 'YH-0001 验收通过');
    await chat.send(G.redStar, '李强', 'YH-0002 进度50% 已修订动火作业管理制度，待培训');
    await chat.send(G.blueSky, '钱经理', 'YH-0004 整改完成 隔离栏已安装 请验收');
    await chat.setClock('2026-12-13 09:00');

    const out = await chat.send(G.leaders, '刘县长', '整改报告 QD-0001');
    const [reply] = out.filter((d) => d.group?.name === G.leaders);
    expect(reply?.file?.name).toBe('整改报告-QD-0001-20261213-090000.xlsx');
    expect(reply?.text).toBe('问题清单 QD-0001 整改情况报告（截至12月13日）：共 5 项，已完成 1，待验收 1，整改中 2，逾期未完成 1，待明确 0。\n文件：整改报告-QD-0001-20261213-090000.xlsx');

    const sheet = await readBook(reply);
    expect(sheet.getCell('A1').value).toBe('省安委会第三督查组安全生产督查问题整改情况报告');
    expect(sheet.getCell('A2').value).toBe('QD-0001｜督查反馈（省安委会第三督查组，11月28日）｜截至2026年12月13日：共 5 项，已完成 1 项，完成率 20%');
    expect(rowValues(sheet, 3)).toEqual(['序号', '问题', '责任单位', '责任人', '整改措施', '整改时限', '整改情况', '完成状态', '销号日期']);
    expect(rowValues(sheet, 4)).toEqual([1, '储罐区可燃气体报警器未定期检定', '红星化工', '张伟', '立即送检，建立检定台账', day('2026-12-15'), '已送检并建立检定台账；已验收销号（王建国）', '已完成', day('2026-12-01')]);
    expect(rowValues(sheet, 5)).toEqual([2, '动火作业票证审批不规范', '红星化工', '李强', '完善动火作业管理制度', day('2026-12-20'), '已修订动火作业管理制度，待培训（进度50%）', '整改中', null]);
    expect(rowValues(sheet, 6)).toEqual([3, '塔吊限位器失效', '城南建筑工地', '吴工', '停用塔吊，更换限位器并检测', day('2026-12-12'), '尚未报告进度', '逾期未完成', null]);
    expect(rowValues(sheet, 7)).toEqual([4, '危险货物车辆停放区未设置隔离设施', '蓝天物流', '钱经理', '设置隔离栏', day('2026-12-18'), '隔离栏已安装', '待验收', null]);
    expect(rowValues(sheet, 8)).toEqual([5, '应急物资储备不足', '蓝天物流', '钱经理', '补齐应急物资', day('2026-12-18'), '尚未报告进度', '未开始整改', null]);
    expect(sheet.rowCount).toBe(8);
  });

  it('lists 待明确 items as such, and gives a department only its own units', async () => {
    await chat.send(G.safety, '王建国', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
    await chat.send(G.safety, '王建国', '确认导入 红兴化工=红星化工');
    const out = await chat.send(G.safety, '王建国', '整改报告 QD-0001');
    const [reply] = out.filter((d) => d.group?.name === G.safety);
    expect(reply?.text).toContain('你可查看的 3 项（全清单 6 项），已完成 0，待验收 0，整改中 2，逾期未完成 0，待明确 1。');
    const sheet = await readBook(reply);
    expect([4, 5, 6].map((n) => rowValues(sheet, n).slice(0, 4))).toEqual([
      [1, '中控室应急照明不亮', '红星化工', '张伟'],
      [2, '仓库灭火器过期', '蓝天物流', ''],
      [5, '安全出口上锁', '红星化工', '张伟'],
    ]);
    expect(rowValues(sheet, 5).slice(6, 8)).toEqual(['责任人、整改时限待监管部门明确', '待明确']);
  });

  it('gives the Excel ledger export a sheet per list, in the form of the report', async () => {
    await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '督查反馈.xlsx', mime: XLSX, data: await inspectionList() }] });
    await chat.send(G.leaders, '赵主任', '确认导入');
    await chat.send(G.safety, '王建国', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
    await chat.send(G.safety, '王建国', '确认导入 红兴化工=红星化工');
    const out = await chat.send(G.leaders, '刘县长', '导出台账');
    const book = await sentWorkbook(out[0]);
    expect(book.worksheets.map((s) => s.name)).toEqual(['隐患台账', '考核', '季度统计', '问题清单QD-0002', '问题清单QD-0001']);
    const sheet = book.getWorksheet('问题清单QD-0001');
    if (!sheet) throw new Error('no sheet');
    expect(rowValues(sheet, 3)).toEqual(['序号', '问题', '责任单位', '责任人', '整改措施', '整改时限', '整改情况', '完成状态', '销号日期']);
    expect(rowValues(sheet, 6)).toEqual([3, '塔吊限位器失效', '城南建筑工地', '吴工', '停用塔吊，更换限位器并检测', day('2026-12-12'), '尚未报告进度', '未开始整改', null]);
    // a department's export holds its own units' rows only
    const mine = await chat.send(G.safety, '王建国', '导出台账');
    const own = await sentWorkbook(mine[0]);
    const theirs = own.getWorksheet('问题清单QD-0001');
    expect([4, 5, 6, 7].map((n) => theirs?.getRow(n).getCell(3).value ?? null)).toEqual(['红星化工', '红星化工', '蓝天物流', '蓝天物流']);
  });

  it('asks which list when no code is given', async () => {
    const out = await chat.send(G.leaders, '刘县长', '整改报告');
    expect(out[0]?.text).toBe('请写明清单编号，例：整改报告 QD-0001。发送「问题清单」查看已导入的清单。');
  });
});
