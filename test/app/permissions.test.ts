import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';

// Who is who in test/transcripts/org.yaml: 王建国 supervises 红星化工 (应急管理局); 孙建设 is a
// department that does not; 张伟 owns the hazard, 李强 works at the same unit, 钱经理 elsewhere.
const PEOPLE = ['赵主任', '刘县长', '王建国', '孙建设', '张伟', '李强', '钱经理'] as const;
type Who = (typeof PEOPLE)[number];

interface Case {
  action: string;
  text: string;
  /** how to bring a fresh hazard into the state the action needs */
  setup: 'none' | 'submitted' | 'extension';
  allowed: readonly Who[];
}

const RECTIFY: readonly Who[] = ['赵主任', '张伟', '李强'];
const REVIEW: readonly Who[] = ['赵主任', '王建国'];
const CASES: Case[] = [
  { action: '进度', text: '{code} 进度50% 已采购配件', setup: 'none', allowed: RECTIFY },
  { action: '整改完成', text: '{code} 整改完成', setup: 'none', allowed: RECTIFY },
  { action: '申请延期', text: '{code} 申请延期到12月30日 原因：配件未到货', setup: 'none', allowed: RECTIFY },
  { action: '验收通过', text: '{code} 验收通过', setup: 'submitted', allowed: REVIEW },
  { action: '驳回', text: '{code} 驳回 型号不符', setup: 'submitted', allowed: REVIEW },
  { action: '批准延期', text: '{code} 批准延期', setup: 'extension', allowed: REVIEW },
  { action: '不予延期', text: '{code} 不予延期 可调货', setup: 'extension', allowed: REVIEW },
  { action: '查询', text: '查询 {code}', setup: 'none', allowed: ['赵主任', '刘县长', '王建国', '张伟', '李强'] },
];

let chat: Chat;
let n = 0;
beforeAll(async () => {
  chat = await createChat();
});
afterAll(async () => {
  await chat.close();
});

async function freshHazard(setup: Case['setup']): Promise<string> {
  n += 1;
  const out = await chat.send('应急管理局监管群', '王建国', `登记隐患：红星化工 ${n}号储罐呼吸阀损坏，责任人@张伟，12月15日前`);
  const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0] ?? '';
  if (setup === 'submitted') await chat.send('红星化工安全对接群', '张伟', `${code} 整改完成`);
  if (setup === 'extension') await chat.send('红星化工安全对接群', '张伟', `${code} 申请延期到12月30日 原因：配件未到货`);
  return code;
}

async function snapshot(code: string) {
  return chat.read(async (s) => {
    const hazard = await s.hazards.byCode(code);
    return { hazard, events: hazard ? (await s.hazards.events(hazard.id)).length : 0 };
  });
}

const REFUSALS = /只有|无权|不能使用|只能/;

describe.each(CASES)('$action', ({ text, setup, allowed }) => {
  it.each(PEOPLE.map((who) => [who, allowed.includes(who)] as const))('by %s → allowed: %s', async (who, ok) => {
    const code = await freshHazard(setup);
    const before = await snapshot(code);
    const group = ['张伟', '李强'].includes(who) ? '红星化工安全对接群' : '应急管理局监管群';
    const out = await chat.send(group, who, text.replace('{code}', code));
    const reply = out[0]?.text ?? '';
    if (ok) {
      expect(reply).not.toMatch(REFUSALS);
    } else {
      expect(reply).toMatch(REFUSALS);
      expect(await snapshot(code)).toEqual(before);
    }
  });
});

describe('configuration commands', () => {
  it.each(['绑定本群 红星化工', '设为领导群', '添加人员 周七 红星化工 联系人', '设置角色 张伟 管理员'])('%s is for admins only', async (text) => {
    for (const who of PEOPLE.filter((p) => p !== '赵主任')) {
      const out = await chat.send('应急管理局监管群', who, text);
      expect(out[0]?.text).toContain('只有管理员可以使用');
    }
    expect(await chat.read((s) => s.roster.peopleByName('周七'))).toEqual([]);
    expect((await chat.read((s) => s.roster.peopleByName('张伟')))[0]?.role).toBe('contact');
  });
});
