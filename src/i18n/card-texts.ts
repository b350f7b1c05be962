import type { BriefingFacts } from '../domain/briefing.ts';
import { formatDate } from '../domain/calendar.ts';
import type { CardBar, CardData, TrendPoint } from '../domain/card.ts';
import type { Digest, WeeklySummary } from '../domain/digest.ts';

/** What the card's trend and ranking show, gathered beside the text's own figures. */
export interface CardExtras {
  trend: TrendPoint[];
  bars: CardBar[];
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** '2026年12月1日 周二': a card shows the year, a phone screenshot is kept. */
function fullDate(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return `${y}年${m}月${d}日 ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? ''}`;
}

const FOOTNOTE = '未销号含逾期；逾期＝已过整改时限仍未销号';

/** The chart cards' words (zh.cards): the same figures as the text they go with. */
export const cardTexts = {
  cards: {
    /** The daily digest's card: the same four figures as the text's first lines. */
    daily(d: Digest, scope: string, x: CardExtras, now: Date): CardData {
      const when = d.period.from === d.period.to ? '今日' : `${formatDate(d.period.from, now)}以来`;
      return {
        title: `每日安全汇总 · ${scope}`,
        subtitle: fullDate(d.today),
        figures: [
          { label: '未销号', value: d.open.total, major: d.open.major },
          { label: '逾期', value: d.overdue.total, major: d.overdue.major, alarm: true },
          { label: `${when}新增`, value: d.created.total, major: d.created.major },
          { label: `${when}销号`, value: d.closed },
        ],
        trend: x.trend, bars: x.bars,
        barsTitle: '逾期最多的单位',
        footnote: FOOTNOTE,
      };
    },
    /** The weekly summary's card. */
    weekly(w: WeeklySummary, x: CardExtras, now: Date): CardData {
      return {
        title: '每周安全小结 · 全县',
        subtitle: `${formatDate(w.week.from, now)}—${formatDate(w.week.to, now)}`,
        figures: [
          { label: '未销号', value: w.open },
          { label: '逾期', value: w.overdue.total, major: w.overdue.major, alarm: true },
          { label: '本周新增', value: w.created.week },
          { label: '本周销号', value: w.closed.week },
        ],
        trend: x.trend, bars: x.bars,
        barsTitle: '逾期最多的监管部门',
        footnote: FOOTNOTE,
      };
    },
    /** The monthly or quarterly briefing's card (通报). */
    briefing(f: BriefingFacts, x: CardExtras, now: Date): CardData {
      return {
        title: `${f.period.label}通报 · 全县`,
        subtitle: `截至${formatDate(f.asOf, now)}`,
        figures: [
          { label: '本期登记', value: f.county.found },
          { label: '逾期未改', value: f.county.overdue, alarm: true },
          { label: '本期销号', value: f.county.closed },
          { label: '重大未清零', value: f.majors.remaining.length, alarm: true },
        ],
        trend: x.trend, bars: x.bars,
        barsTitle: '逾期最多的监管部门',
        footnote: FOOTNOTE,
      };
    },
  },
};
