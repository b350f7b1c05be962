import * as chrono from 'chrono-node';
import { dayBeforeFestival, FESTIVAL_NAMES } from './festival-deadline.ts';
import { addDays, dayjs, daysBetween, localDate } from '../domain/calendar.ts';
import { isDeadlineFarAhead } from '../domain/deadline.ts';

/** A deadline found in free text. */
export interface DeadlineMatch {
  /** The Shanghai calendar date, YYYY-MM-DD. */
  date: string;
  /** The exact substring of the input that expressed it, with an attached 前/之前/内/为止/整改完毕… */
  text: string;
  /** Start index of `text` in the input. */
  index: number;
  /**
   * The date is before the message's day (`11月20日前` said on 12月2日): reported as written,
   * never moved to next year, so the caller can refuse it and say why.
   */
  past: boolean;
  /** More than {@link CONFIRM_AFTER_MONTHS} months ahead: worth confirming before it is saved. */
  farAhead: boolean;
}



type Ymd = { year: number; month: number; day: number };

const CN = '[零〇一二两三四五六七八九十]';
/** A day or month number: 1–2 digits or a Chinese numeral up to 99. */
const NUM = `(\\d{1,2}|${CN}{1,3})`;
const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** '15', '十五', '二十三', '两' → number; NaN for anything else (or above 99). */
function toNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const [tens, ones, extra] = s.split('十');
  if (extra !== undefined) return NaN;
  const digit = (c: string | undefined, empty: number): number => (c ? (c.length === 1 ? (CN_DIGIT[c] ?? NaN) : NaN) : empty);
  // No 十: a single digit. With 十: '十五' = 15, '二十' = 20, '二十三' = 23.
  return ones === undefined ? digit(tens, NaN) : digit(tens, 1) * 10 + digit(ones, 0);
}

const fmt = (d: Ymd): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Calendar arithmetic on plain dates is done in dayjs' UTC mode so the process TZ never matters. */
const utcDay = (date: string) => dayjs.utc(date);
/** Plain arithmetic where dayjs would cost more than the parse: this runs for every date in every message. */
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A valid YYYY-MM-DD or null (2月30日, a year that is not four digits, and the like). */
function validDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return null;
  return day <= daysInMonth(year, month) ? fmt({ year, month, day }) : null;
}

/**
 * Month/day without a year: the nearest such date to today, last year's, this year's or next
 * year's (a tie goes forward). On 12月2日 `1月10日` is next January, but `11月20日` is the one
 * twelve days ago: a date already past is reported as past, not silently moved a year on.
 */
export function monthDayNearest(today: string, month: number, day: number | 'end'): string | null {
  if (!(month >= 1 && month <= 12)) return null;
  const year = Number(today.slice(0, 4));
  let best: { date: string; distance: number } | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const d = validDate(y, month, day === 'end' ? daysInMonth(y, month) : day);
    if (!d) continue;
    const distance = Math.abs(daysBetween(today, d)) - (d >= today ? 0.5 : 0);
    if (!best || distance < best.distance) best = { date: d, distance };
  }
  return best?.date ?? null;
}

/** Day of month alone ('15号'): this month, or the next month that has that day once passed. */
function dayOfMonthForward(today: string, day: number): string | null {
  const first = utcDay(today).startOf('month');
  for (let i = 0; i < 3; i++) {
    const m = first.add(i, 'month');
    const d = validDate(m.year(), m.month() + 1, day);
    if (d && d >= today) return d;
  }
  return null;
}

/** Mon–Fri only; statutory holidays and 调休 make-up days are not known. */
function addWorkdays(date: string, n: number): string {
  let d = utcDay(date);
  for (let left = n; left > 0; ) {
    d = d.add(1, 'day');
    if (d.day() !== 0 && d.day() !== 6) left--;
  }
  return d.format('YYYY-MM-DD');
}

/** Monday of the calendar week holding `date` (weeks run Monday–Sunday, as in China). */
const mondayOf = (date: string): string => addDays(date, -((utcDay(date).day() + 6) % 7));

