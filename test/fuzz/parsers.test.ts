import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandForBareCode, commands } from '../../commands/index.ts';
import { addDays, atLocal, dayjs, localDate } from '../../src/domain/calendar.ts';
import { findDeadline, parseDeadlineValue } from '../../src/parse/parse-deadline.ts';
import { parseExtension, parseReason } from '../../src/parse/parse-extension.ts';
import { chineseNumber, parseProgress } from '../../src/parse/parse-progress.ts';
import { parseRegistration } from '../../src/parse/parse-registration.ts';
import { parseRole } from '../../src/parse/parse-role.ts';
import { normalizeText } from '../../src/parse/normalize.ts';
import { routeMessage } from '../../src/parse/route.ts';
import { anyText, datePhrase } from './arbitraries.ts';

// The parsers are pure: a few hundred seeded runs each, well under a second.
const RUNS = process.env.HZ_FUZZ_RUNS ? { numRuns: Number(process.env.HZ_FUZZ_RUNS) } : { numRuns: 300, seed: 20261201 };
const UNITS = ['应急管理局', '城关镇', '红星化工', '红星化工二厂', '实验小学', '蓝天物流'];
/** Any moment from 2020 to 2035 */
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });

/** A real calendar date in YYYY-MM-DD form. */
function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && dayjs.utc(date).format('YYYY-MM-DD') === date;
}

describe('normalizeText on any input', () => {
  it('never throws, leaves no control, zero-width or bidi characters and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeText(text);
        expect(once).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2069\uFEFF\r]/);
        expect(normalizeText(once)).toBe(once);
      }),
      RUNS,
    );
  });
});

describe('routeMessage on any input', () => {
  it('never throws and names only real commands and canonical codes', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const routed = routeMessage(normalizeText(text), commands, commandForBareCode);
        if (!routed) return;
        expect(commands).toContain(routed.command);
        if (routed.code !== null) expect(routed.code).toMatch(/^YH-\d{4,6}$/);
      }),
      RUNS,
    );
  });
});

describe('deadlines in every form', () => {
  it('are a real date or nothing, and point at the words they came from', () => {
    fc.assert(
      fc.property(fc.oneof(datePhrase, anyText), instant, (text, now) => {
        const found = findDeadline(text, now);
        if (found) {
          expect(isRealDate(found.date), found.date).toBe(true);
          expect(text.slice(found.index, found.index + found.text.length)).toBe(found.text);
        }
        const value = parseDeadlineValue(text, now);
        if (value !== null) expect(isRealDate(value), value).toBe(true);
      }),
      RUNS,
    );
  });

  it('count `N天内` from the Shanghai day of the message, whatever the hour (`0天内` is no deadline)', () => {
    expect(findDeadline('0天内', new Date())).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), instant, (n, now) => {
        const expected = dayjs.utc(localDate(now)).add(n, 'day').format('YYYY-MM-DD');
        expect(findDeadline(`${n}天内`, now)?.date).toBe(expected);
        expect(addDays(localDate(now), n)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('read a full date exactly when it exists, and never invent one that does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 35 }), instant, (y, m, d, now) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const found = findDeadline(`整改时限：${y}年${m}月${d}日前`, now);
        if (isRealDate(iso)) expect(found?.date).toBe(iso);
        else expect(found?.date).not.toBe(iso);
      }),
      RUNS,
    );
  });

  it('put a month and day without a year at its nearest to today: past (and said so) within half a year, else ahead within a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), instant, (m, d, now) => {
        const found = findDeadline(`${m}月${d}日前`, now);
        const today = localDate(now);
        if (!found) return;
        expect(found.past).toBe(found.date < today);
        expect(found.date >= addDays(today, -184)).toBe(true);
        expect(found.date <= addDays(today, 366 * 2)).toBe(true); // 2月29日 waits for a leap year
        expect(found.date.slice(5)).toBe(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      }),
      RUNS,
    );
  });
});

describe('registration text', () => {
  it('never throws and yields well-formed fields', () => {
    fc.assert(
      fc.property(anyText, instant, (text, now) => {
        const fields = parseRegistration(normalizeText(text), { now, unitNames: UNITS });
        if (fields.deadline !== undefined) expect(isRealDate(fields.deadline)).toBe(true);
        if (fields.level !== undefined) expect(['general', 'major']).toContain(fields.level);
        if (fields.units !== undefined) expect(fields.units.every((u) => typeof u === 'string' && u.length > 0)).toBe(true);
        if (fields.description !== undefined) expect(fields.description).not.toMatch(/\n/);
        if (fields.owner !== undefined) expect(fields.owner).not.toMatch(/^@/);
      }),
      RUNS,
    );
  });
});

describe('progress, extension, reason and role words', () => {
  it('never throw; a progress is a whole number, an extension a real date', () => {
    fc.assert(
      fc.property(anyText, instant, (text, now) => {
        const t = normalizeText(text);
        const progress = parseProgress(t);
        if (progress.percent !== null) expect(Number.isInteger(progress.percent)).toBe(true);
        // a negative percentage comes back only when a sign was written, so the command refuses it
        if (progress.percent !== null && progress.percent < 0) expect(/[-−负]/.test(t)).toBe(true);
        const extension = parseExtension(t, now);
        if (extension.to !== null) expect(isRealDate(extension.to)).toBe(true);
        expect(typeof parseReason(t)).toBe('string');
        const role = parseRole(t);
        if (role !== null) expect(['admin', 'leader', 'department', 'contact']).toContain(role);
        const n = chineseNumber(t);
        if (n !== null) expect(n >= 0 && n <= 100).toBe(true);
      }),
      RUNS,
    );
  });

  it('keep an out-of-range percentage for the command to refuse, never clamp it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 9999 }), (n) => {
        expect(parseProgress(`进度${n}%`).percent).toBe(n);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

describe('found by fuzzing', () => {
  const now = atLocal('2026-12-01 09:00');
  it.each([
    // ZHHansDateParser read the digits glued before a month as a year: '10-01-15' was no date
    ['101月15日前', '2027-01-15'],
    ['0-00-00十二月十五日前', '2026-12-15'],
    // a two-digit year with 年 was kept as year 26: '26-12-15' sorted after every real date
    ['26年12月15日前', '2026-12-15'],
    ['99年12月15日前', '2099-12-15'],
    ['0012-12-15', null],
  ])('%s → %s', (text, date) => {
    expect(findDeadline(text, now)?.date ?? null).toBe(date);
  });
});
