import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, atLocal, daysBetween, formatDate, localDate } from '../../src/domain/calendar.ts';
import { daysLeft, daysOverdue, isOverdue } from '../../src/domain/overdue.ts';
import { findDeadline, parseDeadlineValue } from '../../src/parse/parse-deadline.ts';
import { createChat, type Chat } from '../helpers/chat.ts';

// Every date the county speaks of is an Asia/Shanghai day, whatever zone the server's clock is
// set to. China has had no daylight saving since 1991, but servers run in UTC, and a laptop
// running the simulator may sit in New York or Santiago: these run the same edges in each.

/** Zones with offsets on both sides of Shanghai, half hours, and DST at 2 a.m. and at midnight. */
const ZONES = ['UTC', 'America/New_York', 'America/Santiago', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Shanghai'];
const ORIGINAL_TZ = process.env.TZ;

function useZone(zone: string): void {
  process.env.TZ = zone; // Node re-reads the zone on assignment: Dates made from here on use it
}
function restoreZone(): void {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
}

const at = atLocal;
const overdueAt = (deadline: string, when: Date) => isOverdue({ deadline, status: 'rectifying' }, when);

describe.each(ZONES)('with the server clock in %s', (zone) => {
  beforeEach(() => useZone(zone));
  afterEach(restoreZone);

  it('the process really runs in that zone', () => {
    const offset = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
    expect(zone === 'UTC' ? offset : null).toBe(zone === 'UTC' ? 0 : null);
    if (zone === 'America/New_York') expect(offset).toBe(300);
    if (zone === 'Pacific/Kiritimati') expect(offset).toBe(-840);
  });

  it.each([
    ['2026-12-31 23:59', '2026-12-31T15:59:00.000Z', '2026-12-31'],
    ['2027-01-01 00:00', '2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2027-01-01 00:01', '2026-12-31T16:01:00.000Z', '2027-01-01'],
    ['2028-02-29 12:00', '2028-02-29T04:00:00.000Z', '2028-02-29'],
    ['2026-03-08 15:30', '2026-03-08T07:30:00.000Z', '2026-03-08'], // New York springs forward at 07:00Z
    ['2026-11-01 14:30', '2026-11-01T06:30:00.000Z', '2026-11-01'], // New York falls back at 06:00Z
    ['2026-09-06 12:00', '2026-09-06T04:00:00.000Z', '2026-09-06'], // Santiago skips its midnight
  ])('Shanghai %s is %s, day %s', (wall, iso, day) => {
    expect(at(wall).toISOString()).toBe(iso);
    expect(localDate(new Date(iso))).toBe(day);
  });

  it('moves dates by whole Shanghai days across year, month, leap and DST edges', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
    expect(addDays('2026-09-05', 2)).toBe('2026-09-07');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
    expect(daysBetween('2026-12-15', '2027-01-15')).toBe(31);
  });

  it('makes a deadline overdue exactly at Shanghai midnight after its day', () => {
    expect(overdueAt('2026-12-15', at('2026-12-15 23:59'))).toBe(false);
    expect(overdueAt('2026-12-15', new Date('2026-12-15T15:59:59.999Z'))).toBe(false);
    expect(overdueAt('2026-12-15', new Date('2026-12-15T16:00:00.000Z'))).toBe(true);
    expect(overdueAt('2026-12-31', at('2027-01-01 00:01'))).toBe(true);
    expect(overdueAt('2028-02-29', at('2028-02-29 23:59'))).toBe(false);
    expect(overdueAt('2028-02-29', at('2028-03-01 00:00'))).toBe(true);
    expect(isOverdue({ deadline: '2026-12-15', status: 'closed' }, at('2027-06-01 00:00'))).toBe(false);
    expect(daysLeft('2026-12-15', at('2026-12-15 00:00'))).toBe(0);
    expect(daysLeft('2027-01-01', at('2026-12-31 23:59'))).toBe(1);
    expect(daysOverdue({ deadline: '2026-12-31', status: 'registered' }, at('2027-01-02 00:00'))).toBe(2);
    expect(daysOverdue({ deadline: '2026-03-07', status: 'registered' }, at('2026-03-09 08:00'))).toBe(2);
  });

  it('shows the year only when the date is in another Shanghai year', () => {
    expect(formatDate('2027-01-01', at('2026-12-31 23:59'))).toBe('2027年1月1日');
    expect(formatDate('2027-01-01', at('2027-01-01 00:01'))).toBe('1月1日');
    expect(formatDate('2026-12-31', at('2027-01-01 00:00'))).toBe('2026年12月31日');
  });

  it.each([
    // [phrase, said at (Shanghai), deadline]
    ['今天', '2026-12-31 23:59', '2026-12-31'],
    ['明天', '2026-12-31 23:59', '2027-01-01'],
    ['明天', '2027-01-01 00:01', '2027-01-02'],
    ['3天内', '2026-12-31 23:59', '2027-01-03'],
    ['本月底', '2026-12-31 23:59', '2026-12-31'],
    ['月底', '2027-01-01 00:01', '2027-01-31'],
    ['年底', '2026-12-31 23:59', '2026-12-31'],
    ['明年底', '2026-12-31 23:59', '2027-12-31'],
    ['12月31日前', '2027-01-01 00:01', '2026-12-31'], // yesterday, reported as past, not next December
    ['1月5日前', '2026-12-31 23:59', '2027-01-05'],
    ['本月底', '2028-02-10 10:00', '2028-02-29'],
    ['本月底', '2027-02-10 10:00', '2027-02-28'],
    ['下个月底', '2028-01-31 10:00', '2028-02-29'],
    ['1个月内', '2027-01-31 10:00', '2027-02-28'],
    ['1个月内', '2028-01-31 10:00', '2028-02-29'],
    ['2月29日前', '2027-03-01 10:00', '2028-02-29'],
    ['2028年2月29日前', '2027-03-01 10:00', '2028-02-29'],
    ['下周五', '2026-12-27 23:59', '2027-01-01'], // a Sunday night: next week starts Monday the 28th
    ['本周五', '2026-12-28 00:01', '2027-01-01'],
    ['5个工作日内', '2026-12-25 23:59', '2027-01-01'],
    ['15号前', '2026-12-31 23:59', '2027-01-15'],
    ['明天', '2026-03-07 23:59', '2026-03-08'], // New York's DST night
    ['3天内', '2026-03-07 16:00', '2026-03-10'],
    ['明天', '2026-10-31 23:59', '2026-11-01'],
    ['明天', '2026-09-05 23:59', '2026-09-06'], // Santiago's missing midnight
  ])('%s said at %s is due %s', (phrase, said, due) => {
    expect(findDeadline(phrase, at(said))?.date).toBe(due);
    expect(parseDeadlineValue(phrase, at(said))).toBe(due);
  });

  it('finds no 2月29日 within the coming year when there is none', () => {
    expect(findDeadline('2月29日前', at('2026-03-01 10:00'))).toBeNull();
    expect(findDeadline('2027年2月29日前', at('2026-03-01 10:00'))).toBeNull();
  });
});

