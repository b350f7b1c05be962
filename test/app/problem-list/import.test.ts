import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCli } from '../../../src/app/import-cli.ts';
import { createChat, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';
import { cleanList, gappyList, inspectionList, PASTED_LIST } from '../../fixtures/problem-lists/build.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const sendFile = async (name: string, data: Buffer, sender = '王建国', text = '') =>
  chat.send(G.safety, sender, text, { attachments: [{ name, mime: XLSX, data }] });
const replyOf = (out: Awaited<ReturnType<Chat['send']>>) => out.filter((d) => d.group?.name === G.safety).map((d) => d.text).join('\n');
const hazards = () => chat.read((s) => s.hazards.all());

describe('importing a problem list from Excel (#15 item 2)', () => {
  it('previews a clean sheet, creates nothing, and records every row on 确认导入', async () => {
    const preview = replyOf(await sendFile('安全检查问题清单.xlsx', await cleanList()));
    expect(preview).toBe([
      '【问题清单预览】安全检查问题清单',
      '来源：部门检查｜文件：安全检查问题清单.xlsx',
      '共 3 项：可直接导入 3 项，待明确 0 项。',
      '回复「确认导入」导入全部 3 项。',
      '回复「取消导入」放弃，什么都不会登记。',
    ].join('\n'));
    expect(await hazards()).toHaveLength(0);

    const done = replyOf(await chat.send(G.safety, '王建国', '确认导入'));
    expect(done).toContain('已导入问题清单 QD-0001「安全检查问题清单」：登记隐患 3 项（YH-0001～YH-0003）。');
    const created = await hazards();
    expect(created.map((h) => [h.code, h.unitName, h.description, h.category, h.level, h.measures, h.ownerName, h.deadline, h.source, h.reporterName])).toEqual([
      ['YH-0001', '红星化工', '储罐区呼吸阀损坏', '危化品', 'major', '更换呼吸阀并检测', '张伟', '2026-12-15', 'department_check', '王建国'],
      ['YH-0002', '蓝天物流', '叉车司机无证驾驶', '道路交通', 'general', '停止无证人员作业，组织培训取证', '钱经理', '2026-12-20', 'department_check', '王建国'],
      ['YH-0003', '实验小学', '宿舍楼消防通道堆放杂物', '消防', 'general', '清理杂物，设置禁止堆放标识', '李四', '2026-12-10', 'department_check', '王建国'],
    ]);
    const events = await chat.read((s) => s.hazards.events(created[0]!.id));
    expect(events[0]?.text).toBe('导入问题清单 QD-0001 第1项（Sheet1 第2行）');
    // a second 确认导入 has nothing left to import
    expect(replyOf(await chat.send(G.safety, '王建国', '确认导入'))).toContain('没有等待确认的问题清单');
  });

  it('reads an inspection team list: merged titles, header on row 3, two sheets, the team and the day', async () => {
    const preview = replyOf(await sendFile('督查反馈.xlsx', await inspectionList()));
    expect(preview).toBe([
      '【问题清单预览】省安委会第三督查组安全生产督查问题清单',
      '来源：督查反馈（省安委会第三督查组，11月28日）｜文件：督查反馈.xlsx（工作表：问题清单、园区问题）',
      '工作表「填表说明」没有找到表头（序号、单位、存在问题……），未读取。',
      '共 5 项：可直接导入 5 项，待明确 0 项。',
      '回复「确认导入」导入全部 5 项。',
      '回复「取消导入」放弃，什么都不会登记。',
    ].join('\n'));
    await chat.send(G.safety, '王建国', '确认导入');
    const created = await hazards();
    expect(created.map((h) => [h.unitName, h.description, h.ownerName, h.deadline, h.level, h.source, h.sourceBody, h.sourceDate])).toEqual([
      ['红星化工', '储罐区可燃气体报警器未定期检定', '张伟', '2026-12-15', 'general', 'inspection', '省安委会第三督查组', '2026-11-28'],
      ['红星化工', '动火作业票证审批不规范', '李强', '2026-12-20', 'general', 'inspection', '省安委会第三督查组', '2026-11-28'],
      ['城南建筑工地', '塔吊限位器失效', '吴工', '2026-12-12', 'major', 'inspection', '省安委会第三督查组', '2026-11-28'],
      ['蓝天物流', '危险货物车辆停放区未设置隔离设施', '钱经理', '2026-12-18', 'general', 'inspection', '省安委会第三督查组', '2026-11-28'],
      ['蓝天物流', '应急物资储备不足', '钱经理', '2026-12-18', 'general', 'inspection', '省安委会第三督查组', '2026-11-28'],
    ]);
  });

  it('names the rows that lack a field and the unknown unit with the closest roster name; imports only once the unit is settled', async () => {
    const preview = replyOf(await sendFile('消防检查.xlsx', await gappyList()));
    expect(preview).toBe([
      '【问题清单预览】消防安全专项检查问题清单',
      '来源：专项整治（消防安全专项检查）｜文件：消防检查.xlsx',
      '共 6 项：可直接导入 1 项，待明确 4 项，单位未识别 1 项。',
      '待明确（导入后请监管部门补全，不会替你猜）：',
      '· 第2项 蓝天物流 仓库灭火器过期（问题清单 第4行）：缺责任人',
      '· 第3项 实验小学 校园消防栓无水（问题清单 第5行）：时限「立即整改」不是具体日期',
      '· 第4项 城南建筑工地 临时用电私拉乱接（问题清单 第6行）：责任人「赵六」不在名册',
      '· 第6项 实验小学 宿舍楼疏散指示标志损坏（问题清单 第8行）：缺责任人、缺整改时限',
      '单位未识别：',
      '· 「红兴化工」第5项（问题清单 第7行）——名册中相近：红星化工',
      '单位写法不同，请回复「确认导入 红兴化工=红星化工」；名册里没有的单位，请管理员先加入名册再导入。',
      '回复「取消导入」放弃，什么都不会登记。',
    ].join('\n'));
    expect(replyOf(await chat.send(G.safety, '王建国', '确认导入'))).toBe(
      '还有 1 个单位未识别，清单没有导入：「红兴化工」（相近：红星化工）。\n请回复「确认导入 写法=名册中的单位名」，例：确认导入 红兴化工=红星化工；名册里没有的单位，请管理员先加入名册再导入。',
    );
    expect(await hazards()).toHaveLength(0);
    expect(replyOf(await chat.send(G.safety, '王建国', '确认导入 红兴化工=红兴化学'))).toContain('名册中没有单位「红兴化学」');
    const done = replyOf(await chat.send(G.safety, '王建国', '确认导入 红兴化工=红星化工'));
    expect(done).toContain('已导入问题清单 QD-0001「消防安全专项检查问题清单」：登记隐患 2 项（YH-0001～YH-0002），待明确 4 项已请监管部门补全。');
    expect((await hazards()).map((h) => [h.unitName, h.description, h.source])).toEqual([
      ['红星化工', '中控室应急照明不亮', 'campaign'],
      ['红星化工', '安全出口上锁', 'campaign'],
    ]);
    const campaigns = await chat.read((s) => s.problemLists.campaigns());
    expect(campaigns.map((c) => c.name)).toEqual(['消防安全专项检查']);
    expect((await hazards()).every((h) => h.campaignId === campaigns[0]?.id)).toBe(true);
  });

  it('drops a preview on 取消导入', async () => {
    await sendFile('清单.xlsx', await cleanList());
    expect(replyOf(await chat.send(G.safety, '王建国', '取消导入'))).toBe('已取消导入「清单」，什么都没有登记。');
    expect(replyOf(await chat.send(G.safety, '王建国', '确认导入'))).toContain('没有等待确认的问题清单');
    expect(await hazards()).toHaveLength(0);
  });

  it('is not for unit contacts: their Excel file is no import, and 导入清单 is refused', async () => {
    const out = await chat.send(G.redStar, '张伟', '', { attachments: [{ name: '清单.xlsx', mime: XLSX, data: await cleanList() }] });
    expect(out.map((d) => d.text).join('\n')).not.toContain('问题清单预览');
    const refused = await chat.send(G.redStar, '张伟', PASTED_LIST);
    expect(refused[0]?.text).toContain('导入清单');
    expect(refused[0]?.text).not.toContain('问题清单预览');
  });

  it('answers a workbook that holds no list, when sent with 导入清单', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('通讯录').addRow(['姓名', '电话']);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const reply = replyOf(await sendFile('通讯录.xlsx', data, '王建国', '导入清单'));
    expect(reply).toContain('「通讯录.xlsx」里没有找到问题清单的表头');
  });
});