const RELATIVE_DAY: Record<string, number> = { 今: 0, 当: 0, 明: 1, 后: 2, 大后: 3 };
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** `N天` / `N个工作日` / `N周` / `N个月` counted from `today` (that day is day 0). */
export function afterDuration(today: string, n: number, unit: string): string {
  if (unit.includes('工作日')) return addWorkdays(today, n);
  if (unit.endsWith('月')) return utcDay(today).add(n, 'month').format('YYYY-MM-DD');
  if (unit === '年') return utcDay(today).add(n, 'year').format('YYYY-MM-DD');
  if (/[周星礼]/.test(unit)) return addDays(today, 7 * n);
  return addDays(today, n);
}

/** 立即整改, 立行立改, 马上处理 as a deadline: today. `立即停用塔吊` is a measure, not a date. */
const IMMEDIATE = /(?:立行立改|(?:立即|立刻|马上|即刻|当即|即行)(?:整改|处理|落实|整治|改正|完成)?(?:到位|完毕)?)(?![\p{Script=Han}])/u;

const DURATION_UNIT = '(个?(?:工作日|天|日|周|星期|礼拜)|个月|年)';
const DURATION_NUM = `(\\d{1,3}|${CN}{1,3}|半)`;

function durationDays(today: string, numText: string, unit: string): string | null {
  if (numText === '半') return unit === '个月' ? addDays(today, 15) : unit === '年' ? afterDuration(today, 6, '个月') : null;
  const n = toNumber(numText);
  // `0天内` is no deadline (a slip for 10天内?): left unread, so the bot asks instead of recording today
  return Number.isNaN(n) || n === 0 ? null : afterDuration(today, n, unit);
}

/** The char before a match; chrono runs patterns on a tail of the text, so a lookbehind can't see it. */
const prevChar = (ctx: chrono.ParsingContext, m: RegExpMatchArray): string => ctx.text[(m.index ?? 0) - 1] ?? '';

const toYmd = (date: string | null): Ymd | null =>
  date ? { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) } : null;

/**
 * Our own parsers, for what chrono's zh parsers miss or get wrong for this use
 * (its weekday parsers use Sunday-start weeks; its 'N天内' ignores 期限/工作日).
 * Each takes today's Shanghai date through the closure and assigns year/month/day.
 */
