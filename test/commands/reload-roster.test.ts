import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zh } from '../../src/i18n/zh-CN.ts';
import { ORG_ROSTER, createChat, type Chat } from '../helpers/chat.ts';

let chat: Chat | null = null;
let folder: string | null = null;
afterEach(async () => {
  await chat?.close();
  chat = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

/** A running bot whose HZ_ROSTER is a copy of the test county, which the test then edits. */
async function botWithRosterFile(): Promise<{ chat: Chat; file: string }> {
  folder = mkdtempSync(join(tmpdir(), 'hz-roster-'));
  const file = join(folder, 'roster.yaml');
  copyFileSync(ORG_ROSTER, file);
  chat = await createChat({ roster: file, config: { rosterFile: file } });
  return { chat, file };
}

describe('重新加载名册: the running bot takes a changed roster', () => {
  it('applies an edited roster file without a restart, and the new person can act at once', async () => {
    const { chat, file } = await botWithRosterFile();
    expect((await chat.send('红星化工安全对接群', '孙七', '我的隐患'))[0]?.text).toContain('不在名册中');
    writeFileSync(file, readFileSync(file, 'utf8').replace('people:\n', 'people:\n  - { name: 孙七, unit: 红星化工, role: contact }\n'));

    const out = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(out).toHaveLength(1);
    expect(out[0]?.text).toMatch(/^已重新加载名册 roster\.yaml：\d+ 个单位、\d+ 人、\d+ 个群、5 行领导分工（新增或变更 1 条）/);
    const registered = await chat.send('应急管理局监管群', '王建国', '登记隐患：红星化工 配电室电缆沟积水，责任人@孙七，10天内整改完毕');
    expect(registered[0]?.text).toMatch(/^已登记 YH-0001/);
    expect(registered[0]?.text).toContain('责任人：孙七');
  });

  it('says nothing changed when the file is as imported', async () => {
    const { chat } = await botWithRosterFile();
    const [reply] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(reply?.text).toMatch(/^已重新读取名册 roster\.yaml：.*没有变化。$/);
  });

  it('refuses a broken file with its line numbers and changes nothing', async () => {
    const { chat, file } = await botWithRosterFile();
    writeFileSync(file, readFileSync(file, 'utf8').replace('people:\n', 'people:\n  - { name: 孙七, unit: 不存在的单位, role: contact }\n  - { name: 周八, unit: 红星化工, role: 老板 }\n'));
    const [reply] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(reply?.text).toMatch(/^名册 roster\.yaml 有误，没有导入（台账未改动）/);
    expect(reply?.text).toMatch(/第\d+行 people\[1\]\.role：角色应为 管理员、领导、监管部门 或 联系人/);
    expect(reply?.text).not.toContain(chat.dir);
    const [again] = await chat.send('应急管理局监管群', '赵主任', '添加人员 孙七 红星化工 联系人');
    expect(again?.text).toBe(zh.config.personAdded('孙七', '红星化工', '单位联系人'));
  });

  it('refuses an id the ledger holds for another person, naming both, and changes nothing (#9 item 5)', async () => {
    const { chat, file } = await botWithRosterFile();
    // a typo: 张伟's line gets 王建国's DingTalk id, which the roster gave 王建国 earlier
    writeFileSync(file, readFileSync(file, 'utf8')
      .replace('{ name: 张伟, unit: 红星化工, role: contact }', '{ name: 张伟, unit: 红星化工, role: contact, dingtalk: wangjg01 }')
      .replace(', dingtalk: wangjg01,', ','));
    const [reply] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(reply?.text).toMatch(/^名册 roster\.yaml 有误，没有导入（台账未改动）/);
    expect(reply?.text).toContain('「张伟」（红星化工）的 dingtalk 账号「wangjg01」已绑定「王建国」（应急管理局）');
    const [wang] = await chat.read((s) => s.roster.peopleByName('王建国'));
    const [zhang] = await chat.read((s) => s.roster.peopleByName('张伟'));
    expect([wang?.dingtalkId, zhang?.dingtalkId]).toEqual(['wangjg01', null]);

    // giving 王建国 another id in the same file moves it on purpose
    writeFileSync(file, readFileSync(file, 'utf8').replace('{ name: 王建国, unit: 应急管理局, role: department,', '{ name: 王建国, unit: 应急管理局, role: department, dingtalk: wangjg02,'));
    const [moved] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(moved?.text).toMatch(/^已重新加载名册/);
    expect((await chat.read((s) => s.roster.peopleByName('张伟')))[0]?.dingtalkId).toBe('wangjg01');
  });

  it('refuses one id written for two people in the file, with both lines', async () => {
    const { chat, file } = await botWithRosterFile();
    writeFileSync(file, readFileSync(file, 'utf8').replace('{ name: 李强, unit: 红星化工, role: contact }', '{ name: 李强, unit: 红星化工, role: contact, wecom: wangjg }'));
    const [reply] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(reply?.text).toMatch(/第\d+行 people\[\d+\]\.wecom：「李强」的 wecom 账号「wangjg」与第\d+行（「王建国」）相同：一个账号只能属于一个人/);
  });

  it('is for admins only', async () => {
    const { chat } = await botWithRosterFile();
    const [reply] = await chat.send('应急管理局监管群', '王建国', '重新加载名册');
    expect(reply?.text).toContain('重新加载名册');
    expect(reply?.text).not.toMatch(/^已重新/);
  });

  it('says how to configure a roster file when there is none', async () => {
    chat = await createChat();
    const [reply] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(reply?.text).toBe(zh.roster.notConfigured);
  });

  it('says which file is missing, without the server path', async () => {
    chat = await createChat({ config: { rosterFile: '/nowhere/county.yaml' } });
    const [reply] = await chat.send('应急管理局监管群', '赵主任', '重新加载名册');
    expect(reply?.text).toBe(zh.roster.missing('county.yaml'));
  });
});
