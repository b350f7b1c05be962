import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { zh } from '../../src/i18n/zh-CN.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { ledgerFingerprintOf } from '../helpers/ledger-check.ts';

// Every command, as every role, against a hazard of the person's own unit (or the unit their
// department supervises) and one of another unit. Each refusal is the exact refusal text, and
// the ledger and roster are unchanged after it. Who is who (test/transcripts/org.yaml):
//   赵主任 admin · 刘县长 leader · 王建国 department supervising 红星化工 · 孙建设 department
//   supervising 城南建筑工地 · 张伟 contact and owner at 红星化工 · 李强 contact at 红星化工 ·
//   吴工 contact and owner at 城南建筑工地 · 钱经理 contact at 蓝天物流 (neither)
// Hazard A is 红星化工's (registered by 王建国), hazard B 城南建筑工地's (registered by 孙建设).

const PEOPLE = ['赵主任', '刘县长', '王建国', '孙建设', '张伟', '李强', '吴工', '钱经理'] as const;
type Who = (typeof PEOPLE)[number];
type Side = 'A' | 'B';

const HOME: Record<Who, string> = {
  赵主任: '应急管理局监管群', 刘县长: '县安委会领导群', 王建国: '应急管理局监管群', 孙建设: '住建局监管群',
  张伟: '红星化工安全对接群', 李强: '红星化工安全对接群', 吴工: '城南工地安全群', 钱经理: '蓝天物流安全对接群',
};
const HAZARD = {
  A: { unit: '红星化工', owner: '张伟' as Who, reporter: '王建国' as Who },
  B: { unit: '城南建筑工地', owner: '吴工' as Who, reporter: '孙建设' as Who },
};

const roleNotAllowed = (name: string) => {
  const command = commands.find((c) => c.name === name);
  return zh.permission.roleNotAllowed(name, (command?.roles ?? []).map((r) => zh.roles[r]));
};

interface Case {
  command: string;
  text: string;
  setup: 'registered' | 'submitted' | 'extension';
  allowed: Record<Side, readonly Who[]>;
  /** the exact refusal a person gets */
  refusal: (who: Who, code: string) => string;
}

const RECTIFY = { A: ['赵主任', '张伟', '李强'], B: ['赵主任', '吴工'] } as const;
const REVIEW = { A: ['赵主任', '王建国'], B: ['赵主任', '孙建设'] } as const;
const reviewRefusal = (command: string) => (who: Who) => (who === '王建国' || who === '孙建设' ? zh.permission.not_supervisor : roleNotAllowed(command));

const LIFECYCLE: Case[] = [
  { command: '进度', text: '{code} 进度50% 已采购配件', setup: 'registered', allowed: RECTIFY, refusal: () => zh.permission.not_own_unit },
  { command: '整改完成', text: '{code} 整改完成', setup: 'registered', allowed: RECTIFY, refusal: () => zh.permission.not_own_unit },
  { command: '申请延期', text: '{code} 申请延期到12月30日 原因：配件未到货', setup: 'registered', allowed: RECTIFY, refusal: () => zh.permission.not_own_unit },
  { command: '验收通过', text: '{code} 验收通过', setup: 'submitted', allowed: REVIEW, refusal: reviewRefusal('验收通过') },
  { command: '驳回', text: '{code} 驳回 型号不符', setup: 'submitted', allowed: REVIEW, refusal: reviewRefusal('驳回') },
  { command: '批准延期', text: '{code} 批准延期', setup: 'extension', allowed: REVIEW, refusal: reviewRefusal('批准延期') },
  { command: '不予延期', text: '{code} 不予延期 可调货', setup: 'extension', allowed: REVIEW, refusal: reviewRefusal('不予延期') },
  {
    command: '查询', text: '查询 {code}', setup: 'registered',
    // 赵主任 may see B, but asks in 应急管理局监管群, whose audience is not 城南建筑工地's (#9 item 4)
    allowed: { A: ['赵主任', '刘县长', '王建国', '张伟', '李强'], B: ['刘县长', '孙建设', '吴工'] },
    refusal: (who, code) => (who === '赵主任' ? zh.audience.notThisRoom(code) : zh.permission.not_visible),
  },
];

/** Who may see a hazard of each side: what every list must stay within. */
const VISIBLE: Record<Side, readonly Who[]> = { A: ['赵主任', '刘县长', '王建国', '张伟', '李强'], B: ['赵主任', '刘县长', '孙建设', '吴工'] };

let chat: Chat;
const sides = new Map<string, Side>();
let n = 0;
beforeAll(async () => {
  chat = await createChat();
});
afterAll(async () => {
  await chat.close();
});

const codeIn = (text: string | undefined) => /YH-\d{4}/.exec(text ?? '')?.[0] ?? '';