describe('importing a pasted numbered list', () => {
  it('previews and imports, the item without owner and deadline left 待明确', async () => {
    const preview = replyOf(await chat.send(G.safety, '王建国', PASTED_LIST));
    expect(preview).toBe([
      '【问题清单预览】市安委会督查组11月30日督查反馈',
      '来源：督查反馈（市安委会督查组，11月30日）｜粘贴的清单',
      '共 3 项：可直接导入 2 项，待明确 1 项。',
      '待明确（导入后请监管部门补全，不会替你猜）：',
      '· 第3项 实验小学 食堂燃气报警器故障（第3项）：缺责任人、缺整改时限',
      '回复「确认导入」导入全部 3 项（待明确的发给监管部门补全）。',
      '回复「取消导入」放弃，什么都不会登记。',
    ].join('\n'));
    await chat.send(G.safety, '王建国', '确认导入');
    expect((await hazards()).map((h) => [h.unitName, h.description, h.ownerName, h.deadline])).toEqual([
      ['红星化工', '储罐区防火堤有裂缝', '张伟', '2026-12-20'],
      ['蓝天物流', '驾驶员未进行岗前安全培训', '钱经理', '2026-12-25'],
    ]);
  });
});

describe('npm run import -- FILE', () => {
  it('prints the preview, and with --confirm imports and queues the announcements', async () => {
    const file = join(chat.dir, '消防检查.xlsx');
    writeFileSync(file, await gappyList());
    const env = { HZ_DB: join(chat.dir, 'test.db'), HZ_DATA_DIR: join(chat.dir, 'data'), ...(chat.databaseUrl ? { HZ_DATABASE_URL: chat.databaseUrl } : {}) };
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    expect(await importCli([file, '--as', '王建国'], env, out, chat.now)).toBe(0);
    expect(lines.join('\n')).toContain('共 6 项：可直接导入 1 项，待明确 4 项，单位未识别 1 项。');
    expect(await hazards()).toHaveLength(0);
    lines.length = 0;
    expect(await importCli([file, '--as', '王建国', '--confirm', '红兴化工=红星化工'], env, out, chat.now)).toBe(0);
    expect(lines.join('\n')).toContain('已导入问题清单 QD-0001「消防安全专项检查问题清单」：登记隐患 2 项（YH-0001～YH-0002）');
    expect((await hazards()).map((h) => [h.code, h.reporterName])).toEqual([['YH-0001', '王建国'], ['YH-0002', '王建国']]);
    await expect(importCli([file, '--as', '张伟'], env, out, chat.now)).rejects.toThrow('名册中没有管理员或监管部门人员「张伟」');
  });

  it('says in the preview what a sheet over 2,000 rows or 40 columns had cut off, instead of dropping it silently (#15 leftover)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('全县排查');
    // 序号 … 整改时限, then 34 columns of weekly checks and two notes past column 40
    sheet.addRow(['序号', '单位', '存在问题', '责任人', '整改时限', ...Array.from({ length: 35 }, (_, i) => `第${i + 1}周`), '备注', '复查意见']);
    for (let i = 1; i <= 2_009; i++) sheet.addRow([i, '红星化工', `第${i}处灭火器过期`, '张伟', '2026年12月20日', ...Array(35).fill(null), i === 7 ? '已约谈' : null, i === 9 ? '未整改' : null]);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const preview = replyOf(await sendFile('全县排查.xlsx', data));
    expect(preview.split('\n').slice(0, 4)).toEqual([
      '【问题清单预览】全县排查',
      '来源：部门检查｜文件：全县排查.xlsx',
      '注意：工作表「全县排查」超过 2000 行，第 2000 行以后还有 10 行有内容，没有读取；超过 40 列，第 40 列以后还有 2 列有内容，没有读取。请把清单拆成几个文件分别导入（或删去多余的列）后再发。',
      '共 1999 项：可直接导入 1999 项，待明确 0 项。',
    ]);
    // a sheet within the limits says nothing of the kind
    expect(replyOf(await sendFile('安全检查问题清单.xlsx', await cleanList()))).not.toContain('没有读取');
  });
});
