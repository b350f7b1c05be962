import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createChat, sentWorkbook, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';
import { q4Scenario } from '../helpers/q4-scenario.ts';
import { runJob } from '../jobs/helpers.ts';
import { sendDailyDigest } from '../../src/jobs/send-daily-digest.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';

/** Reports that said something untrue (issue #11, item 5): each test failed on the main of 2026-12-02. */
let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

const reply = async (group: string, sender: string, text: string) => (await chat.send(group, sender, text))[0]?.text ?? '';

async function workbook(group: string, sender: string, text: string): Promise<{ reply: string; book: ExcelJS.Workbook }> {
  const out = await chat.send(group, sender, text);
  const book = await sentWorkbook(out[0]);
  return { reply: out[0]?.text ?? '', book };
}

describe('a period report counts the period only', () => {
  it('上月通报 on 12月2日 leaves out a 督办 listed on 12月2日 and does not contradict itself', async () => {
    chat = await createChat({ jobs: [], at: '2026-11-02 09:00' });
    const november = await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 11月10日前');
    await chat.send(G.redStar, '张伟', `${november} 整改完成`);
    await chat.send(G.safety, '王建国', `${november} 验收通过`);
    await chat.setClock('2026-12-02 09:00');
    const december = await registerHazard(chat, '城南建筑工地 基坑支护变形 重大隐患 责任人 吴工 12月20日前', { group: G.housing, sender: '孙建设' });
    await chat.send(G.leaders, '刘县长', `${december} 挂牌督办 督办领导：刘县长`);

    const text = await reply(G.leaders, '刘县长', '上月通报');
    expect(text).toMatch(/^【通报】2026年11月/);
    expect(text).not.toContain(december);
    expect(text).toContain('本期新挂牌督办 0 项，督办事项验收销号 0 项；在办督办事项 0 项。');
    expect(text).toContain('重大隐患已全部清零');
  });

  it('a briefing counts days overdue to the end of the period, not to today', async () => {
    chat = await q4Scenario();
    const text = await reply(G.leaders, '刘县长', '月度通报 2026年11月');
    // YH-0008 was due 11-20: on 11-30 it was 10 days overdue (the clock says 2027-01-02)
    expect(text).toContain('时限 2026年11月20日（已逾期10天）');
    expect(text).not.toContain('已逾期43天');
  });
});

describe('praise needs a threshold', () => {
  it('本季度通报 never calls a unit with nothing rectified 表现较好', async () => {
    chat = await createChat({ jobs: [], at: '2026-10-08 09:00' });
    await registerHazard(chat, '红星化工 灭火器过期 责任人 张伟 12月30日前');
    await registerHazard(chat, '蓝天物流 货架超高堆放 责任人 钱经理 12月30日前');
    await chat.setClock('2026-11-02 09:00');
    const text = await reply(G.leaders, '刘县长', '本季度通报');
    expect(text).not.toMatch(/表现较好：[^无]/);
    expect(text).toContain('表现较好：无（整改率达到80%且无逾期、未被否决的单位方可列入）；');
  });
});

describe('the digest states things as of the digest', () => {
  it('does not say 提交验收 on a day the submission was rejected', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    const code = await registerHazard(chat, '城南建筑工地 基坑支护变形 责任人 吴工 12月20日前', { group: G.housing, sender: '孙建设' });
    await chat.setClock('2026-12-02 10:00');
    await chat.send(G.site, '吴工', `${code} 整改完成 请验收`);
    await chat.setClock('2026-12-02 15:00');
    await chat.send(G.housing, '孙建设', `${code} 驳回 支护桩间距不符`);
    await chat.setClock('2026-12-02 17:30');
    const messages = await runJob(chat, sendDailyDigest({ cron: '30 17 * * *', calendar: officialCalendar() }));
    const department = messages.find((m) => m.to === G.housing)?.text ?? '';
    expect(department).not.toContain(`${code} 城南建筑工地 提交验收`);
    expect(department).toContain(`${code} 城南建筑工地 验收驳回（孙建设）`);
    // the leaders' digest names the day's rejections, and the item is not waiting for acceptance
    const county = messages.find((m) => m.to === G.leaders)?.text ?? '';
    expect(county).toContain(`今日驳回 1 项：${code} 城南建筑工地（孙建设：支护桩间距不符）`);
    expect(county).toContain('待部门验收：无');
  });
});

describe('the 考核 sheet ranks units and departments separately', () => {
  it('a department with hazards of its own is ranked among departments only, each kind ranked from 1', async () => {
    chat = await createChat({ jobs: [], at: '2026-11-02 09:00' });
    const own = await registerHazard(chat, '应急管理局 办公楼灭火器过期 责任人 王建国 11月20日前');
    const red = await registerHazard(chat, '红星化工 配电箱未接地 责任人 张伟 11月20日前');
    await registerHazard(chat, '蓝天物流 货架超高堆放 责任人 钱经理 11月20日前');
    await registerHazard(chat, '城南建筑工地 基坑支护变形 责任人 吴工 12月20日前', { group: G.housing, sender: '孙建设' });
    for (const [group, sender, code] of [[G.safety, '王建国', own], [G.redStar, '张伟', red]] as const) {
      await chat.send(group, sender, `${code} 整改完成`);
      await chat.send(G.safety, '王建国', `${code} 验收通过`);
    }
    await chat.setClock('2026-11-25 09:00');
    const { book } = await workbook(G.leaders, '刘县长', '导出台账 2026年第四季度');
    const sheet = book.getWorksheet('考核');
    if (!sheet) throw new Error('no 考核 sheet');
    const rows: Array<[unknown, unknown, unknown]> = [];
    sheet.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]));
    const units = rows.filter((r) => r[2] === '责任单位');
    const departments = rows.filter((r) => r[2] === '监管部门');
    expect(units.map((r) => r[1])).not.toContain('应急管理局');
    expect(units.map((r) => r[0])).toEqual([1, 2, 3]);
    expect(departments.map((r) => r[0])).toEqual([1, 2]);
    expect(rows.map((r) => r[0])).toContain('责任单位排名');
    expect(rows.map((r) => r[0])).toContain('监管部门排名');
  });
});

describe('an export without a period', () => {
  it('files the current quarter to date once the last quarter’s deadline has passed, and says so', async () => {
    chat = await q4Scenario();
    await chat.setClock('2027-02-20 10:00');
    const { reply: text, book } = await workbook(G.leaders, '刘县长', '导出台账');
    expect(text).toContain('季度统计（2027年第一季度至2月20日，未指定期间，按本季度至今统计；4月15日前报送）');
    expect(book.getWorksheet('季度统计')?.getCell('A1').value).toBe('2027年第一季度生产安全事故隐患排查治理情况统计表');
  });

  it('files the quarter just ended while its deadline is still ahead, and says why', async () => {
    chat = await q4Scenario();
    const { reply: text } = await workbook(G.leaders, '刘县长', '导出台账');
    expect(text).toContain('季度统计（2026年第四季度，未指定期间，上季度统计表正在报送期内；1月15日前报送）');
  });
});
