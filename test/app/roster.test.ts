import { describe, expect, it } from 'vitest';
import { RosterError, parseRoster, readRoster } from '../../src/features/roster-file.ts';
import { ORG_ROSTER, createChat } from '../helpers/chat.ts';

describe('roster files', () => {
  it('reads the issue example, with Chinese kinds and roles', () => {
    const roster = parseRoster(`units:
  - { name: 应急管理局, kind: department }
  - { name: 红星化工, kind: 企业, supervisor: 应急管理局, sector: 危化品 }
people:
  - { name: 王建国, unit: 应急管理局, role: department, wecom: wangjg }
  - { name: 张伟, unit: 红星化工, role: 联系人 }
groups:
  - { name: 红星化工安全对接群, unit: 红星化工 }
  - { name: 县安委会领导群, purpose: leaders }
`);
    expect(roster.units[1]).toEqual({ name: '红星化工', kind: 'enterprise', supervisor: '应急管理局', sector: '危化品' });
    expect(roster.people[1]).toMatchObject({ name: '张伟', role: 'contact' });
    expect(roster.groups[1]).toMatchObject({ purpose: 'leaders' });
  });

  it.each([
    ['an unknown role', 'people:\n  - { name: 张伟, role: boss }\n', '第2行 people[0].role：角色应为'],
    ['an unknown unit', 'units:\n  - { name: A, kind: department }\npeople:\n  - { name: 张伟, unit: B }\n', '第4行 people[0].unit：单位「B」不在 units 中'],
    ['an unknown supervisor', 'units:\n  - { name: A, supervisor: Z }\n', '第2行 units[0].supervisor：监管部门「Z」'],
    ['a misspelt field', 'units:\n  - { name: A, knd: department }\n', 'units[0]'],
    ['broken YAML', 'units: [ { name: A\n', 'YAML 格式错误'],
  ])('names the line and field of %s', (_name, text, message) => {
    expect(() => parseRoster(text)).toThrow(RosterError);
    expect(() => parseRoster(text)).toThrow(message);
  });

  it('changes nothing when the same roster is imported again', async () => {
    const chat = await createChat();
    try {
      const again = await chat.bot.importRoster(readRoster(ORG_ROSTER));
      expect(again.changed).toBe(0);
      expect((await chat.read((s) => s.roster.people())).length).toBe(again.people);
    } finally {
      await chat.close();
    }
  });

  it('stamps units, people and groups with the bot clock, not the wall clock', async () => {
    const chat = await createChat({ at: '2025-03-04 10:00' });
    try {
      const stamped = async (table: 'Unit' | 'Person' | 'Group') =>
        [...new Set((await chat.bot.db.selectFrom(table).select('createdAt').execute()).map((r) => r.createdAt))];
      const imported = '2025-03-04T02:00:00.000+00:00';
      expect(await stamped('Unit')).toEqual([imported]);
      expect(await stamped('Person')).toEqual([imported]);
      expect(await stamped('Group')).toEqual([imported]);

      // a person added in chat, and a chat the roster does not know, take the message's time
      await chat.setClock('2025-03-05 11:00');
      const added = await chat.send('应急管理局监管群', '赵主任', '添加人员 周经理 红星化工 联系人');
      expect(chat.lines(added).join('\n')).toContain('周经理');
      await chat.send('闲聊群', '张伟', '大家好');
      const later = '2025-03-05T03:00:00.000+00:00';
      expect(await stamped('Person')).toEqual([imported, later]);
      expect(await stamped('Group')).toEqual([imported, later]);
    } finally {
      await chat.close();
    }
  });
});
