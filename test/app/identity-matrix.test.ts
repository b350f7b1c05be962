import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/features/roster-file.ts';
import type { RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { zh } from '../../src/i18n/zh-CN.ts';
import { createChat, type Chat, type SendOptions } from '../helpers/chat.ts';

// Who is who on a platform (issue #9 item 1): the account id decides, never the display name.
// The org roster (test/transcripts/org.yaml) plus DingTalk ids for 赵主任 (admin) and 王建国
// (department, supervising 红星化工); 刘县长 (leader), 孙建设 (department) and 张伟 (contact) have none.
// Every message goes through the real pipeline as a platform sends it: account id, nickname, chat id.

type As = NonNullable<SendOptions['as']>;
const ding = (id: string, chatId?: string): As => ({ platform: 'dingtalk', id, ...(chatId ? { chatId } : {}) });
const ZHAO = ding('zhao01');
const WANG = ding('wangjg01');

let chat: Chat;
const texts = (out: RecordedDelivery[]) => out.map((d) => d.text);
const inGroup = (out: RecordedDelivery[], group: string) => out.filter((d) => d.group?.name === group).map((d) => d.text);
const toPerson = (out: RecordedDelivery[], name: string) => out.filter((d) => !d.group && d.person?.name === name).map((d) => d.text);
const person = (name: string) => chat.read(async (s) => (await s.roster.peopleByName(name))[0]!);
const codeIn = (text: string | undefined) => /YH-\d{4}/.exec(text ?? '')?.[0] ?? '';
const claimCodeIn = (text: string | undefined) => /认领码：(\d{6})/.exec(text ?? '')?.[1] ?? '';

async function submittedHazard(): Promise<string> {
  const code = codeIn(texts(await chat.send('应急管理局监管群', '王建国', '登记隐患：红星化工 储罐区呼吸阀损坏，责任人@张伟，12月15日前', { as: WANG }))[0]);
  await chat.send('红星化工安全对接群', '张伟', `${code} 整改完成`, { as: ding('zhangwei01') });
  expect((await chat.read((s) => s.hazards.byCode(code)))?.status).toBe('pending_review');
  return code;
}

beforeAll(async () => {
  chat = await createChat();
  await chat.bot.importRoster(parseRoster(`
units: [{ name: 应急管理局, kind: department }]
people: [{ name: 赵主任, unit: 应急管理局, role: admin, dingtalk: zhao01 }]
`));
  // the groups' chats are bound on their first message from a proven member
  await chat.send('应急管理局监管群', '赵主任', '帮助', { as: ZHAO });
});
afterAll(async () => {
  await chat.close();
});

describe('a bound account id', () => {
  it('is its person whatever the nickname says', async () => {
    const code = await submittedHazard();
    const out = await chat.send('应急管理局监管群', '老王（改了昵称）', `${code} 验收通过`, { as: WANG });
    expect(inGroup(out, '应急管理局监管群')[0]).toContain('验收通过，已销号');
  });
});

describe('a different account with a privileged person\'s name', () => {
  it('cannot change a role as the admin, and nothing changes', async () => {
    const out = await chat.send('应急管理局监管群', '赵主任', '设置角色 张伟 管理员', { as: ding('ATTACKER') });
    expect(texts(out)).toEqual([zh.identity.impostor('赵主任', 'dingtalk')]);
    expect((await person('张伟')).role).toBe('contact');
    expect((await person('赵主任')).dingtalkId).toBe('zhao01');
  });

  it('cannot close a hazard as the supervising department', async () => {
    const code = await submittedHazard();
    const out = await chat.send('应急管理局监管群', '王建国', `${code} 验收通过`, { as: ding('ATTACKER') });
    expect(texts(out)).toEqual([zh.identity.impostor('王建国', 'dingtalk')]);
    expect((await chat.read((s) => s.hazards.byCode(code)))?.status).toBe('pending_review');
  });

  it('cannot take over a contact bound by name either', async () => {
    await chat.send('红星化工安全对接群', '张伟', '我的隐患', { as: ding('zhangwei01') });
    const out = await chat.send('红星化工安全对接群', '张伟', '我的隐患', { as: ding('ATTACKER') });
    expect(texts(out)).toEqual([zh.identity.impostor('张伟', 'dingtalk')]);
    expect((await person('张伟')).dingtalkId).toBe('zhangwei01');
  });
});

describe('an unbound account with a matching name', () => {
  it('binds a unit contact by name, logged and announced to the admins', async () => {
    const out = await chat.send('城南工地安全群', '吴工', '我的隐患', { as: ding('wugong01') });
    expect((await person('吴工')).dingtalkId).toBe('wugong01');
    expect(toPerson(out, '赵主任').join('\n')).toContain(zh.identity.nameBoundNotice('吴工', 'dingtalk', null));
    const log = await chat.read(async (s) => s.identity.eventsOfPerson((await s.roster.peopleByName('吴工'))[0]!.id));
    expect(log).toEqual([expect.objectContaining({ platform: 'dingtalk', platformId: 'wugong01', method: 'name' })]);
  });

  it('does not bind a leader: the leader is told to claim, the admins are asked', async () => {
    const out = await chat.send('县安委会领导群', '刘县长', '挂牌督办 YH-0001', { as: ding('liu01') });
    expect(out.filter((d) => d.group).map((d) => d.text)).toEqual([zh.identity.unclaimed('刘县长', '领导')]);
    expect(toPerson(out, '赵主任')).toEqual([zh.identity.pendingNotice('刘县长', '领导', 'dingtalk', null)]);
    // the chat is not the leaders' group because of its title
    expect((await chat.read((s) => s.roster.groupByName('县安委会领导群')))?.dingtalkId).toBeNull();
    expect((await person('刘县长')).dingtalkId).toBeNull();
  });

  it('gives a name-only binding no more than contact rights, even after a promotion', async () => {
    await chat.send('住建局监管群', '赵主任', '设置角色 吴工 监管部门', { as: ZHAO });
    const out = await chat.send('城南工地安全群', '吴工', 'YH-0001 验收通过', { as: ding('wugong01') });
    expect(texts(out)).toEqual([zh.identity.claimNeeded('吴工')]);
    await chat.send('住建局监管群', '赵主任', '设置角色 吴工 联系人', { as: ZHAO });
  });
});

describe('a chat titled like a roster group (#9 item 2 leftover)', () => {
  it('is not bound by a contact known by nickname only; the admins are told, and an admin binds it', async () => {
    const school = ding('lisi01', 'cidSCHOOL');
    await chat.send('实验小学安全群', '李四', '我的隐患', { as: school });
    expect((await person('李四')).dingtalkId).toBe('lisi01');
    expect((await chat.read((s) => s.roster.groupByName('实验小学安全群')))?.dingtalkId).toBeNull();
    // a contact's report there is recorded, but the chat is not the unit's group yet: nothing of the hazard shows
    const code = codeIn(texts(await chat.send('城关镇安全群', '周镇长', '登记隐患：实验小学 楼梯扶手松动，责任人@李四，12月15日前'))[0]);
    const report = await chat.send('实验小学安全群', '李四', `${code} 进度50% 已加固一半`, { as: school });
    expect(inGroup(report, '实验小学安全群（未绑定 SCHOOL）')).toEqual([zh.audience.actedInUnboundRoom(code)]);
    expect(toPerson(report, '李四')[0]).toContain('进度 50%');
    const bound = await chat.send('实验小学安全群', '赵主任', '绑定本群 实验小学安全群', { as: ding('zhao01', 'cidSCHOOL') });
    expect(texts(bound)).toContain(zh.identity.groupRebound('实验小学安全群'));
    expect((await chat.read((s) => s.roster.groupByName('实验小学安全群')))?.dingtalkId).toBe('cidSCHOOL');
  });

  it('tells the admins when a nickname-only contact writes in their unit\'s unbound chat', async () => {
    const out = await chat.send('蓝天物流安全对接群', '钱经理', '我的隐患', { as: ding('qian01', 'cidBLUE') });
    expect(toPerson(out, '赵主任').join('\n')).toContain(zh.identity.groupWaitingNotice('蓝天物流安全对接群', '钱经理'));
    expect(inGroup(out, '蓝天物流安全对接群（未绑定 idBLUE）')).toEqual(['我的隐患：暂无。']);
    expect((await chat.read((s) => s.roster.groupByName('蓝天物流安全对接群')))?.dingtalkId).toBeNull();
    // a claimed account binds it on its next message there
    const issued = await chat.send(null, '赵主任', '认领码 钱经理', { as: ZHAO });
    await chat.send(null, '钱经理', `认领 ${claimCodeIn(toPerson(issued, '赵主任')[0])}`, { as: ding('qian01') });
    await chat.send('蓝天物流安全对接群', '钱经理', '我的隐患', { as: ding('qian01', 'cidBLUE') });
    expect((await chat.read((s) => s.roster.groupByName('蓝天物流安全对接群')))?.dingtalkId).toBe('cidBLUE');
  });
});

describe('the claim flow', () => {
  it('binds a leader who sends the code the admin was given privately', async () => {
    const issued = await chat.send('应急管理局监管群', '赵主任', '认领码 刘县长', { as: ZHAO });
    // said in a group: the group sees only that the code went privately
    expect(inGroup(issued, '应急管理局监管群')).toEqual([zh.identity.claimCodeSentPrivately('刘县长')]);
    const code = claimCodeIn(toPerson(issued, '赵主任')[0]);
    expect(code).toMatch(/^\d{6}$/);

    const claimed = await chat.send('县安委会领导群', '县长', `认领 ${code}`, { as: ding('liu01', 'cidLEADERS') });
    expect(claimed.filter((d) => d.group).map((d) => d.text)).toEqual([zh.identity.claimOk('刘县长', null, '领导')]);
    expect((await person('刘县长')).dingtalkId).toBe('liu01');
    // bound now: the leaders' chat binds on the leader's next message, and the leader acts
    const code2 = await submittedHazard();
    const out = await chat.send('县安委会领导群', '刘县长', `挂牌督办 ${code2}`, { as: ding('liu01', 'cidLEADERS') });
    expect(texts(out).join('\n')).toContain(code2);
    expect((await chat.read((s) => s.hazards.byCode(code2)))?.supervised).toBe(true);
    expect((await chat.read((s) => s.roster.groupByName('县安委会领导群')))?.dingtalkId).toBe('cidLEADERS');

    // the code is spent
    const again = await chat.send('县安委会领导群', '刘县长', `认领 ${code}`, { as: ding('OTHER', 'cidLEADERS') });
    expect(texts(again)).toEqual([zh.identity.claimBad]);
  });

  it('refuses an expired code, and locks an account that guesses', async () => {
    const issued = await chat.send(null, '赵主任', '认领码 孙建设', { as: ZHAO });
    const code = claimCodeIn(toPerson(issued, '赵主任')[0]);
    expect(code).not.toBe('');
    await chat.setClock('2026-12-02 10:00'); // 25 hours on: the code has expired
    const said = async (text: string, id: string) => (await chat.send('住建局监管群', id === 'guesser' ? '某人' : '孙建设', text, { as: ding(id) })).filter((d) => d.group).map((d) => d.text);
    expect(await said(`认领 ${code}`, 'sun01')).toEqual([zh.identity.claimBad]);
    for (let i = 0; i < 4; i += 1) await said(`认领 ${String(100000 + i)}`, 'guesser');
    expect(await said('认领 100009', 'guesser')).toEqual([zh.identity.claimBad]);
    expect(await said('认领 100010', 'guesser')).toEqual([zh.identity.claimLocked]);
    expect((await person('孙建设')).dingtalkId).toBeNull();
  });

  it('binds by an admin\'s 确认绑定 when exactly one account asked', async () => {
    await chat.send('住建局监管群', '孙建设', '逾期隐患', { as: ding('sun01') });
    const out = await chat.send('应急管理局监管群', '赵主任', '确认绑定 孙建设', { as: ZHAO });
    expect(inGroup(out, '应急管理局监管群')[0]).toMatch(/^已确认：.*孙建设/);
    expect((await person('孙建设')).dingtalkId).toBe('sun01');
    const log = await chat.read(async (s) => s.identity.eventsOfPerson((await s.roster.peopleByName('孙建设'))[0]!.id));
    expect(log.at(-1)).toMatchObject({ method: 'confirm', platformId: 'sun01' });
  });

  it('refuses 确认绑定 when two accounts used the name', async () => {
    await chat.send('城关镇安全群', '周镇长', '逾期隐患', { as: ding('zhou-a') });
    await chat.send('城关镇安全群', '周镇长', '逾期隐患', { as: ding('zhou-b') });
    const out = await chat.send('应急管理局监管群', '赵主任', '确认绑定 周镇长', { as: ZHAO });
    expect(inGroup(out, '应急管理局监管群')).toEqual([zh.identity.confirmSeveral('周镇长', 2)]);
    expect((await person('周镇长')).dingtalkId).toBeNull();
  });
});

describe('a wechat4u-like re-login (every id changes)', () => {
  const wx = (id: string, durableId?: string): As => ({ platform: 'wechaty', id, chatId: 'room-dept', ...(durableId ? { durableId } : {}) });
  const relogin = () => chat.read(async (s) => {
    // what the plugin does at each login when ids are not stable
    await s.roster.clearPersonPlatformIds('wechaty');
    await s.roster.clearGroupPlatformIds('wechaty');
  });

  it('recognises a claimed account by its 备注 after the re-login; one without needs a fresh claim', async () => {
    const issued = await chat.send(null, '赵主任', '认领码 陈消防');
    await chat.send('消防救援大队群', '陈消防', `认领 ${claimCodeIn(texts(issued)[0])}`, { as: { ...wx('@a1', 'remark:陈消防-消防大队'), chatId: 'room-fire' } });
    const issued2 = await chat.send(null, '赵主任', '认领码 周镇长');
    await chat.send('城关镇安全群', '周镇长', `认领 ${claimCodeIn(texts(issued2)[0])}`, { as: { ...wx('@b1'), chatId: 'room-town' } });
    expect((await person('周镇长')).wechatId).toBe('@b1');

    await relogin();
    // 陈消防's new id is bound again through the 备注; 周镇长, with nothing that survives, must claim again
    await chat.send('消防救援大队群', '陈消防', '逾期隐患', { as: { ...wx('@a2', 'remark:陈消防-消防大队'), chatId: 'room-fire2' } });
    expect((await person('陈消防')).wechatId).toBe('@a2');
    const out = await chat.send('城关镇安全群', '周镇长', '设置角色 李四 管理员', { as: { ...wx('@b2'), chatId: 'room-town2' } });
    expect(texts(out)).toEqual([zh.identity.unclaimed('周镇长', '监管部门')]);
    expect((await person('周镇长')).wechatId).toBeNull();
  });
});

describe('an admin with no account on the platform (#9 item 1 leftover)', () => {
  it('gets what was logged there while unreachable, privately, once the admin\'s own account is bound', async () => {
    const fresh = await createChat();
    try {
      // no admin is bound on DingTalk: these are logged, and nobody can be told privately
      const first = await fresh.send('红星化工安全对接群', '张伟', '我的隐患', { as: ding('zhangwei01') });
      expect(first.filter((d) => !d.group)).toEqual([]);
      await fresh.send('蓝天物流安全对接群', '钱经理', '我的隐患', { as: ding('qian01') });
      // the local operator issues the admin's own code; the admin claims on DingTalk
      const issued = await fresh.send(null, '赵主任', '认领码 赵主任');
      const code = claimCodeIn(issued.map((d) => d.text).join('\n'));
      const claimed = await fresh.send(null, '赵主任', `认领 ${code}`, { as: ding('zhao01') });
      const notice = claimed.filter((d) => !d.group && d.person?.name === '赵主任').map((d) => d.text).join('\n');
      expect(notice).toContain('【身份绑定记录】您的钉钉账号绑定之前，钉钉上记下了 2 条身份和群绑定（当时无法私信您）：');
      expect(notice).toMatch(/· 12月1日 09:00 「张伟」：按昵称关联（只有联系人权限）\n· 12月1日 09:00 「钱经理」：按昵称关联（只有联系人权限）/);
      // from now on the admin is told as things happen, and the backlog is not sent again
      const later = await fresh.send('城南工地安全群', '吴工', '我的隐患', { as: ding('wugong01') });
      const told = later.filter((d) => !d.group && d.person?.name === '赵主任').map((d) => d.text).join('\n');
      expect(told).toContain(zh.identity.nameBoundNotice('吴工', 'dingtalk', null));
      expect(told).not.toContain('【身份绑定记录】');
    } finally {
      await fresh.close();
    }
  });

  it('gets them as well when the roster gives the admin an id', async () => {
    const fresh = await createChat();
    try {
      await fresh.send('红星化工安全对接群', '张伟', '我的隐患', { as: ding('zhangwei01') });
      await fresh.bot.importRoster(parseRoster(`
units: [{ name: 应急管理局, kind: department }]
people: [{ name: 赵主任, unit: 应急管理局, role: admin, dingtalk: zhao01 }]
`));
      const queued = await fresh.read((s) => s.outbox.due(new Date('2100-01-01')));
      const notice = queued.filter((m) => m.text.startsWith('【身份绑定记录】')).map((m) => m.text);
      expect(notice).toHaveLength(1);
      expect(notice[0]).toContain('「张伟」：按昵称关联（只有联系人权限）');
    } finally {
      await fresh.close();
    }
  });
});
