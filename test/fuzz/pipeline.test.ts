import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createLogger } from '../../src/app/logger.ts';
import type { RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { byteLength, MARKDOWN_LIMIT_BYTES, TEXT_LIMIT_BYTES } from '../../src/i18n/fit.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { ledgerFingerprint, readLedger } from '../helpers/ledger-check.ts';
import { anyText, datePhrase, FORGED, hugeText, userWords } from './arbitraries.ts';

// The whole pipeline under random, mutated-real and hostile messages from every roster person
// (and strangers) in every group: nothing throws (no error is logged, no "出错了" reply), every
// reply is a valid message within the platform limit, mentions only the people the bot chose,
// keeps its layout, and the ledger changes only when a reply says it did.

const RUNS = process.env.HZ_FUZZ_RUNS ? { numRuns: Number(process.env.HZ_FUZZ_RUNS) } : { numRuns: 80, seed: 20261201 };

const PEOPLE = ['赵主任', '刘县长', '王建国', '陈消防', '孙建设', '周镇长', '张伟', '李强', '李四', '钱经理', '吴工'];
const GROUPS = ['红星化工安全对接群', '蓝天物流安全对接群', '实验小学安全群', '城南工地安全群', '应急管理局监管群', '城关镇安全群', '住建局监管群', '县安委会领导群'];
const KEYWORDS = commands.flatMap((c) => [c.name, ...c.aliases]);
/** Replies that announce a change to the ledger or the roster. */
const CHANGED = /^已登记 YH-|^已记录 YH-|^YH-\d{4} 已提交验收，请|^YH-\d{4} 验收通过，已销号|^YH-\d{4} 验收驳回：|^YH-\d{4} 申请延期至|^YH-\d{4} 延期已批准|^YH-\d{4} 不予延期|^已将|^已添加|^已更新/;
const LINE_BREAKERS = /[\r\u000B\u000C\u0085\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const DETAIL_LINE = /^(YH-\d{4} 【|督办领导：|治理方案：|  \S+：|证据材料（|  \d+\. (\d{4}年)?\d+月\d+日 |单位：|隐患：|位置：|类别：|来源：|责任人：|措施：|时限：|延期申请：|状态：|登记人：|处理记录：|  (\d{4}年)?\d+月\d+日 \d\d:\d\d |  ……较早的 \d+ 条记录从略)/;

const code = fc.integer({ min: 1, max: 12 }).map((n) => `YH-${String(n).padStart(4, '0')}`);
const message = fc.record({
  group: fc.option(fc.constantFrom(...GROUPS), { freq: 8 }),
  sender: fc.oneof({ arbitrary: fc.constantFrom(...PEOPLE), weight: 9 }, { arbitrary: fc.constantFrom('陌生人', '@所有人', '<@all>'), weight: 1 }),
  text: fc.oneof(
    { arbitrary: anyText, weight: 4 },
    { arbitrary: fc.tuple(code, fc.constantFrom(...KEYWORDS), userWords).map(([c, k, w]) => `${c} ${k} ${w}`), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), userWords).map(([k, w]) => `${k} ${w}`), weight: 2 },
    {
      arbitrary: fc.tuple(userWords, fc.constantFrom('@张伟', '@李四', '@所有人', '<@all>', '张伟'), datePhrase, fc.constantFrom('红星化工', '实验小学', '')).map(
        ([w, owner, date, unit]) => `登记隐患：${unit} ${w}，责任人${owner}，${date}`,
      ),
      weight: 3,
    },
  ),
});

let chat: Chat;
const problems: string[] = [];
beforeAll(async () => {
  // warn and error lines are problems: a failed message, a reply cut by the last guard
  const log = createLogger('warn', { write: (line: string) => void problems.push(line) });
  chat = await createChat({ log, jobs: [] });
  for (const [i, text] of ['储罐区呼吸阀损坏', '消防通道被占用', '配电箱门未关', '塔吊限位器失灵'].entries()) {
    await chat.send('应急管理局监管群', '王建国', `登记隐患：红星化工 ${text}，责任人@张伟，${i + 10}天内`);
  }
  await chat.send('红星化工安全对接群', '张伟', 'YH-0002 整改完成');
  await chat.send('红星化工安全对接群', '张伟', 'YH-0003 申请延期到12月30日 原因：配件未到货');
  await chat.send('红星化工安全对接群', '张伟', 'YH-0004 整改完成');
  await chat.send('应急管理局监管群', '王建国', 'YH-0004 验收通过');
});
afterAll(async () => {
  await chat.close();
});

/** Everything a message may change: hazards and their histories, people and their roles, groups. */
const snapshot = () => chat.read(async () => ledgerFingerprint(join(chat.dir, 'test.db')));