describe.each(['UTC', 'America/New_York'])('a conversation with the server clock in %s', (zone) => {
  let chat: Chat;
  beforeAll(async () => {
    useZone(zone); // before any date is made
    // no scheduled jobs: these edges are about dates, and stepping every job through 72
    // simulated days cost most of this file's time (the jobs have their own tests)
    chat = await createChat({ at: '2026-12-31 23:59', jobs: [] });
  });
  afterAll(async () => {
    await chat.close();
    restoreZone();
  });

  const register = async (when: string) => {
    const out = await chat.send('应急管理局监管群', '王建国', `登记隐患：红星化工 储罐呼吸阀损坏，责任人@张伟，${when}`);
    const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0] ?? '';
    return { code, text: out[0]?.text ?? '', hazard: await chat.read((s) => s.hazards.byCode(code)) };
  };

  it('registers on the Shanghai day at 23:59 and 00:01 and derives overdue at Shanghai midnight', async () => {
    const today = await register('今天');
    expect(today.hazard?.deadline).toBe('2026-12-31');
    expect(today.text).toContain('整改时限：12月31日（今天到期）');
    const tomorrow = await register('明天');
    expect(tomorrow.hazard?.deadline).toBe('2027-01-01');
    expect(tomorrow.text).toContain('整改时限：2027年1月1日（剩1天）');
    expect((await chat.send('县安委会领导群', '刘县长', '逾期隐患'))[0]?.text).toBe('逾期隐患：暂无。');

    await chat.setClock('2027-01-01 00:01');
    const overdue = (await chat.send('县安委会领导群', '刘县长', '逾期隐患'))[0]?.text ?? '';
    expect(overdue).toContain(`${today.code} 红星化工：储罐呼吸阀损坏｜责任人 张伟｜时限 2026年12月31日（已逾期1天）`);
    expect(overdue).not.toContain(tomorrow.code);
    const next = await register('明天');
    expect(next.hazard?.deadline).toBe('2027-01-02');
    expect(next.hazard?.createdAt.toISOString()).toBe('2026-12-31T16:01:00.000Z');
  });

  it('keeps Shanghai days across New York’s DST switch', async () => {
    await chat.setClock('2027-03-13 23:59'); // New York springs forward 2027-03-14 02:00 local (07:00Z = 15:00 Shanghai)
    expect((await register('明天')).hazard?.deadline).toBe('2027-03-14');
    await chat.setClock('2027-03-14 15:30');
    const today = await register('今天');
    expect(today.hazard?.deadline).toBe('2027-03-14');
    expect((await register('3天内')).hazard?.deadline).toBe('2027-03-17');
    await chat.setClock('2027-03-14 23:59');
    expect((await chat.send('县安委会领导群', '刘县长', '逾期隐患'))[0]?.text).not.toContain(today.code);
    await chat.setClock('2027-03-15 00:00');
    expect((await chat.send('县安委会领导群', '刘县长', '逾期隐患'))[0]?.text).toContain(`${today.code} 红星化工：储罐呼吸阀损坏｜责任人 张伟｜时限 3月14日（已逾期1天）`);
  });
});
