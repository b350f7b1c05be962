import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardServer } from '../../src/dashboard/dashboard-server.ts';
import { createChat, sentWorkbook, type Chat } from '../helpers/chat.ts';
import { dashboardLink, startChatDashboard } from '../helpers/dashboard.ts';
import { valveJpeg } from '../helpers/evidence.ts';
import { G, registerHazard } from '../helpers/hazards.ts';

// A unit under 停产整顿 shows it wherever it appears, from its first day until the lift.

let chat: Chat;
let server: DashboardServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await chat.close();
});

const SUSPENDED = '红星化工〔停产整顿〕';

async function suspendedStory(): Promise<string> {
  chat = await createChat({ at: '2026-12-01 09:00' });
  const code = await registerHazard(chat, '红星化工 储罐区可燃气体报警器失效 责任人@张伟 12月3日前');
  await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月3日前');
  await chat.send(G.safety, '王建国', `停产整顿 红星化工 ${code} 自12月2日起 文号：应急停〔2026〕1号`);
  return code;
}

describe('a unit under 停产整顿', () => {
  it('is not flagged before its first day, then is in the queries, the digests and 今日汇总', async () => {
    const code = await suspendedStory();
    expect((await chat.send(G.leaders, '刘县长', `查询 ${code}`))[0]?.text).toContain('单位：红星化工\n');
    const firstDigest = chat.channel.sent.filter((d) => d.text.startsWith('【每日安全汇总】12月1日'));
    await chat.setClock('2026-12-01 18:00');
    expect(chat.channel.sent.filter((d) => d.text.startsWith('【每日安全汇总】12月1日')).map((d) => d.text).join('\n')).not.toContain('停产整顿');
    expect(firstDigest).toEqual([]);

    await chat.setClock('2026-12-02 09:30');
    expect((await chat.send(G.leaders, '刘县长', `查询 ${code}`))[0]?.text).toContain(`单位：${SUSPENDED}\n`);
    expect((await chat.send(G.leaders, '刘县长', '红星化工'))[0]?.text).toMatch(/^红星化工〔停产整顿〕·未销号隐患（共 1 项）\n1\. YH-0001 红星化工〔停产整顿〕：/);
    expect((await chat.send(G.leaders, '刘县长', '今日汇总'))[0]?.text).toContain('\n停产整顿中 1 家：红星化工（自12月2日起，至验收合格解除）');
    // a department that does not supervise it does not hear of it in its own digest
    expect((await chat.send(G.housing, '孙建设', '今日汇总'))[0]?.text).not.toContain('停产整顿');

    await chat.setClock('2026-12-02 17:31');
    const digests = chat.channel.sent.filter((d) => d.text.startsWith('【每日安全汇总】12月2日'));
    expect(digests.map((d) => d.group?.name).sort()).toEqual([G.leaders, G.safety].sort());
    for (const d of digests) expect(d.text).toContain('停产整顿中 1 家：红星化工（自12月2日起，至验收合格解除）');

    // the morning message names it on every line about it: the escalation to the department four days on
    await chat.setClock('2026-12-07 09:01');
    const morning = chat.channel.sent.filter((d) => d.group?.name === G.safety && d.text.startsWith('【今日提醒】12月7日'));
    expect(morning[0]?.text).toContain(`${code} ${SUSPENDED}：储罐区可燃气体报警器失效`);
    expect(morning[0]?.text).toContain('责任链：张伟 → 红星化工〔停产整顿〕 → 应急管理局');
    expect(morning[0]?.text).toContain('蓝天物流：仓库消防通道堵塞');
  });

  it('is flagged in the Excel ledger and on the dashboard, and no longer once lifted', async () => {
    await suspendedStory();
    await chat.setClock('2026-12-02 10:00');
    const out = await chat.send(G.leaders, '刘县长', '导出台账');
    const book = await sentWorkbook(out[0]);
    const ledger = book.getWorksheet('隐患台账');
    expect([ledger?.getCell('C3').value, ledger?.getCell('C4').value]).toEqual([SUSPENDED, '蓝天物流']);

    server = await startChatDashboard(chat);
    const url = await dashboardLink(chat, server, G.leaders, '刘县长');
    const page = await (await fetch(url)).text();
    expect(page).toContain('<h2>停产整顿 · 关闭取缔（1）</h2><ul data-table="enforced"><li><a href="unit/');
    expect(page).toContain('>红星化工</a> 〔停产整顿〕 <span class="muted">自12月2日起，至验收合格解除（ZF-0001）</span>');
    expect(page).toContain(`>${SUSPENDED}</a><br><meter`);
    const unitId = /href="unit\/(\d+)">红星化工<\/a>/.exec(page)?.[1];
    const unitPage = await (await fetch(`${url}unit/${unitId}`)).text();
    expect(unitPage).toContain(`<h1>${SUSPENDED}</h1>`);
    expect(unitPage).toContain('<h2>执法记录（1）</h2><ol class="history" data-table="enforcement"><li>ZF-0001 12月1日 停产整顿（自12月2日起，至验收合格解除） YH-0001｜王建国｜应急停〔2026〕1号</li></ol>');

    await chat.send(G.safety, '王建国', '解除停产 红星化工 验收合格', { attachments: [valveJpeg('验收意见书.jpg')] });
    expect(await (await fetch(url)).text()).not.toContain('停产整顿');
    expect((await chat.send(G.leaders, '刘县长', '红星化工'))[0]?.text).not.toContain('〔停产整顿〕');

    // the 执法记录 sheet: each record a row, the lift naming the suspension it ends (#16 leftover)
    await chat.send(G.safety, '王建国', '罚款 蓝天物流 YH-0002 2万元 文号：应急罚〔2026〕2号');
    const after = await chat.send(G.leaders, '刘县长', '导出台账');
    const again = await sentWorkbook(after[0]);
    expect(again.worksheets.map((w) => w.name)).toEqual(['隐患台账', '考核', '季度统计', '执法记录']);
    const sheet = again.getWorksheet('执法记录');
    const row = (n: number) => Array.from(sheet?.getRow(n).values as unknown[]).slice(1).map((v) => v ?? null);
    expect(row(1)[0]).toBe('执法记录（共 3 条，不可修改；更正、解除另记一条）');
    expect(row(2)).toEqual(['序号', '编号', '日期', '单位', '决定', '内容', '涉及隐患', '文号', '说明', '记录人', '证据材料（个）', '更正/解除']);
    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    expect(row(3)).toEqual([1, 'ZF-0001', day('2026-12-01'), '红星化工', '停产整顿', '停产整顿：自12月2日起，至验收合格解除', 'YH-0001', '应急停〔2026〕1号', null, '王建国', 0]);
    expect(row(4)).toEqual([2, 'ZF-0002', day('2026-12-02'), '红星化工', '解除停产', null, null, null, '验收合格', '王建国', 1, '解除 ZF-0001']);
    expect(row(5)).toEqual([3, 'ZF-0003', day('2026-12-02'), '蓝天物流', '罚款', '罚款金额：2万元（20000元）', 'YH-0002', '应急罚〔2026〕2号', null, '王建国', 0]);
    // a unit contact's export holds its own unit's records only
    const own = await chat.send(G.blueSky, '钱经理', '导出台账');
    const ownBook = await sentWorkbook(own.find((d) => d.file));
    expect(ownBook.getWorksheet('执法记录')?.getColumn(2).values.slice(3)).toEqual(['ZF-0003']);
  });
});
