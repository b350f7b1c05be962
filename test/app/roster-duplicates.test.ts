import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RosterError, parseRoster } from '../../src/features/roster-file.ts';
import { createChat } from '../helpers/chat.ts';

// #9 item 5: a roster where one name has two entries used to pass `roster check`, and on import
// the last entry silently won (a contact became admin, a unit lost its supervisor, a group
// became the leaders' group). Supervisor cycles passed too.

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hz-roster-dup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD = `units:
  - { name: 应急管理局, kind: department }
  - { name: 红星化工, kind: enterprise, supervisor: 应急管理局 }
  - { name: 红星化工, kind: enterprise }
people:
  - { name: 张伟, unit: 红星化工, role: contact }
  - { name: 张伟, unit: 红星化工, role: admin }
groups:
  - { name: 县安委会领导群, purpose: leaders }
  - { name: 红星化工安全对接群, unit: 红星化工 }
  - { name: 红星化工安全对接群, purpose: leaders }
`;

describe('roster duplicates and supervisor cycles', () => {
  it('are refused by `roster check`, each with its line and the line it repeats', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, BAD);
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/app/roster-cli.ts', 'check', file], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const e = error as { stdout: string; stderr: string; status: number };
      out = e.stdout + e.stderr;
      expect(e.status).not.toBe(0);
    }
    expect(out).toContain('第4行 units[2].name：单位「红星化工」与第3行重复');
    expect(out).toContain('第7行 people[1].name：人员「张伟」（单位 红星化工）与第6行重复');
    expect(out).toContain('第11行 groups[2].name：群「红星化工安全对接群」与第10行重复');
    expect(out).not.toContain('名册无误');
  });

  it('are refused on import, which changes nothing', async () => {
    const chat = await createChat();
    try {
      expect(() => parseRoster(BAD)).toThrow(RosterError);
      expect((await chat.read((s) => s.roster.peopleByName('张伟')))[0]?.role).toBe('contact');
    } finally {
      await chat.close();
    }
  });

  it('allows people of one name in different units: the unit tells them apart', async () => {
    const roster = parseRoster(`units:
  - { name: 红星化工 }
  - { name: 蓝天物流 }
people:
  - { name: 张伟, unit: 红星化工 }
  - { name: 张伟, unit: 蓝天物流 }
`);
    expect(roster.people).toHaveLength(2);
    const chat = await createChat({ roster: null });
    try {
      await chat.bot.importRoster(roster);
      // an admin names which one: 认领码 张伟 蓝天物流
      expect((await chat.read((s) => s.roster.peopleByName('张伟'))).length).toBe(2);
    } finally {
      await chat.close();
    }
  });

  it.each([
    ['甲 → 乙 → 甲', 'units:\n  - { name: 甲, kind: department, supervisor: 乙 }\n  - { name: 乙, kind: department, supervisor: 甲 }\n', '第2行 units[0].supervisor：监管关系成环：甲 → 乙 → 甲'],
    ['丙 → 丙', 'units:\n  - { name: 丙, kind: department, supervisor: 丙 }\n', '第2行 units[0].supervisor：监管关系成环：丙 → 丙'],
  ])('refuses the supervisor cycle %s', (_name, text, message) => {
    expect(() => parseRoster(text)).toThrow(message);
  });
});
