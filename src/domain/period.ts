import { addDays, dayjs } from './calendar.ts';
import type { LocalDate } from './types.ts';

/** A span of local dates, both ends included, with the name people call it by. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
  /** '2026年第四季度', '2026年12月', '2026年', '2026年10月1日至12月31日' */
  label: string;
  kind: 'month' | 'quarter' | 'year' | 'range';
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

const d = (date: LocalDate) => dayjs.utc(date);
const fmt = (x: dayjs.Dayjs): LocalDate => x.format('YYYY-MM-DD');

export function monthPeriod(year: number, month: number): Period {
  const first = d(`${year}-${String(month).padStart(2, '0')}-01`);
  return { from: fmt(first), to: fmt(first.endOf('month')), label: `${year}年${month}月`, kind: 'month' };
}

/** Quarter 1–4 of a year. */
export function quarterPeriod(year: number, quarter: number): Period {
  const first = d(`${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`);
  return {
    from: fmt(first), to: fmt(first.add(2, 'month').endOf('month')),
    label: `${year}年第${QUARTER_NAMES[quarter - 1] ?? quarter}季度`, kind: 'quarter',
  };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年`, kind: 'year' };
}

export function rangePeriod(from: LocalDate, to: LocalDate): Period {
  const a = d(from);
  const b = d(to);
  const right = a.year() === b.year() ? `${b.month() + 1}月${b.date()}日` : `${b.year()}年${b.month() + 1}月${b.date()}日`;
  return { from, to, label: `${a.year()}年${a.month() + 1}月${a.date()}日至${right}`, kind: 'range' };
}

export function monthOf(date: LocalDate): Period {
  return monthPeriod(d(date).year(), d(date).month() + 1);
}

export function quarterOf(date: LocalDate): Period {
  return quarterPeriod(d(date).year(), Math.floor(d(date).month() / 3) + 1);
}

export function yearOf(date: LocalDate): Period {
  return yearPeriod(d(date).year());
}

/** The period just before one of the same kind (上月, 上季度, 去年). */
export function previousPeriod(period: Period): Period {
  const before = addDays(period.from, -1);
  if (period.kind === 'month') return monthOf(before);
  if (period.kind === 'quarter') return quarterOf(before);
  if (period.kind === 'year') return yearOf(before);
  const length = d(period.to).diff(d(period.from), 'day');
  return rangePeriod(addDays(before, -length), before);
}

/** The day counts are read on: the period's last day, or today while it is still running. */
export function asOfDay(period: Period, today: LocalDate): LocalDate {
  return period.to < today ? period.to : today;
}

/** A unit files its quarterly statistics by the 15th of the month after the quarter. */
export function statisticsDueOn(quarter: Period): LocalDate {
  return fmt(d(quarter.to).add(1, 'day').date(15));
}

/** The quarter being filed on `today`: the last finished one. */
export function quarterToFile(today: LocalDate): Period {
  return quarterOf(addDays(quarterOf(today).from, -1));
}

/** Why an export without a period files the quarter it does. */
export type DefaultQuarterReason = 'filing' | 'toDate';

/**
 * The quarter an export without a period puts in its statistics table: the quarter just ended while
 * its table is still being filed (until the 15th), otherwise the current quarter to date — never a
 * past quarter whose deadline is gone.
 */
export function defaultStatisticsQuarter(today: LocalDate): { quarter: Period; reason: DefaultQuarterReason } {
  const filing = quarterToFile(today);
  return today <= statisticsDueOn(filing) ? { quarter: filing, reason: 'filing' } : { quarter: quarterOf(today), reason: 'toDate' };
}