function customParsers(today: string, now: Date): chrono.Parser[] {
  const parser = (pattern: RegExp, extract: (m: RegExpMatchArray, ctx: chrono.ParsingContext) => string | null): chrono.Parser => ({
    pattern: () => pattern,
    extract: (ctx, m) => toYmd(extract(m, ctx)),
  });
  const year = Number(today.slice(0, 4));
  const thisMonth = utcDay(today);
  return [
    // 去年12月1日, 今年十二月十五日前, 明年1月10号: the year is written, so it is kept as written
    parser(new RegExp(`(去|今|明|后)年${NUM}月${NUM}[日号]`), (m) => {
      const y = year + ({ 去: -1, 今: 0, 明: 1, 后: 2 }[m[1] ?? ''] ?? 0);
      return validDate(y, toNumber(m[2] ?? ''), toNumber(m[3] ?? ''));
    }),

    // 下月10号, 下个月十五日, 本月20号前 (本月 may name a day already past: reported as such)
    parser(new RegExp(`(下下|下|本|这|当)个?月的?${NUM}[日号]`), (m, ctx) => {
      if (prevChar(ctx, m) === '上') return null;
      const month = thisMonth.startOf('month').add({ 下下: 2, 下: 1 }[m[1] ?? ''] ?? 0, 'month');
      return validDate(month.year(), month.month() + 1, toNumber(m[2] ?? ''));
    }),

    // 48小时内, 24个小时之内, 限期72小时: counted from the message's instant
    parser(new RegExp(`(?:(?:期限|限期|时限)[:：为是\\s]*(\\d{1,3}|${CN}{1,3})\\s*个?(?:小时|钟头)|(\\d{1,3}|${CN}{1,3})\\s*个?(?:小时|钟头)(?=之内|以内|内))`), (m, ctx) => {
      if (/[\d\-负.]/.test(prevChar(ctx, m))) return null;
      const hours = toNumber(m[1] ?? m[2] ?? '');
      return Number.isNaN(hours) || hours === 0 ? null : localDate(new Date(now.getTime() + hours * 3_600_000));
    }),

    // 春节前, 过年前, 年前, 国庆节前, 中秋之前: the day before the next one (chinese-days' lunar calendar)
    parser(new RegExp(`(${FESTIVAL_NAMES}|年)节?(?=之前|以前|前)`), (m, ctx) => {
      // 年前 is 春节前 only as a word of its own: not 两年前, 去年前, 每年前
      if (m[1] === '年' && /[\d零〇一二两三四五六七八九十几多半去今明前后每当上本同近往新跨个]/.test(prevChar(ctx, m))) return null;
      return dayBeforeFestival(m[1] === '年' ? '春节' : (m[1] ?? ''), today);
    }),

    // 立即整改, 立行立改, 马上处理: today. Weak: any written date beats it (see IMMEDIATE)
    parser(IMMEDIATE, () => today),

    // 今天 明天 后天 大后天 明早 今晚 (当天 = today)
    parser(/(今|当|明|大后|后)(?:天|日|早|晚)/, (m, ctx) =>
      m[1] === '后' && /[今以之然最前此]/.test(prevChar(ctx, m)) ? null : addDays(today, RELATIVE_DAY[m[1] ?? ''] ?? 0), // not 今后天气
    ),

    // 下周五, 本周五, 这个星期五, 下下周一; bare 周五 = the next one on or after today.
    parser(/(下下|下|本|这)?个?(?:星期|礼拜|周)([一二三四五六日天])/, (m, ctx) => {
      const wd = WEEKDAY[m[2] ?? ''] ?? 1;
      const weeks = { 下下: 2, 下: 1, 本: 0, 这: 0 }[m[1] ?? ''];
      if (weeks === undefined) {
        // '每周一', '两周一次', '上周五' are not deadlines.
        if (/[每上几\d一二两三四五六七八九十]/.test(prevChar(ctx, m)) || m[0].startsWith('个')) return null;
        const d = addDays(mondayOf(today), wd - 1);
        return d >= today ? d : addDays(d, 7);
      }
      return addDays(mondayOf(today), 7 * weeks + wd - 1);
    }),

    // 本周内 / 下周内 / 本周末 / 下周末 → that week's Sunday.
    parser(/(本|这|下)个?(?:星期|礼拜|周)[内末]/, (m) => addDays(mondayOf(today), m[1] === '下' ? 13 : 6)),

    // 本月底, 月底, 下个月底, 月中, 本月内, 下月中旬; 年底, 本年底, 今年底, 年内, 明年底.
    parser(/(本|这个?|今|下个?|明)?(月|年)(底|末|内|中旬|上旬|下旬|中)/, (m) => {
      const [, which = '', unit, part = ''] = m;
      if (unit === '年') {
        if (!/^(底|末|内)$/.test(part) || which.startsWith('下') || which.startsWith('这')) return null;
        return `${which === '明' ? year + 1 : year}-12-31`;
      }
      if (which === '今' || which === '明') return null;
      const month = which.startsWith('下') ? thisMonth.add(1, 'month') : thisMonth;
      const day = { 底: 'end', 末: 'end', 内: 'end', 下旬: 'end', 中: 15, 中旬: 20, 上旬: 10 }[part] ?? 'end';
      const d = day === 'end' ? month.endOf('month') : month.date(day as number);
      // '月中' said after the 15th means next month's.
      if (!which && d.format('YYYY-MM-DD') < today) return month.add(1, 'month').date(day as number).format('YYYY-MM-DD');
      return d.format('YYYY-MM-DD');
    }),

    // 12月底, 十二月中旬
    parser(new RegExp(`${NUM}月(底|末|中旬|上旬|下旬|中)`), (m, ctx) => {
      if (/\d/.test(prevChar(ctx, m))) return null;
      const day = { 中: 15, 中旬: 20, 上旬: 10 }[m[2] ?? ''] ?? 'end';
      return monthDayNearest(today, toNumber(m[1] ?? ''), day);
    }),

    // 12.15, 12/15, 2027.1.10, 2027/01/10 — not inside other numbers, codes, decimals or quantities
    // (1.5天内 is a length, not 1月5日).
    parser(/(?:(\d{4})([./]))?(\d{1,2})[./](\d{1,2})(?![\d./%:A-Za-z万元米吨度个台套处项人倍级条款章节版天周小星礼年])/, (m, ctx) => {
      if (/[\dA-Za-z./\-第]/.test(prevChar(ctx, m))) return null;
      const [, y, sep, mo = '', d = ''] = m;
      if (y && !m[0].slice(5).includes(sep ?? '')) return null; // 2027.1/10
      return y ? validDate(Number(y), Number(mo), Number(d)) : monthDayNearest(today, Number(mo), Number(d));
    }),

    // 15号前, 十五日之前 (a bare '2号' is a tank, not a date).
    parser(new RegExp(`${NUM}(?:号|日)(?=之前|以前|前|为止)`), (m, ctx) => {
      if (/[\d月]/.test(prevChar(ctx, m))) return null;
      return dayOfMonthForward(today, toNumber(m[1] ?? ''));
    }),

    // 期限3天, 限期五天, 时限：5个工作日; 3天内, 一周内, 1个月以内, 5个工作日内, 半个月内.
    parser(
      new RegExp(`(?:(?:期限|限期|时限)[:：为是\\s]*${DURATION_NUM}\\s*${DURATION_UNIT}(?![之以]?前)|${DURATION_NUM}\\s*${DURATION_UNIT}(?=之内|以内|内))`),
      (m, ctx) => {
        // -3天内 and 0.5天内 are no deadlines (0.5天内 was read as 5天内): left unread, so the bot
        // says it did not understand them
        if (/[\d\-负.]/.test(prevChar(ctx, m))) return null;
        return durationDays(today, m[1] ?? m[3] ?? '', m[2] ?? m[4] ?? '');
      },
    ),
  ];
}