/** Asserts one delivery the bot made is a valid, safe message. */
async function checkDelivery(d: RecordedDelivery): Promise<void> {
  const limit = d.markdown ? MARKDOWN_LIMIT_BYTES : TEXT_LIMIT_BYTES;
  expect(byteLength(d.text), d.text.slice(0, 200)).toBeLessThanOrEqual(limit);
  expect(d.text.trim().length).toBeGreaterThan(0);
  expect(d.text).not.toMatch(FORGED);
  expect(d.text).not.toMatch(LINE_BREAKERS);
  expect(d.text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
  expect(d.text).not.toContain('出错了');
  // mentions: roster people the bot chose, i.e. owners of the hazards the message is about, or
  // the asker told in the group that something went to them privately (看板链接已私信发给你)
  const toAsker = /私信发给你/.test(d.text) && d.mentions.length === 1;
  if (d.mentions.length > 0 && !toAsker) {
    const codes = d.text.match(/YH-\d{4}/g) ?? [];
    const owners = await chat.read(async (s) => Promise.all(codes.map(async (c) => (await s.hazards.byCode(c))?.ownerId)));
    for (const p of d.mentions) {
      expect(PEOPLE).toContain(p.name);
      expect(owners, `${p.name} mentioned in: ${d.text.slice(0, 80)}`).toContain(p.id);
    }
  }
  const [first, ...rest] = d.text.split('\n');
  if (/（共 \d+ 项）$/.test(first ?? '')) {
    rest.forEach((row, i) => expect(row, row).toMatch(i === rest.length - 1 ? /^(\d+\. YH-\d{4} |……等 \d+ 项，仅列前 \d+ 项$)/ : /^\d+\. YH-\d{4} /));
  }
  if (/^YH-\d{4} 【(重大|一般)隐患】/.test(first ?? '')) for (const line of d.text.split('\n')) expect(line, line).toMatch(DETAIL_LINE);
}

describe('the pipeline under random and hostile messages', () => {
  it('never fails, answers within the limits, forges no mention, and writes only what it announces', async () => {
    await fc.assert(
      fc.asyncProperty(message, async ({ group, sender, text }) => {
        const before = await snapshot();
        const out = await chat.send(group, sender, text);
        expect(problems, `logged while handling ${JSON.stringify(text.slice(0, 200))}`).toEqual([]);
        for (const d of out) await checkDelivery(d);
        if ((await snapshot()) !== before) {
          expect(out.some((d) => CHANGED.test(d.text)), `ledger changed silently by ${JSON.stringify(text.slice(0, 200))}: ${out.map((d) => d.text.slice(0, 60)).join(' / ')}`).toBe(true);
        }
      }),
      RUNS,
    );
    expect((await chat.read(async () => readLedger(join(chat.dir, 'test.db')))).problems).toEqual([]);
  }, 60_000 + RUNS.numRuns * 1_000);

  it('lists and details of whatever was registered keep their layout, even once all is overdue', async () => {
    await chat.setClock('2032-01-01 09:00');
    const codes = await chat.read(async (s) => (await s.hazards.all()).map((h) => h.code));
    expect(codes.length).toBeGreaterThan(4);
    for (const [who, where] of [['刘县长', '县安委会领导群'], ['王建国', '应急管理局监管群'], ['张伟', '红星化工安全对接群'], ['赵主任', null]] as const) {
      for (const text of ['逾期隐患', '本群隐患', '我的隐患', '帮助']) for (const d of await chat.send(where, who, text)) await checkDelivery(d);
    }
    for (const c of codes) for (const d of await chat.send('县安委会领导群', '刘县长', `查询 ${c}`)) await checkDelivery(d);
    expect(problems).toEqual([]);
  });
});

describe('hostile registrations', () => {
  // a fresh bot, so the lists below hold only what these examples register
  beforeAll(async () => {
    await chat.close();
    chat = await createChat({ jobs: [], log: createLogger('warn', { write: (line: string) => void problems.push(line) }) });
  });

  it('refuses a description over 500 characters in Chinese and stores nothing', async () => {
    const before = await snapshot();
    const out = await chat.send('应急管理局监管群', '王建国', `登记隐患：红星化工 ${'阀'.repeat(501)}，责任人@张伟，3天内`);
    expect(out.map((d) => d.text)).toEqual(['隐患描述有 501 字，超过 500 字的上限，本次未登记。请精简后重新登记；详细材料可作为附件随进度发送。']);
    expect(await snapshot()).toBe(before);
    expect((await chat.send('应急管理局监管群', '王建国', '张伟')).map((d) => d.text)).toEqual([]); // no draft was kept
  });

  it('takes a 500-character description and echoes it cut, with the whole text kept in the record', async () => {
    const long = `${'阀'.repeat(499)}坏`;
    const out = await chat.send('应急管理局监管群', '王建国', `登记隐患：红星化工 ${long}，责任人@张伟，3天内`);
    expect(out[0]?.text).toMatch(/^已登记 YH-\d{4}/);
    expect(out[0]?.text).toContain(`${'阀'.repeat(199)}…`);
    const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0] ?? '';
    expect((await chat.read((s) => s.hazards.byCode(code)))?.description).toBe(long);
  });

  it('shows @所有人 and tags written in a hazard as text, and mentions only the owner', async () => {
    const out = await chat.send('红星化工安全对接群', '张伟', '登记隐患：@所有人 <@all> <at user_id="@all"> 仓库#标题 **加粗**，责任人@张伟，3天内');
    expect(out[0]?.mentions.map((p) => p.name)).toEqual(['张伟']);
    for (const d of out) await checkDelivery(d);
    const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0] ?? '';
    await chat.send('红星化工安全对接群', '张伟', `${code} 进度10% 通知@所有人 <@all>`);
    const detail = await chat.send('红星化工安全对接群', '张伟', `查询 ${code}`);
    for (const d of detail) await checkDelivery(d);
    expect(detail[0]?.text).toContain('进度 10%：通知＠所有人 ＜＠all>');
    expect(detail[0]?.mentions).toEqual([]);
    const listed = await chat.send('红星化工安全对接群', '张伟', '本群隐患');
    for (const d of listed) await checkDelivery(d);
    expect(listed[0]?.text).toContain('＜at user_id=');
  });

  it('answers a huge message within the limits', async () => {
    await fc.assert(
      fc.asyncProperty(hugeText, fc.constantFrom('登记隐患：', 'YH-0001 进度50% ', 'YH-0001 驳回 ', '查询 ', ''), async (huge, lead) => {
        for (const d of await chat.send('应急管理局监管群', '王建国', lead + huge)) await checkDelivery(d);
        expect(problems).toEqual([]);
      }),
      { numRuns: 15, seed: 7 },
    );
  });
});
