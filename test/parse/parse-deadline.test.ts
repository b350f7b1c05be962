import { afterAll, describe, expect, it } from 'vitest';
import { findDeadline, parseDeadlineValue } from '../../src/parse/parse-deadline.ts';

/** A Shanghai wall-clock instant built without the process TZ (UTC+8, no DST). */
const sh = (y: number, m: number, d: number, h = 9, min = 0): Date => new Date(Date.UTC(y, m - 1, d, h - 8, min));

const NOW = sh(2026, 12, 1); // Tuesday 2026-12-01 09:00

type FindRow = [input: string, date: string | null, text?: string, now?: Date];

const findRows: FindRow[] = [
  // absolute dates
  ['整改时限：12月15日前', '2026-12-15', '12月15日前'],
  ['十二月十五日', '2026-12-15', '十二月十五日'],
  ['请于12.15前整改完毕', '2026-12-15', '12.15前整改完毕'],
  ['12/15', '2026-12-15', '12/15'],
  ['2027年1月10日', '2027-01-10', '2027年1月10日'],
  ['二〇二七年一月十日前', '2027-01-10', '二〇二七年一月十日前'],
  ['2027-01-10', '2027-01-10', '2027-01-10'],
  ['2027.1.10之前完成', '2027-01-10', '2027.1.10之前完成'],
  ['二十三日前', '2026-12-23', '二十三日前'],
  ['12月15日下午5点前', '2026-12-15', '12月15日下午5点前'],
  ['１２月１５日前', '2026-12-15', '１２月１５日前'],
  ['期限：１２．１５', '2026-12-15', '１２．１５'],
  ['15号前整改', '2026-12-15', '15号前'],
  ['限期15日前整改完毕', '2026-12-15', '15日前整改完毕'],
  // weeks (Monday-start calendar weeks)
  ['下周五前', '2026-12-11', '下周五前'],
  ['本周五', '2026-12-04', '本周五'],
  ['这个星期天之前', '2026-12-06', '这个星期天之前'],
  ['周一前', '2026-12-07', '周一前'],
  ['下下周一', '2026-12-14', '下下周一'],
  ['本周内', '2026-12-06', '本周内'],
  ['下周五', '2026-12-11', '下周五', sh(2026, 12, 6)], // said on Sunday: still the coming week
  ['本周五', '2026-12-04', '本周五', sh(2026, 12, 6)], // already past, kept literal
  // relative days and durations
  ['明天', '2026-12-02', '明天'],
  ['后天前整改', '2026-12-03', '后天前'],
  ['大后天', '2026-12-04', '大后天'],
  ['3天内', '2026-12-04', '3天内'],
  ['三天内完成整改', '2026-12-04', '三天内完成整改'],
  ['期限3天', '2026-12-04', '期限3天'],
  ['限期5日', '2026-12-06', '限期5日'],
  ['限期五天', '2026-12-06', '限期五天'],
  ['整改时限：十五天以内', '2026-12-16', '时限：十五天以内'],
  ['5个工作日内', '2026-12-08', '5个工作日内'],
  ['整改时限 3 天', '2026-12-04', '时限 3 天'],
  ['5个工作日内', '2026-12-07', '5个工作日内', sh(2026, 11, 30)], // Monday → next Monday
  ['一周内', '2026-12-08', '一周内'],
  ['两周内', '2026-12-15', '两周内'],
  ['1个月内', '2027-01-01', '1个月内'],
  ['一个月内', '2027-01-01', '一个月内'],
  ['半个月内', '2026-12-16', '半个月内'],
  // period ends
  ['本月底', '2026-12-31', '本月底'],
  ['月底前', '2026-12-31', '月底前'],
  ['下月底', '2027-01-31', '下月底'],
  ['下个月底前', '2027-01-31', '下个月底前'],
  ['年底前', '2026-12-31', '年底前'],
  ['年底', '2026-12-31', '年底'],
  ['本年底', '2026-12-31', '本年底'],
  ['月中', '2026-12-15', '月中'],
  ['12月底前', '2026-12-31', '12月底前'],
  ['十二月中旬', '2026-12-20', '十二月中旬'],
  // year rollover and month-end edges
  ['1月5日', '2027-01-05', '1月5日', sh(2026, 12, 20)],
  ['11.30前', '2026-11-30', '11.30前', sh(2026, 12, 20)], // already past: reported as written (#9 item 8)
  ['12月20日', '2026-12-20', '12月20日', sh(2026, 12, 20, 23, 59)],
  ['月中', '2027-01-15', '月中', sh(2026, 12, 20)],
  ['15号前', '2027-01-15', '15号前', sh(2026, 12, 20)],
  ['1个月内', '2027-02-28', '1个月内', sh(2027, 1, 31)],
  ['本月底', '2027-02-28', '本月底', sh(2027, 2, 3)],
  ['明天', '2027-01-01', '明天', sh(2026, 12, 31, 23, 30)],
  ['明天', '2026-12-02', '明天', sh(2026, 12, 1, 0, 30)], // UTC date is still Nov 30
  ['9月6日', '2026-09-06', '9月6日', sh(2026, 9, 6, 10)], // DST starts at midnight in Santiago
  // picks the deadline over an earlier plain mention
  ['12月1日检查发现隐患，12月15日前整改', '2026-12-15', '12月15日前'],
  ['12月1日至12月15日整改', '2026-12-15', '12月1日至12月15日'],
  ['明天复查，要求下周五前整改到位', '2026-12-11', '下周五前'],
  // must not match
  ['进度60%', null],
  ['浓度12.5%', null],
  ['隐患编号YH-0012', null],
  ['联系电话13812345678', null],
  // a number before a month is no year without 年 (chrono's zh parser took 1111 as one)
  ['电话13800001111，12月15日前', '2026-12-15', '12月15日前'],
  ['编号2024 12月15日前', '2026-12-15', '12月15日前'],
  ['座机0571-88886666', null],
  ['配备3个灭火器', null],
  ['2号储罐泄漏', null],
  ['9点', null],
  ['9点前到场', null],
  ['明早9点前到场', '2026-12-02', '明早9点前'],
  ['明天下午5点前', '2026-12-02', '明天下午5点前'],
  ['12月', null],
  ['版本1.2.3', null],
  ['每周一检查', null],
  ['依据第1.5条', null],
  ['温度12.15度', null],
  ['上周五发现', null],
  ['已整改完毕', null],
  ['今后天气转冷注意防冻', null],
  // a fraction or zero is no length of time to count (0.5天内 was 5天内, 1.5天内 was 1月5日)
  ['0.5天内', null],
  ['1.5天内', null],
  ['2.5个工作日内', null],
  ['0.5小时内', null],
  ['0天内', null],
  ['期限0天', null],
  ['0小时内', null],
];

