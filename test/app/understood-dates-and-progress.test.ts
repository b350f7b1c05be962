import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

// #9 item 8 and #10 items 3 and 12, through the real message path, on 12月2日 as reported.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ at: '2026-12-02 10:00' });
});
afterEach(async () => {
  await chat.close();
});

const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));
const count = () => chat.read((s) => s.hazards.count({ includeClosed: true }));

describe('a deadline already past is refused, never moved to next year', () => {
  it.each([
    ['蓝天物流 叉车未年检 责任人 钱经理 11月20日前', '11月20日'],
    ['蓝天物流 叉车未年检 责任人 钱经理 去年12月1日前', '2025年12月1日'],
    ['蓝天物流 叉车未年检 责任人 钱经理 本月1号前', '12月1日'],
  ])('登记隐患 %s', async (text, shown) => {
    const out = await chat.send(G.safety, '王建国', `登记隐患 ${text}`);
    expect(out[0]?.text).toContain(`整改时限 ${shown} 已过`);
    expect(await count()).toBe(0);
  });

  it('申请延期到11月20日 is refused as past', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 申请延期到11月20日 原因：配件未到货`);
    expect(out[0]?.text).toContain('已过');
    expect((await hazard(code))?.extensionTo ?? null).toBeNull();
  });
});

describe('dates people use', () => {
  it.each([
    ['48小时内', '2026-12-04'],
    ['下月10号前', '2027-01-10'],
    ['春节前', '2027-02-05'],
    ['立行立改', '2026-12-02'],
    ['月底前', '2026-12-31'],
  ])('登记隐患 … %s → %s', async (phrase, deadline) => {
    const code = await registerHazard(chat, `蓝天物流 叉车未年检 责任人 钱经理 ${phrase}`);
    expect(await hazard(code)).toMatchObject({ deadline, description: '叉车未年检' });
  });

  it('says which deadline it did not understand instead of asking as if none was written', async () => {
    const out = await chat.send(G.safety, '王建国', '登记隐患 蓝天物流 叉车未年检 责任人 钱经理 -3天内');
    expect(out[0]?.text).toContain('没看懂整改时限「-3天内」');
    expect(out[0]?.text).not.toContain('请补充整改时限');
    expect(await count()).toBe(0);
  });

  // `0.5天内` was read as 5天内 and `1.5天内` as 1月5日: a wrong deadline recorded without a word
  it.each(['0.5天内', '1.5天内', '2.5个工作日内', '0天内', '期限0天'])('asks again for %s instead of recording a guess', async (phrase) => {
    const out = await chat.send(G.safety, '王建国', `登记隐患 蓝天物流 叉车未年检 责任人 钱经理 ${phrase}`);
    expect(out[0]?.text).toMatch(/没看懂整改时限「.*」|请补充整改时限/);
    expect(out[0]?.text).not.toContain('已登记');
    expect(await count()).toBe(0);
  });

  it('延期15天 counts from the current deadline', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 延期15天 配件未到货`);
    expect(out[0]?.text).toContain('申请延期至 12月30日');
    expect(await hazard(code)).toMatchObject({ extensionTo: '2026-12-30', extensionReason: '配件未到货' });
  });

  it('quotes an extension date it cannot read', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 申请延期到节后 原因：春节停工`);
    expect(texts(out).join('\n')).toContain('没看懂「节后」');
    const impossible = await chat.send(G.redStar, '张伟', `${code} 申请延期到2月30日 原因：配件未到货`);
    expect(texts(impossible)).toEqual([expect.stringContaining('没看懂「2月30日」这个延期日期')]);
  });

  it('an extension to a date before the current deadline says what the deadline is', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 申请延期到12月10日 原因：配件未到货`);
    expect(texts(out)).toEqual([`延期日期 12月10日 不晚于 ${code} 的现有时限 12月15日，请写 12月15日 以后的日期，例：${code} 申请延期到12月30日 原因：配件未到货`]);
  });
});

describe('progress as officials write it', () => {
  it.each([
    ['进度 三成', 30],
    ['进度 一半', 50],
    ['进度百分之七十', 70],
    ['进度 七成五', 75],
    ['进度 九十', 90],
  ])('%s records %s percent', async (words, percent) => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code.replace('-', '')} ${words}`);
    expect(out[0]?.text).toContain(`进度 ${percent}%`);
    expect((await hazard(code))?.progress).toBe(percent);
  });

  it('refuses a negative percentage instead of recording it as positive', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 进度-20%`);
    expect(out[0]?.text).toContain('超出范围');
    expect((await hazard(code))?.progress).toBe(0);
  });
});

describe('a date far ahead is pointed out', () => {
  it('an extension more than half a year out asks the reviewer to check it', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 申请延期到国庆节前 原因：需整体搬迁`);
    expect(texts(out).join('\n')).toContain('注意：延期日期 2027年9月30日 在6个月以后，审批前请核对。');
  });

  it('a past extension date says what today is and how to write it', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前');
    const out = await chat.send(G.redStar, '张伟', `${code} 申请延期到11月20日 原因：配件未到货`);
    expect(out[0]?.text).toBe('延期日期 11月20日 已过（今天是 12月2日），请给出今后的日期，例：YH-0012 申请延期到12月30日 原因：配件未到货');
  });
});

describe('a registration deadline more than half a year out', () => {
  it('is confirmed before it is saved', async () => {
    const asked = await chat.send(G.safety, '王建国', '登记隐患 红星化工 循环水泵房积水 责任人张伟 2027年8月30日前');
    expect(asked[0]?.text).toContain('整改时限 2027年8月30日 在6个月以后，确认无误请回复「确认」');
    expect(await count()).toBe(0);
    const done = await chat.send(G.safety, '王建国', '确认');
    expect(done[0]?.text).toContain('已登记');
    expect(await hazard('YH-0001')).toMatchObject({ deadline: '2027-08-30' });
  });

  it('takes a new deadline instead of the confirmation', async () => {
    await chat.send(G.safety, '王建国', '登记隐患 红星化工 循环水泵房积水 责任人张伟 国庆节前');
    const done = await chat.send(G.safety, '王建国', '12月30日前');
    expect(done[0]?.text).toContain('已登记');
    expect(await hazard('YH-0001')).toMatchObject({ deadline: '2026-12-30' });
  });
});
