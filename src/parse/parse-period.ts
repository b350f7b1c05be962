import { dayjs } from '../domain/calendar.ts';
import {
  monthOf, monthPeriod, previousPeriod, quarterOf, quarterPeriod, rangePeriod, yearOf, yearPeriod, type Period,
} from '../domain/period.ts';
import type { LocalDate } from '../domain/types.ts';

const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const num = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (CN[s] ?? NaN));
const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';

/** A date written in full or as month/day; without a year, the last such day on or before today. */
function readDate(text: string, today: LocalDate): LocalDate | null {
  const full = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?$/.exec(text.trim());
  const short = /^(\d{1,2})\s*[月./]\s*(\d{1,2})\s*[日号]?$/.exec(text.trim());
  const [y, m, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short ? [Number(today.slice(0, 4)), Number(short[1]), Number(short[2])] : [NaN, NaN, NaN];
  if (!(m >= 1 && m <= 12 && d >= 1)) return null;
  const date = dayjs.utc(`${y}-${String(m).padStart(2, '0')}-01`);
  if (d > date.daysInMonth()) return null;
  const value = date.date(d).format('YYYY-MM-DD');
  return !full && value > today ? date.subtract(1, 'year').date(d).format('YYYY-MM-DD') : value;
}

/** A date in the past or today, as a credit decision carries: 2026-11-20, 2026年11月20日, 11月20日. */
export function parsePastDate(text: string, today: LocalDate): LocalDate | null {
  return readDate(text, today);
}

export interface PeriodMatch {
  period: Period;
  index: number;
  text: string;
}

const DATE_TEXT = '(\\d{4}\\s*[-./年]\\s*\\d{1,2}\\s*[-./月]\\s*\\d{1,2}\\s*[日号]?|\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]?)';

/** Pattern → period, tried in order: ranges before quarters before months before years. */
const PATTERNS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray, today: LocalDate) => Period | null]> = [
  [new RegExp(`${DATE_TEXT}\\s*(?:至|到|~|～|—|\\s-\\s)\\s*${DATE_TEXT}`), (m, today) => {
    const from = readDate(m[1] ?? '', today);
    let to = readDate(m[2] ?? '', today);
    if (!from || !to) return null;
    // 10月1日至1月31日 said in February: the end is in the year after the start
    if (to < from && !/^\d{4}/.test((m[2] ?? '').trim())) to = dayjs.utc(to).add(1, 'year').format('YYYY-MM-DD');
    return to < from ? null : rangePeriod(from, to);
  }],
  [/(\d{4})\s*(?:年度?\s*(?:第\s*)?([一二三四1-4])\s*季度?|\s*[Qq]([1-4]))/, (m) => quarterPeriod(Number(m[1]), num(m[2] ?? m[3] ?? ''))],
  [/(?:本|这一?个?|今)季度?(?![度节])|当季/, (_m, today) => quarterOf(today)],
  [/(?:上一?个?|前一个?)季度/, (_m, today) => previousPeriod(quarterOf(today))],
  [/第?\s*([一二三四1-4])\s*季度/, (m, today) => {
    const q = num(m[1] ?? '');
    const year = Number(today.slice(0, 4));
    const p = quarterPeriod(year, q);
    return p.from > today ? quarterPeriod(year - 1, q) : p;
  }],
  [new RegExp(`(\\d{4})\\s*年\\s*${MONTH}\\s*月份?(?![\\d底末中初旬])`), (m) => monthPeriod(Number(m[1]), num(m[2] ?? ''))],
  [/(?:本|这一?个?|当)月份?(?![底末中初旬内])/, (_m, today) => monthOf(today)],
  [/上一?个?月份?(?![底末中初旬])/, (_m, today) => previousPeriod(monthOf(today))],
  [new RegExp(`(?<![\\d年])${MONTH}\\s*月份?(?![\\d底末中初旬日号])`), (m, today) => {
    const month = num(m[1] ?? '');
    if (!(month >= 1 && month <= 12)) return null;
    const year = Number(today.slice(0, 4));
    const p = monthPeriod(year, month);
    return p.from > today ? monthPeriod(year - 1, month) : p;
  }],
  [/(\d{4})\s*年度?(?![\d第一二三四])/, (m) => yearPeriod(Number(m[1]))],
  [/(?:本|今)年度?(?![底末内])|全年/, (_m, today) => yearOf(today)],
  [/(?:去|上一?)年度?/, (_m, today) => previousPeriod(yearOf(today))],
];

/** The first period phrase in a text (本季度, 上月, 2026年第四季度, 2026Q4, 12月, 2026年, 10月1日至12月31日). Pure. */
export function findPeriod(text: string, today: LocalDate): PeriodMatch | null {
  for (const [pattern, build] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const period = build(m, today);
    if (period) return { period, index: m.index, text: m[0] };
  }
  return null;
}

/** The text with a found period taken out. */
export function withoutPeriod(text: string, match: PeriodMatch | null): string {
  if (!match) return text;
  return `${text.slice(0, match.index)} ${text.slice(match.index + match.text.length)}`.replace(/\s{2,}/g, ' ').trim();
}

/**
 * What a period argument says besides its period and the `known` words (`排名 2026年第五季度` →
 * `2026年第五季度`): words to quote back as unread, or '' when there are none. Pure.
 */
export function unreadPeriodWords(text: string, today: LocalDate, known: RegExp): string {
  const left = withoutPeriod(text, findPeriod(text, today)).replace(known, ' ').replace(/\s{2,}/g, ' ').trim();
  return /[\p{L}\p{N}]/u.test(left) ? left : '';
}