async function freshHazard(side: Side, setup: Case['setup']): Promise<string> {
  n += 1;
  const { unit, owner, reporter } = HAZARD[side];
  const code = codeIn((await chat.send(HOME[reporter], reporter, `登记隐患：${unit} ${n}号检查点安全隐患，责任人@${owner}，12月15日前`))[0]?.text);
  if (!code) throw new Error(`${side} not registered`);
  sides.set(code, side);
  if (setup === 'submitted') await chat.send(HOME[owner], owner, `${code} 整改完成`);
  if (setup === 'extension') await chat.send(HOME[owner], owner, `${code} 申请延期到12月30日 原因：配件未到货`);
  return code;
}

/** The ledger and the roster as they stand (outbox and message log aside). */
const snapshot = () => chat.read(async () => ledgerFingerprintOf(chat.bot.db));

async function expectRefused(who: Who, text: string, refusal: string): Promise<void> {
  const before = await snapshot();
  const out = await chat.send(HOME[who], who, text);
  expect(out.map((d) => d.text)).toEqual([refusal]);
  expect(await snapshot()).toBe(before);
}

describe.each(LIFECYCLE)('$command', ({ command, text, setup, allowed, refusal }) => {
  describe.each(['A', 'B'] as const)('on hazard %s', (side) => {
    const refused = PEOPLE.filter((p) => !allowed[side].includes(p));
    // a refusal changes nothing (asserted), so the refused share one hazard
    let shared = '';
    beforeAll(async () => {
      shared = await freshHazard(side, setup);
    });
    it.each(refused)('refuses %s, changing nothing', async (who) => {
      await expectRefused(who, text.replace('{code}', shared), refusal(who, shared));
    });
    it.each([...allowed[side]])('lets %s', async (who) => {
      const code = await freshHazard(side, setup);
      const out = await chat.send(HOME[who], who, text.replace('{code}', code));
      expect(out[0]?.text).not.toMatch(/只有|无权|不能|不属于本群/);
      expect(out[0]?.text).toContain(code);
      if (command !== '查询') expect((await chat.read((s) => s.hazards.byCode(code)))?.status).not.toBeUndefined();
    });
  });
});

describe('登记隐患', () => {
  describe.each(['A', 'B'] as const)('for the unit of hazard %s', (side) => {
    const { unit, owner } = HAZARD[side];
    const otherContacts = (['张伟', '李强', '吴工', '钱经理'] as const).filter((p) => p !== owner && !(side === 'A' && p === '李强'));
    it.each(otherContacts)('refuses %s, a contact of another unit, changing nothing', async (who) => {
      await expectRefused(who, `登记隐患：${unit} 越权登记测试，责任人@${owner}，12月15日前`, zh.register.contactOwnUnitOnly);
    });
    it.each(PEOPLE.filter((p) => !(otherContacts as readonly string[]).includes(p)))('lets %s', async (who) => {
      const out = await chat.send(HOME[who], who, `登记隐患：${unit} 登记权限测试，责任人@${owner}，12月15日前`);
      expect(out[0]?.text).toMatch(/^已登记 YH-\d{4}/);
      sides.set(codeIn(out[0]?.text), side);
    });
  });
});

describe.each([
  ['绑定本群 红星化工'], ['设为领导群'], ['添加人员 周七 红星化工 联系人'], ['设置角色 张伟 管理员'],
])('%s', (text) => {
  it.each(PEOPLE.filter((p) => p !== '赵主任'))('is refused to %s, changing nothing', async (who) => {
    await expectRefused(who, text, roleNotAllowed(text.split(' ')[0] ?? ''));
  });
});

describe('queries change nothing and show only what the asker may see', () => {
  beforeAll(async () => {
    await chat.setClock('2026-12-20 09:00'); // every 12月15日 deadline is overdue now
  });

  describe.each(['我的隐患', '本群隐患', '逾期隐患'])('%s', (text) => {
    it.each([...PEOPLE])('as %s', async (who) => {
      const before = await snapshot();
      const out = await chat.send(HOME[who], who, text);
      // one reply, in parts where it is long (本群隐患·…（续1）)
      expect(out.length).toBeGreaterThan(0);
      expect(out.map((d) => d.group?.name)).toEqual(out.map(() => HOME[who]));
      out.slice(1).forEach((d) => expect(d.text.split('\n')[0]).toMatch(/（续\d+）$/));
      const reply = out.map((d) => d.text).join('\n');
      const shown = reply.match(/YH-\d{4}/g) ?? [];
      for (const code of shown) expect(VISIBLE[sides.get(code) ?? 'A'], `${who} was shown ${code}`).toContain(who);
      if (who === '钱经理') expect(reply).toContain('暂无');
      if (who === '张伟' || who === '吴工') expect(shown.length).toBeGreaterThan(0);
      expect(await snapshot()).toBe(before);
    });
  });

  it.each([...PEOPLE])('帮助 and 取消 as %s', async (who) => {
    const before = await snapshot();
    const help = (await chat.send(HOME[who], who, '帮助 全部'))[0]?.text ?? '';
    const role = (await chat.read((s) => s.roster.peopleByName(who)))[0]?.role ?? 'contact';
    for (const c of commands) expect(help.includes(`· ${c.name}：`) || help.includes(c.name), c.name).toBe(!c.roles || c.roles.includes(role));
    expect((await chat.send(HOME[who], who, '取消'))[0]?.text).toBe(zh.register.nothingToCancel);
    expect(await snapshot()).toBe(before);
  });
});

