import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../src/features/import-roster.ts';
import { parseRoster, readRoster, RosterError } from '../../src/features/roster-file.ts';
import { createChat, sentWorkbook, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';

// 政府类工程一视同仁: a government investment project keeps the same rules, and the 通报 and the
// Excel statistics sheet show its figures beside the enterprises'. The December below, by hand:
//   县二中新校区项目 (government): P1 due 12-05 closed 12-04 (on time), P2 due 12-10 closed 12-12
//     (late), P3 due 12-31 open (not yet due) → found 3, closed 2, due 2, on time 1 (50%), overdue 0
//   enterprises 红星化工, 蓝天物流, 城南建筑工地: E1 due 12-05 closed 12-04 (on time), E2 due 12-10
//     open (overdue), E3 due 12-08 closed 12-06 (on time) → found 3, closed 2, due 3, on time 2
//     (66.7%), overdue 1
// 实验小学 (other) and the towns and departments are on neither side.

const ROSTER = join(import.meta.dirname, 'government.yaml');
const SCHOOL_SITE = '二中项目安全群';

let chat: Chat;
beforeAll(async () => {
  chat = await createChat({ roster: ROSTER, jobs: [], at: '2026-12-01 09:00' });
  const reg = (text: string, by: 'safety' | 'housing') =>
    registerHazard(chat, text, by === 'safety' ? {} : { group: G.housing, sender: '孙建设' });
  const p1 = await reg('县二中新校区项目 脚手架连墙件缺失 责任人 马工 12月5日前', 'housing');
  const p2 = await reg('县二中新校区项目 临时用电未接地 责任人 马工 12月10日前', 'housing');
  await reg('县二中新校区项目 基坑临边无防护 责任人 马工 12月31日前', 'housing');
  const e1 = await reg('红星化工 配电室电缆沟积水 责任人 张伟 12月5日前', 'safety');
  await reg('蓝天物流 仓库消防通道堵塞 责任人 钱经理 12月10日前', 'safety');
  const e3 = await reg('城南建筑工地 塔吊限位失灵 责任人 吴工 12月8日前', 'housing');
  const close = async (code: string, group: string, owner: string, reviewerGroup: string, reviewer: string) => {
    await chat.send(group, owner, `${code} 整改完成`);
    await chat.send(reviewerGroup, reviewer, `${code} 验收通过`);
  };
  await chat.setClock('2026-12-04 10:00');
  await close(p1, SCHOOL_SITE, '马工', G.housing, '孙建设');
  await close(e1, G.redStar, '张伟', G.safety, '王建国');
  await chat.setClock('2026-12-06 10:00');
  await close(e3, G.site, '吴工', G.housing, '孙建设');
  await chat.send(G.safety, '王建国', '罚款 蓝天物流 5000元 文号：应急罚〔2026〕20号 消防通道堵塞逾期未改');
  await chat.setClock('2026-12-12 10:00');
  await close(p2, SCHOOL_SITE, '马工', G.housing, '孙建设');
  await chat.setClock('2027-01-02 10:00');
});
afterAll(async () => {
  await chat.close();
});

describe('a government investment project', () => {
  it('is marked in the roster with its owning department, and the roster check says what is missing', () => {
    const base = 'units:\n  - { name: 教体局, kind: department }\n';
    expect(parseRoster(`${base}  - { name: 二中项目, government: true, project_owner: 教体局 }\n`).units[1]).toMatchObject({ government: true, project_owner: '教体局' });
    expect(parseRoster(`${base}  - { name: 二中项目, government: 政府类工程, project_owner: 教体局 }\n`).units[1]?.government).toBe(true);
    const problems = (text: string) => {
      try {
        parseRoster(text, 'roster.yaml');
        return [];
      } catch (error) {
        return (error as RosterError).problems;
      }
    };
    expect(problems(`${base}  - { name: 二中项目, government: true }\n`)).toEqual([
      '第3行 units[1].government：政府投资项目「二中项目」须写明业主单位或主管部门，例：project_owner: 教体局',
    ]);
    expect(problems(`${base}  - { name: 二中项目, project_owner: 教体局 }\n`)).toEqual([
      '第3行 units[1].project_owner：project_owner 只用于政府投资项目：「二中项目」是政府投资项目请同时写 government: true，不是请删去 project_owner',
    ]);
    expect(problems(`${base}  - { name: 二中项目, government: true, project_owner: 教育局 }\n`)).toEqual(['第3行 units[1].project_owner：业主单位「教育局」不在 units 中']);
    // npm run roster -- check says what it read
    const root = join(import.meta.dirname, '..', '..');
    expect(execFileSync(process.execPath, ['--import', 'tsx', 'src/app/roster-cli.ts', 'check', ROSTER], { cwd: root, encoding: 'utf8' }).trim())
      .toBe('名册无误：10 个单位、14 人、9 个群、5 行领导分工、政府投资项目 1 个。');
  });

  it('keeps the same lifecycle: overdue, reminded and assessed like an enterprise', async () => {
    const projects = await chat.read((s) => s.roster.governmentProjects());
    const school = await chat.read((s) => s.roster.unitByName('县二中新校区项目'));
    const owner = await chat.read((s) => s.roster.unitByName('教体局'));
    expect([...projects]).toEqual([[school?.id, owner?.id]]);
    // importing the same roster again changes nothing
    expect((await chat.read((s) => importRoster(s, readRoster(ROSTER), chat.now))).changed).toBe(0);
    const ranking = (await chat.send(G.leaders, '刘县长', '排名 2026年12月 单位'))[0]?.text ?? '';
    expect(ranking).toContain('县二中新校区项目');
  });

  it('is counted apart from the enterprises in the 通报, figures as checked by hand', async () => {
    const text = (await chat.send(G.leaders, '刘县长', '上月通报'))[0]?.text ?? '';
    expect(text).toContain([
      '六、执法情况',
      '本期记录执法决定 1 项：罚款 1 项共 5000元；涉及 蓝天物流。',
      '七、政府投资项目与企业对照',
      '政府投资项目 1 个：登记隐患 3 项，销号 2 项，按期整改率 50%（1/2），当前逾期 0 项。',
      '企业 3 家：登记隐患 3 项，销号 2 项，按期整改率 66.7%（2/3），当前逾期 1 项。',
      '（政府投资项目：县二中新校区项目；与企业同一规则、同一时限。）',
      '八、工作要求',
    ].join('\n'));
  });

  it('is counted apart from the enterprises in the Excel statistics sheet, figures as checked by hand', async () => {
    const out = await chat.send(G.leaders, '刘县长', '导出台账 2026年第四季度');
    const book = await sentWorkbook(out[0]);
    const sheet = book.getWorksheet('季度统计');
    if (!sheet) throw new Error('no statistics sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(Array.from(row.values as unknown[]).slice(1).map((v) => v ?? null)));
    const at = rows.findIndex((r) => r[0] === '政府投资项目与企业对照（同一统计期、同一规则）');
    expect(at).toBeGreaterThan(0);
    expect(rows.slice(at + 1, at + 4)).toEqual([
      [null, '类别', '单位数', '排查数', '已整改销号', '整改率', '应按期数', '按期完成', '按期率', '逾期未改'],
      [null, '政府投资项目', 1, 3, 2, 2 / 3, 2, 1, 0.5, 0],
      [null, '企业', 3, 3, 2, 2 / 3, 3, 2, 2 / 3, 1],
    ]);
    expect(rows[at + 4]?.[0]).toBe('政府投资项目：县二中新校区项目。按期率＝按原定时限销号数÷已到原定时限或已销号数。');
  });
});