/**
 * chrono's zh parsers kept: absolute dates (十二月十五日, 2027年1月10日) and ISO dates.
 * Its time parser is left out: it decides 明天 from the reference's local hour, so an
 * attached time is taken by SUFFIX instead.
 */
const CHRONO_KEPT = new Set(['ISOFormatParser', 'ZHHansDateParser']);
/** Its UnlikelyFormatFilter drops '12.15' as a plain number; dates are validated here instead. */
const CHRONO_DROPPED_REFINERS = new Set(['UnlikelyFormatFilter']);

/** Words attached after a date that belong to the deadline phrase: a time, 前/内/为止, 整改完毕. */
const SUFFIX = new RegExp(
  `^(?:\\s*(?:上午|下午|晚上|早上|中午)?(?:\\d{1,2}|${CN}{1,3})(?:点|时)(?:半|(?:\\d{1,2}|${CN}{1,3})分?)?|\\s*\\d{1,2}:\\d{2})?` +
    '(?:之前|以前|前|之内|以内|内|为止|止)?(?:整改完毕|整改完成|完成整改|完成)?',
);
/** A date counts as a deadline, not a mere mention, when it carries one of these. */
const MARKED_END = /(?:前|内|为止|止|完毕|完成|底|末|中|旬)$/;
const MARKED_START = /^(?:期限|限期|时限)/;
const MARKED_BEFORE = /(?:(?:时限|期限|截止|截至|限期|完成|整改)(?:时间|日期)?(?:为|是|到|至|于)?|(?:^|[\s,，;；]|延期|延长|推迟|顺延)(?:到|至))[:：\s]*$/;

/**
 * ZHHansDateParser takes any 2–4 digits before a month as the year, 年 or not, so
 * `电话13800001111，12月15日前` became 1111-12-15 and `101月15日` (a typo) 10-01-15. Only 年
 * (or an ISO/dotted form) makes a year: returns the length of such a stray number (and
 * separators) at the start, else null.
 */
function strayYear(text: string, hasYear: boolean, year: number | null): number | null {
  if (!hasYear || text.includes('年') || /\d[-./]\d/.test(text)) return null;
  const digits = year !== null ? new RegExp(`^[\\s,，|]*0*${year}[\\s,，|]*`).exec(text) : null;
  return (digits ?? /^[\s,，|]*(?:[零〇一二两三四五六七八九十]{4}|[零〇一二两三四五六七八九十]{2})[\s,，|]+/.exec(text))?.[0].length ?? null;
}

/** `26年12月15日` is 2026: a two-digit year written with 年 is this century's. */
const fullYear = (year: number, text: string): number => (year < 100 && /\d年/.test(text) ? 2000 + year : year);

/** Full-width ASCII (１２．１５) → ASCII, one char for one char so indexes stay valid. */
const normalize = (text: string): string =>
  text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/元月(?=\d|[零〇一二两三四五六七八九十]|底|中|末|上旬|中旬|下旬)/g, '1月'); // 元月 is January, said the way officials write it

