import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCli } from '../../src/app/export-cli.ts';
import { sentWorkbook, type Chat } from '../helpers/chat.ts';
import { G, texts } from '../helpers/hazards.ts';
import { q4Scenario } from '../helpers/q4-scenario.ts';

let chat: Chat;
beforeAll(async () => {
  chat = await q4Scenario();
});
afterAll(async () => {
  await chat.close();
});

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

async function exported(group: string, sender: string, text: string): Promise<{ reply: string; book: ExcelJS.Workbook; name: string }> {
  const out = await chat.send(group, sender, text);
  const book = await sentWorkbook(out[0]);
  return { reply: out[0]?.text ?? '', book, name: out[0]?.file?.name ?? '' };
}

/** Row values from column 1 up to the last filled cell, empty cells as null (exceljs rows are 1-based and sparse). */
const rowOf = (sheet: ExcelJS.Worksheet, n: number) => Array.from(sheet.getRow(n).values as unknown[]).slice(1).map((v) => v ?? null);
const sheet = (book: ExcelJS.Workbook, name: string) => {
  const s = book.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

describe('the ledger export (导出台账)', () => {
  it('sends the workbook after the reply that names it, through the outbox, writing nothing on the bot\'s disk', async () => {
    const { reply, name, book } = await exported(G.leaders, '刘县长', '导出台账 2026年第四季度');
    expect(name).toBe('台账-20270102-100000.xlsx');
    expect(reply).toBe('已导出台账：共 7 项（2026年第四季度）。\n含三张表：隐患台账、考核、季度统计（2026年第四季度，1月15日前报送）。\n文件：台账-20270102-100000.xlsx');
    expect(existsSync(join(chat.dir, 'data', 'exports'))).toBe(false);
    // its bytes left the outbox with the mark "sent"
    expect(await chat.read((s) => s.outbox.fileTotals())).toEqual({ files: 0, bytes: 0 });
    expect(book.worksheets.map((s) => s.name)).toEqual(['隐患台账', '考核', '季度统计']);
  });

  it('has the county ledger columns, cell by cell', async () => {
    const { book } = await exported(G.leaders, '刘县长', '导出台账 2026年第四季度');
    const ledger = sheet(book, '隐患台账');
    expect(ledger.getCell('A1').value).toBe('安全隐患整改台账（2026年第四季度）　导出时间：2027-01-02 10:00');
    expect(ledger.getCell('A1').isMerged && ledger.getCell('S1').isMerged).toBe(true);
    expect(rowOf(ledger, 2)).toEqual([
      '序号', '隐患编号', '单位', '类别', '等级', '隐患描述', '位置', '整改措施', '责任人', '整改时限', '原定时限', '状态', '进度', '督办', '登记人', '登记日期', '验收人', '销号日期', '来源',
    ]);
    expect(ledger.autoFilter).toBe('A2:S9');
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ledger.rowCount).toBe(9);
    // closed on time
    expect(rowOf(ledger, 3)).toEqual([
      1, 'YH-0002', '红星化工〔重点关注〕', '危化品', '一般', '灭火器过期', null, null, '张伟', day('2026-10-15'), day('2026-10-15'), '已销号', 1, null, '王建国', day('2026-10-08'), '王建国', day('2026-10-13'), '部门检查',
    ]);
    // extended: the original deadline stays in its own column
    expect(rowOf(ledger, 5)).toEqual([
      3, 'YH-0004', '红星化工〔重点关注〕', '危化品', '一般', '应急照明损坏', null, null, '张伟', day('2026-11-30'), day('2026-10-18'), '已销号', 1, null, '王建国', day('2026-10-08'), '王建国', day('2026-11-07'), '部门检查',
    ]);
    // open and overdue: no acceptor, no closing day
    expect(rowOf(ledger, 6)).toEqual([
      4, 'YH-0005', '红星化工〔重点关注〕', '危化品', '一般', '安全出口堵塞', null, null, '李强', day('2026-10-20'), day('2026-10-20'), '待整改（逾期74天）', 0, null, '王建国', day('2026-10-08'), null, null, '部门检查',
    ]);
    expect(rowOf(ledger, 7)?.[13]).toBe('挂牌督办');
    expect(rowOf(ledger, 9)).toEqual([
      7, 'YH-0008', '城南建筑工地〔失信〕', '建筑施工', '重大', '基坑支护变形', null, null, '吴工', day('2026-11-20'), day('2026-11-20'), '待整改（逾期43天）', 0, '挂牌督办（刘县长）', '孙建设', day('2026-10-08'), null, null, '部门检查',
    ]);
    expect(ledger.getCell('J3').numFmt).toBe('yyyy-mm-dd');
    expect(ledger.getCell('M3').numFmt).toBe('0%');
  });

  it('has the assessment sheet with the hand-computed scores', async () => {
    const { book } = await exported(G.leaders, '刘县长', '导出台账 2026年第四季度');
    const s = sheet(book, '考核');
    expect(s.getCell('A1').value).toBe('考核情况（2026年第四季度，截至2026-12-31）');
    expect(rowOf(s, 2)).toEqual(['排名', '名称', '类型', '得分', '一票否决', '发现', '销号', '整改率', '按期完成', '应按期数', '按期率', '平均整改天数', '当前逾期', '反弹', '自查自改', '自查自改率', '信用']);
    // units and departments are ranked apart, each under its own heading
    expect(s.getCell('A3').value).toBe('责任单位排名');
    expect(rowOf(s, 4)).toEqual([1, '蓝天物流', '责任单位', 82.5, null, 2, 2, 1, 2, 2, 1, 30, 0, 1, 0, 0]);
    expect(rowOf(s, 5)).toEqual([2, '红星化工', '责任单位', 65, null, 4, 3, 0.75, 2, 4, 0.5, 15, 1, 0, 0, 0, '重点关注']);
    expect(rowOf(s, 6)).toEqual([3, '城南建筑工地', '责任单位', 10, '是', 1, 0, 0, 0, 1, 0, null, 1, 0, 0, 0, '严重失信']);
    expect(s.getCell('A7').value).toBe('监管部门排名');
    expect(rowOf(s, 8)).toEqual([1, '应急管理局', '监管部门', 60.7, null, 6, 5, 5 / 6, 4, 6, 4 / 6, 21, 1, 1, 0, 0]);
    expect(rowOf(s, 9)).toEqual([2, '住建局', '监管部门', 10, '是', 1, 0, 0, 0, 1, 0, null, 1, 0, 0, 0]);
    expect(s.getCell('A10').value).toBe('计分：整改率×50＋按期率×35＋时效×15＋自查自改率×10－当前逾期每项5分－反弹每项10分；重大隐患逾期超过30天一票否决。');
    expect(s.getCell('H5').numFmt).toBe('0.0%');
  });

  it('has the quarterly statistics table a unit files, with its two header rows', async () => {
    const { book } = await exported(G.leaders, '刘县长', '导出台账 2026年第四季度');
    const s = sheet(book, '季度统计');
    expect(s.getCell('A1').value).toBe('2026年第四季度生产安全事故隐患排查治理情况统计表');
    expect(s.getCell('A2').value).toBe('统计期：2026-10-01至2026-12-31　截至：2026-12-31　报送时限：2027-01-15前');
    expect(rowOf(s, 3)).toEqual(['序号', '单位', ...Array(3).fill('一般隐患'), ...Array(3).fill('重大隐患'), ...Array(6).fill('重大隐患治理方案落实（项）'), '挂牌督办', '逾期未改']);
    expect(rowOf(s, 4)).toEqual(['序号', '单位', '排查数', '已整改', '整改率', '排查数', '已整改销号', '整改率', '目标任务', '方法措施', '资金物资', '机构人员', '时限要求', '安全措施和应急预案', '挂牌督办', '逾期未改']);
    expect(s.getCell('A4').isMerged && s.getCell('C3').isMerged && s.getCell('N3').isMerged).toBe(true);
    expect(rowOf(s, 5)).toEqual([1, '城南建筑工地', 0, 0, null, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(rowOf(s, 6)).toEqual([2, '红星化工', 4, 3, 0.75, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(rowOf(s, 7)).toEqual([3, '蓝天物流', 2, 2, 1, 0, 0, null, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(rowOf(s, 8)).toEqual([null, '合计', 6, 5, 5 / 6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2]);
    // 政府投资项目与企业对照 under it: no government project in this roster, the three enterprises hold every hazard
    expect(rowOf(s, 10)).toEqual(['政府投资项目与企业对照（同一统计期、同一规则）', ...Array(15).fill('政府投资项目与企业对照（同一统计期、同一规则）')]);
    expect(rowOf(s, 12)).toEqual([null, '政府投资项目', 0, 0, 0, null, 0, 0, null, 0]);
    expect(rowOf(s, 13).slice(0, 6)).toEqual([null, '企业', 3, 7, 5, 5 / 7]);
    expect(s.rowCount).toBe(14);
  });

  it('filters by unit, level and status', async () => {
    const overdue = await exported(G.leaders, '刘县长', '导出台账 2026年第四季度 红星化工 逾期');
    expect(overdue.reply).toContain('共 1 项（2026年第四季度、红星化工、逾期）');
    expect(rowOf(sheet(overdue.book, '隐患台账'), 3)[1]).toBe('YH-0005');
    const major = await exported(G.leaders, '刘县长', '导出台账 重大');
    expect(major.reply).toContain('共 1 项（重大隐患）');
    // a department means the units it supervises; YH-0001 (September) is in when no period is given
    const safety = await exported(G.leaders, '刘县长', '导出台账 应急管理局 已销号');
    expect(sheet(safety.book, '隐患台账').getColumn(2).values.slice(3)).toEqual(['YH-0002', 'YH-0003', 'YH-0004', 'YH-0006', 'YH-0007']);
    // no period: the quarter being filed (its table is due on the 15th), the year's assessment
    expect(safety.reply).toContain('季度统计（2026年第四季度，未指定期间，上季度统计表正在报送期内；1月15日前报送）');
    expect(sheet(safety.book, '考核').getCell('A1').value).toBe('考核情况（2027年，截至2027-01-02）');
  });

  it('never goes beyond what the asker may see', async () => {
    const housing = await exported(G.housing, '孙建设', '导出台账');
    expect(sheet(housing.book, '隐患台账').getColumn(2).values.slice(3)).toEqual(['YH-0008']);
    expect(rowOf(sheet(housing.book, '考核'), 4)[1]).toBe('城南建筑工地');
    expect(texts(await chat.send(G.housing, '孙建设', '导出台账 红星化工'))).toEqual(['只能导出本单位或所监管单位的台账。']);
    const own = await exported(G.redStar, '李强', '导出台账 2026年第四季度');
    expect(own.reply).toContain('共 4 项');
    expect(rowOf(sheet(own.book, '季度统计'), 5)[1]).toBe('红星化工');
    // a unit contact's workbook: its own unit in every sheet, and no county rank (2nd of 3 would
    // tell it how the units it may not see did); 排名 is for departments, leaders and admins
    const assessment = sheet(own.book, '考核');
    expect(assessment.getColumn(2).values.slice(4, 5)).toEqual(['红星化工']);
    expect(rowOf(assessment, 4)).toEqual([null, '红星化工', '责任单位', 65, null, 4, 3, 0.75, 2, 4, 0.5, 15, 1, 0, 0, 0, '重点关注']);
    expect(assessment.getCell('A6').value).toBe('本表只列本单位；全县排名不在单位联系人导出的台账中显示。');
    expect(assessment.rowCount).toBe(6);
    const stats = sheet(own.book, '季度统计');
    expect([rowOf(stats, 5)[1], rowOf(stats, 6)[1], stats.rowCount]).toEqual(['红星化工', '合计', 6]);
    expect(sheet(own.book, '隐患台账').getColumn(3).values.slice(3).every((v) => String(v).startsWith('红星化工'))).toBe(true);
    // a department keeps the ranks (it may run 排名)
    expect(rowOf(sheet(housing.book, '考核'), 4)[0]).toEqual(expect.any(Number));
    expect(texts(await chat.send(G.leaders, '刘县长', '导出台账 火星'))).toEqual([expect.stringContaining('没看懂筛选条件「火星」')]);
  });

  it('runs from the shell: npm run export -- [filters] --out FILE', async () => {
    const out = join(chat.dir, 'cli', '红星化工.xlsx');
    const lines: string[] = [];
    const env = { HZ_DB: join(chat.dir, 'test.db'), HZ_DATA_DIR: join(chat.dir, 'data'), ...(chat.databaseUrl ? { HZ_DATABASE_URL: chat.databaseUrl } : {}) };
    const code = await exportCli(['2026年第四季度', '红星化工', '--out', out], env, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(code).toBe(0);
    const stdout = `${lines.join('\n')}\n`;
    expect(stdout).toContain('已导出 4 项（2026年第四季度、红星化工）');
    expect(stdout.trim().split('\n').at(-1)).toBe(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(sheet(book, '隐患台账').getColumn(2).values.slice(3)).toEqual(['YH-0002', 'YH-0003', 'YH-0004', 'YH-0005']);

    // without --out: under the data folder's exports, named by its time
    const again: string[] = [];
    expect(await exportCli(['2026年第四季度'], env, { log: (l) => again.push(l), error: (l) => again.push(l) })).toBe(0);
    const path = again.at(-1) ?? '';
    expect(path).toMatch(new RegExp(`^${join(chat.dir, 'data', 'exports')}/台账-\\d{8}-\\d{6}(-\\d+)?\\.xlsx$`));
    expect(existsSync(path)).toBe(true);
  });
});