describe('admin configuration', () => {
  it('is done by the admin (last: it changes the roster)', async () => {
    expect((await chat.send('临时群', '赵主任', '绑定本群 蓝天物流'))[0]?.text).toBe(zh.config.groupBound('临时群', '蓝天物流'));
    expect((await chat.send('临时领导群', '赵主任', '设为领导群'))[0]?.text).toBe(zh.config.leadersGroup('临时领导群'));
    expect((await chat.send('临时群', '赵主任', '添加人员 周七 红星化工 联系人'))[0]?.text).toBe(zh.config.personAdded('周七', '红星化工', '单位联系人'));
    expect((await chat.send('临时群', '赵主任', '设置角色 周七 监管部门'))[0]?.text).toBe(zh.config.roleSet('周七', '监管部门'));
  });
});

describe('answers in a room show only what everyone in the room may see (#9 item 4)', () => {
  let code = '';
  beforeAll(async () => {
    const out = await chat.send(HOME.王建国, '王建国', '登记隐患：红星化工 受众测试点安全隐患，责任人@张伟，12月31日前');
    code = codeIn(out[0]?.text);
    expect(code).not.toBe('');
  });

  it('does not post a 红星化工 record into another unit\'s group, even for its supervising department', async () => {
    const out = await chat.send('蓝天物流安全对接群', '王建国', `查询 ${code}`);
    expect(out.map((d) => d.text)).toEqual([zh.audience.notThisRoom(code)]);
    // privately it is shown
    const privately = await chat.send(null, '王建国', `查询 ${code}`);
    expect(privately[0]?.text).toContain('红星化工');
  });

  it('answers an action taken in another unit\'s group without the hazard\'s content; the actor reads it privately', async () => {
    const leaks = ['红星化工', '受众测试点', '张伟'];
    const inRoom = (out: Awaited<ReturnType<Chat['send']>>) => out.filter((d) => d.group?.name === '蓝天物流安全对接群').map((d) => d.text);
    const privately = (out: Awaited<ReturnType<Chat['send']>>, who: string) => out.filter((d) => !d.group && d.person?.name === who).map((d) => d.text);
    const steps: [string, string][] = [
      ['刘县长', `${code} 挂牌督办`], ['刘县长', `${code} 催一下`], ['赵主任', `${code} 进度30% 已清理一半`],
      ['赵主任', `${code} 整改完成`], ['王建国', `${code} 驳回 还有杂物`],
    ];
    for (const [who, text] of steps) {
      const out = await chat.send('蓝天物流安全对接群', who, text);
      expect(inRoom(out), text).toEqual([zh.audience.actedOutOfRoom(code)]);
      for (const word of leaks) expect(inRoom(out).join('\n'), text).not.toContain(word);
      expect(privately(out, who), text).toEqual([expect.stringContaining(code)]);
    }
    // in the hazard's own unit group the reply is whole, as before
    const home = await chat.send('红星化工安全对接群', '张伟', `${code} 进度50% 已清理`);
    expect(home.map((d) => d.text)).toEqual([expect.stringMatching(new RegExp(`^已记录 ${code}【督办】 进度 50%`))]);
  });

  it('counts a town\'s group as a supervisor\'s room: 城关镇安全群 sees the 实验小学 hazards it reviews', async () => {
    const out = await chat.send('城关镇安全群', '周镇长', '登记隐患：实验小学 受众测试楼梯扶手松动，责任人@李四，12月31日前');
    const school = codeIn(out[0]?.text);
    expect((await chat.send('城关镇安全群', '周镇长', `查询 ${school}`))[0]?.text).toContain('受众测试楼梯扶手松动');
    await chat.send('实验小学安全群', '李四', `${school} 整改完成`);
    expect((await chat.send('城关镇安全群', '周镇长', `${school} 验收通过`)).map((d) => d.group?.name ?? '私聊')).toEqual(['城关镇安全群', '实验小学安全群']);
  });

  it('sends a leader\'s county-wide ledger privately, never into a unit\'s group', async () => {
    const out = await chat.send('红星化工安全对接群', '刘县长', '导出台账');
    expect(out.filter((d) => d.group).map((d) => d.text)).toEqual([zh.audience.ledgerSentPrivately]);
    expect(out.filter((d) => d.file).map((d) => d.group?.name ?? `私聊·${d.person?.name}`)).toEqual(['私聊·刘县长']);
  });

  it.each(['本群隐患', '今日汇总', '逾期隐患', '我的隐患'])('shows nothing of the county in a group bound to no unit: %s', async (text) => {
    const out = await chat.send('刚建的群', '刘县长', text);
    expect(out).toHaveLength(1);
    expect(out[0]?.text).not.toContain('YH-');
  });
});