const valueRows: [input: string, date: string | null, now?: Date][] = [
  ['3天', '2026-12-04'],
  ['15号', '2026-12-15'],
  ['15日', '2026-12-15'],
  ['１５号。', '2026-12-15'],
  ['15号', '2027-01-15', sh(2026, 12, 20)],
  ['31号', '2027-03-31', sh(2027, 2, 10)],
  ['两周', '2026-12-15'],
  ['5个工作日', '2026-12-08'],
  ['3天内', '2026-12-04'],
  ['15日内', '2026-12-16'],
  ['12月15日', '2026-12-15'],
  ['好的，下周五前', '2026-12-11'],
  ['2号储罐', null],
  ['尽快', null],
  ['0天', null],
  ['0.5天', null],
];

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

// Node re-reads process.env.TZ on assignment, so every row runs in each zone.
describe.each(['Asia/Shanghai', 'UTC', 'America/New_York', 'America/Santiago', 'Pacific/Kiritimati'])('TZ=%s', (tz) => {
  const setTz = () => {
    process.env.TZ = tz;
  };
  const offsets: Record<string, number> = {
    'Asia/Shanghai': -480, UTC: 0, 'America/New_York': 300, 'America/Santiago': 180, 'Pacific/Kiritimati': -840,
  };

  it('really runs in that zone', () => {
    setTz();
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(offsets[tz]);
  });

  describe('findDeadline', () => {
    it.each(findRows)('%s → %s', (input, date, text, now) => {
      setTz();
      const found = findDeadline(input, now ?? NOW);
      if (date === null) {
        expect(found).toBeNull();
        return;
      }
      expect(found?.date).toBe(date);
      expect(found?.text).toBe(text);
      expect(input.slice(found?.index, (found?.index ?? 0) + (found?.text.length ?? 0))).toBe(text);
    });
  });

  describe('parseDeadlineValue', () => {
    it.each(valueRows)('%s → %s', (input, date, now) => {
      setTz();
      expect(parseDeadlineValue(input, now ?? NOW)).toBe(date);
    });
  });
});
