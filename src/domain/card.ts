import type { LocalDate } from './types.ts';

/** One headline figure of a card: a label, a number, and how many of them are major. */
export interface CardFigure {
  label: string;
  value: number;
  /** shown in red under the number: 重大 N */
  major?: number;
  /** the figure is bad news (overdue): drawn red even without a major count */
  alarm?: boolean;
}

/** The open and overdue counts at the end of one day. */
export interface TrendPoint {
  date: LocalDate;
  open: number;
  overdue: number;
}

/** A unit or department as the card's bar chart shows it. */
export interface CardBar {
  name: string;
  count: number;
  major: number;
}

/**
 * Everything a chart card draws, frozen when the push is written to the outbox: the card is
 * drawn from this alone, so a retry or a restart draws the same picture.
 */
export interface CardData {
  /** 每日安全汇总 · 全县 */
  title: string;
  /** 2026年12月1日 */
  subtitle: string;
  /** four figures, in order: the first row of tiles */
  figures: CardFigure[];
  /** oldest first; the last point is the card's day */
  trend: TrendPoint[];
  /** 逾期最多的单位 */
  barsTitle: string;
  /** most first */
  bars: CardBar[];
  /** a line at the foot: what the figures count (未销号含逾期) */
  footnote: string;
}

/** Days of history the trend chart shows. */
export const TREND_DAYS = 30;
/** Bars the ranking chart shows. */
export const CARD_BARS = 8;

/**
 * Hazards as the trend counts them, grouped: `count` hazards registered on `createdOn` (null:
 * before the first day), closed on `closedOn` (null: not by the last day), due on `deadline`.
 */
export interface TrendGroup {
  createdOn: LocalDate | null;
  closedOn: LocalDate | null;
  deadline: LocalDate;
  count: number;
}

/**
 * Open and overdue hazards at the end of each day. A hazard is open on day d when it was
 * registered on or before d and not closed by d; overdue when, besides, its deadline is before d
 * (the rule of "overdue" today, so the last point equals today's figures). Pure.
 */
export function trendOf(groups: readonly TrendGroup[], days: readonly LocalDate[]): TrendPoint[] {
  return days.map((date) => {
    let open = 0;
    let overdue = 0;
    for (const g of groups) {
      if ((g.createdOn !== null && g.createdOn > date) || (g.closedOn !== null && g.closedOn <= date)) continue;
      open += g.count;
      if (g.deadline < date) overdue += g.count;
    }
    return { date, open, overdue };
  });
}