/**
 * Finds the deadline in free text: the first date phrase marked as a deadline
 * (…前, …内, 期限…, 整改时限：…, 月底…), else the first date phrase at all.
 *
 * Relative phrases count from the message's Shanghai date: `3天内` = today + 3,
 * `5个工作日内` = the 5th Mon–Fri day after today (holidays/调休 ignored),
 * `1个月内` = same day next month (clamped: 1月31日 → 2月28日).
 * `下周五` = Friday of next calendar week, weeks starting Monday; `本周五` = this week's
 * Friday even if already past; a bare `周五` = the next Friday on or after today.
 * A month/day without a year that is already past means next year.
 */
export function findDeadline(text: string, now: Date): DeadlineMatch | null {
  const src = normalize(text);
  const today = localDate(now);
  const engine = chrono.zh.hans.strict.clone();
  engine.parsers = [...engine.parsers.filter((p) => CHRONO_KEPT.has(p.constructor.name)), ...customParsers(today, now)];
  engine.refiners = engine.refiners.filter((r) => !CHRONO_DROPPED_REFINERS.has(r.constructor.name));
  // chrono's zh parsers read the reference with local-time getters, so hand them a
  // Date whose *local* midnight is today's Shanghai date; results are read back as
  // plain year/month/day components, never as instants.
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const ref = new Date(y, m - 1, d);

  const found: (Omit<DeadlineMatch, 'past' | 'farAhead'> & { marked: boolean; weak: boolean })[] = [];
  for (const r of engine.parse(src, ref, { forwardDate: true })) {
    const c = r.end ?? r.start; // a range '12月1日至12月15日' is due at its end
    if (!c.isCertain('day')) continue; // a time or month alone ('9点', '12月') is no date
    const stray = strayYear(r.text, c.isCertain('year'), c.get('year'));
    // no year written: ours, not chrono's guess, which skips 2月29日 in a year that has none
    const date = stray || !c.isCertain('year')
      ? monthDayNearest(today, c.get('month') ?? 0, c.get('day') ?? 0)
      : validDate(fullYear(c.get('year') ?? 0, r.text), c.get('month') ?? 0, c.get('day') ?? 0);
    if (!date) continue;
    const lead = stray ?? /^[\s,，|]*/.exec(r.text)?.[0].length ?? 0; // ZHHansDateParser may start on a separator
    const index = r.index + lead;
    const matchText = r.text.slice(lead) + (SUFFIX.exec(src.slice(r.index + r.text.length))?.[0] ?? '');
    const marked =
      MARKED_END.test(matchText) || MARKED_START.test(matchText) || MARKED_BEFORE.test(src.slice(Math.max(0, index - 8), index));
    const weak = IMMEDIATE.test(matchText) && IMMEDIATE.exec(matchText)?.index === 0;
    found.push({ date, text: text.slice(index, index + matchText.length), index, marked, weak });
  }
  const strong = found.filter((f) => !f.weak);
  const best = strong.find((f) => f.marked) ?? strong[0] ?? found[0];
  return best ? { date: best.date, text: best.text, index: best.index, past: best.date < today, farAhead: isDeadlineFarAhead(best.date, today) } : null;
}

/**
 * Reads a reply known to be a deadline answer. Besides everything {@link findDeadline}
 * understands it accepts a bare day of month (`15号`, `15日` → this month's 15th, or
 * next month's once passed) and a bare duration (`3天`, `5个工作日`, `两周`, `1个月`).
 */
export function parseDeadlineValue(text: string, now: Date): string | null {
  const t = normalize(text).trim().replace(/[。.!！~～\s]+$/, '');
  const today = localDate(now);
  const day = new RegExp(`^${NUM}[号日](?:之前|以前|前|为止)?$`).exec(t);
  if (day) return dayOfMonthForward(today, toNumber(day[1] ?? ''));
  const dur = new RegExp(`^${DURATION_NUM}\\s*${DURATION_UNIT}(?:之内|以内|内)?$`).exec(t);
  if (dur) return durationDays(today, dur[1] ?? '', dur[2] ?? '');
  const hours = new RegExp(`^(\\d{1,3}|${CN}{1,3})\\s*个?(?:小时|钟头)(?:之内|以内|内)?$`).exec(t);
  if (hours) return findDeadline(`${hours[1]}小时内`, now)?.date ?? null;
  return findDeadline(text, now)?.date ?? null;
}
