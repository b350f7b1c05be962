import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHelp } from '../../commands/help.ts';
import { commands } from '../../commands/index.ts';
import type { Command } from '../../src/features/command.ts';
import { parseRoster, RosterError } from '../../src/features/roster-file.ts';
import { byteLength, TEXT_LIMIT_BYTES } from '../../src/i18n/fit.ts';
import { zh } from '../../src/i18n/zh-CN.ts';
import { createChat, type Chat } from '../helpers/chat.ts';

// Bugs the hardening tests found, each pinned by an example.

let chat: Chat;
beforeAll(async () => {
  chat = await createChat();
});
afterAll(async () => {
  await chat.close();
});

describe('the roster', () => {
  it('添加人员 refuses a name that would mention everyone or break a line', async () => {
    for (const name of ['@所有人', '<@all>', '＠所有人', `${'张'.repeat(21)}`]) {
      expect((await chat.send('应急管理局监管群', '赵主任', `添加人员 ${name} 红星化工 联系人`))[0]?.text).toBe(zh.config.nameInvalid(20));
    }
    expect((await chat.read((s) => s.roster.people())).some((p) => /所有人|all/.test(p.name))).toBe(false);
  });

  it('添加人员 for someone already there changes the role only, keeping their platform id', async () => {
    const out = await chat.send('应急管理局监管群', '赵主任', '添加人员 王建国 应急管理局 监管部门');
    expect(out[0]?.text).toBe(zh.config.personUpdated('王建国', '应急管理局', '监管部门'));
    expect((await chat.read((s) => s.roster.peopleByName('王建国')))[0]).toMatchObject({ role: 'department', wecomId: 'wangjg' });
  });

  it('a roster file with such a name is refused with its line', () => {
    expect(() => parseRoster('people:\n  - { name: "@所有人", role: leader }\n')).toThrow(RosterError);
    expect(() => parseRoster('people:\n  - { name: "张\\n伟", role: leader }\n')).toThrow(/第2行 people\[0\]\.name/);
  });
});

describe('deadlines', () => {
  it('asks again for a deadline years away instead of storing a typo', async () => {
    const out = await chat.send('应急管理局监管群', '王建国', '登记隐患：红星化工 储罐呼吸阀损坏，责任人@张伟，9999年12月31日前');
    expect(out[0]?.text).toContain('整改时限 9999年12月31日 超过5年，请核对日期');
    expect(await chat.read((s) => s.hazards.count({}))).toBe(0);
    const fixed = await chat.send('应急管理局监管群', '王建国', '12月15日前');
    expect(fixed[0]?.text).toMatch(/^已登记 YH-0001/);
  });

  it('reads 26年12月15日 as 2026 and refuses an extension years away', async () => {
    const out = await chat.send('应急管理局监管群', '王建国', '登记隐患：红星化工 配电箱门未关，责任人@张伟，26年12月20日前');
    expect(out[0]?.text).toContain('整改时限：12月20日');
    const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0] ?? '';
    expect((await chat.send('红星化工安全对接群', '张伟', `${code} 申请延期到2099年1月1日 原因：慢慢来`))[0]?.text).toBe(zh.extension.dateTooFar('2099-01-01', 5));
    expect((await chat.read((s) => s.hazards.byCode(code)))?.extensionTo).toBeNull();
  });
});

describe('帮助', () => {
  it('fits one message for every role, however many commands there are, and explains one command', () => {
    const many: Command[] = [...commands, ...commands.map((c) => ({ ...c, name: `${c.name}甲` })), ...commands.map((c) => ({ ...c, name: `${c.name}乙` }))];
    for (const role of ['admin', 'leader', 'department', 'contact'] as const) {
      expect(byteLength(renderHelp(commands, role))).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
      expect(byteLength(renderHelp(many, role))).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
      expect(byteLength(renderHelp(commands, role, '全部'))).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
      expect(byteLength(renderHelp(many, role, '全部'))).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    }
    // an admin has too many commands for examples in one message: names by section, then `帮助 命令名`
    expect(renderHelp(commands, 'admin', '全部')).toMatch(/【验收】[^\n]*验收通过/);
    expect(renderHelp(commands, 'contact', '全部')).toContain('· 进度：');
    expect(renderHelp(many, 'admin', '全部')).toContain('发「帮助 命令名」');
    expect(renderHelp(commands, 'contact', '进展')).toBe('· 进度：报告整改进度（百分比和已做的工作）\n  例：YH-0012 进度60% 已更换阀门，等待检测\n  也可写：整改进度、进展、汇报进度、进度汇报');
  });
});
