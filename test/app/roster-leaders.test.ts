import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RosterError, parseRoster } from '../../src/features/roster-file.ts';
import { createChat, ORG_ROSTER, type Chat } from '../helpers/chat.ts';

// #16 item 1: the roster names the leader in charge (分管领导) and the main leader (主要领导) per
// department and/or sector; `roster check` refuses what would leave the chain wrong or broken.

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hz-roster-leaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD = `units:
  - { name: 应急管理局, kind: department }
  - { name: 住建局, kind: department }
people:
  - { name: 王建国, unit: 应急管理局, role: department }
  - { name: 刘县长, role: leader }
  - { name: 郑书记, role: leader }
  - { name: 李明, unit: 应急管理局, role: leader }
  - { name: 李明, unit: 住建局, role: leader }
leaders:
  - { department: 应急管理局, in_charge: 刘县长, main: 郑书记 }
  - { department: 应急管理局, in_charge: 刘县长 }
  - { sector: 危化, in_charge: 王建国 }
  - { department: 交通局, in_charge: 孙县长 }
  - { sector: 消防, in_charge: 郑书记, main: 刘县长 }
  - { sector: 建筑施工, in_charge: 李明 }
  - { sector: 煤矿, in_charge: 李明（住建局）, main: 李明（住建局） }
  - { sector: 非煤矿山 }
  - { sector: 道路交通, in_charge: 李明（应急管理局） }
`;

function check(text: string): string {
  const file = join(dir, `roster-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', 'src/app/roster-cli.ts', 'check', file], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout: string; stderr: string; status: number };
    expect(e.status).not.toBe(0);
    return (e.stdout + e.stderr).replaceAll(`名册文件 ${file} `, '');
  }
}

describe('roster check: leaders in charge', () => {
  it('refuses unknown people, people who are not leaders, repeated lines and leaders answering to each other, each with its line', () => {
    const out = check(BAD);
    expect(out.trim().split('\n')).toEqual([
      '第11行 leaders[0].main：领导关系成环：刘县长 → 郑书记 → 刘县长（分管领导向主要领导负责，两位领导不能互为上级）',
      '第12行 leaders[1]：「应急管理局」的领导与第11行重复：同一部门、同一行业只写一行',
      '第13行 leaders[2].sector：行业「危化」既不是隐患类别（危化品、固体危险废物、工业园区、煤矿、非煤矿山、消防、道路交通、建筑施工、其他），也没有单位写这个 sector：请检查是否写错',
      '第13行 leaders[2].in_charge：「王建国」在 people 中的角色是「监管部门」，分管领导须是领导：请把此人的 role 改为 领导（leader）',
      '第14行 leaders[3].department：部门「交通局」不在 units 中',
      '第14行 leaders[3].in_charge：「孙县长」不在 people 中：请先在 people 里写上这个人（role: leader），或检查名字是否写错',
      '第16行 leaders[5].in_charge：people 中有 2 个「李明」：请写成「李明（单位）」指明是哪一位',
      '第17行 leaders[6].main：分管领导和主要领导是同一人「李明（住建局）」：只是一位领导时，只写 in_charge',
      '第18行 leaders[7]：每一行至少写分管领导（in_charge）或主要领导（main）之一，例：{ department: 应急管理局, sector: 危化品, in_charge: 刘县长, main: 郑书记 }',
    ]);
  });

  it('accepts the demo county and says how many leader lines it read', () => {
    expect(check(readFileSync(join(ROOT, 'demo', 'roster.yaml'), 'utf8')).trim()).toBe('名册无误：8 个单位、13 人、8 个群、5 行领导分工。');
    expect(() => parseRoster(BAD)).toThrow(RosterError);
  });

  it('points out a supervising department nobody is in charge of: its escalations would name no one (责任链断档)', () => {
    const demo = readFileSync(join(ROOT, 'demo', 'roster.yaml'), 'utf8').replace('  - { department: 住建局, in_charge: 陈副县长 }\n', '');
    expect(check(demo).trim().split('\n')).toEqual([
      '名册无误：8 个单位、13 人、8 个群、4 行领导分工。',
      '提示：住建局 没有分管领导（leaders 中没有这个部门或其上级部门的 in_charge，也没有全县一行），其所监管单位的逾期升级不会点名分管领导；按行业写的行仍可覆盖部分隐患。',
    ]);
  });
});

describe('importing the leaders', () => {
  let chat: Chat;
  afterEach(async () => {
    await chat?.close();
  });

  it('stores the lines in order, changes nothing when imported again, and replaces them when the section changes', async () => {
    chat = await createChat({ jobs: [] });
    const lines = () => chat.read(async (s) => (await s.leaders.charges()).map((c) =>
      `${c.departmentName ?? '-'} ${c.sector ?? '-'} ${c.inCharge?.name ?? '-'} ${c.main?.name ?? '-'}`));
    expect(await lines()).toEqual(['- - - 郑书记', '应急管理局 - 刘县长 -', '- 危化品 刘县长 -', '住建局 - 陈副县长 -', '- 消防 陈副县长 -']);
    const text = readFileSync(ORG_ROSTER, 'utf8');
    expect((await chat.bot.importRoster(parseRoster(text))).changed).toBe(0);

    // 消防 moves to 刘县长: the old line must stop naming 陈副县长
    const moved = text.replace('{ sector: 消防, in_charge: 陈副县长 }', '{ sector: 消防, in_charge: 刘县长 }');
    expect((await chat.bot.importRoster(parseRoster(moved))).changed).toBe(1);
    expect((await lines()).at(-1)).toBe('- 消防 刘县长 -');
    // a roster without the section leaves the lines as they are
    const without = text.slice(0, text.indexOf('# 分管领导'));
    expect((await chat.bot.importRoster(parseRoster(without))).changed).toBe(0);
    expect(await lines()).toHaveLength(5);
    // a leader demoted in chat is no longer named for what the roster gave him
    await chat.send('应急管理局监管群', '赵主任', '设置角色 陈副县长 联系人');
    expect(await lines()).toEqual(['- - - 郑书记', '应急管理局 - 刘县长 -', '- 危化品 刘县长 -', '住建局 - - -', '- 消防 刘县长 -']);
  });
});
