import { addDays } from '../domain/calendar.ts';
import { CARD_BARS, TREND_DAYS, trendOf } from '../domain/card.ts';
import type { LocalDate } from '../domain/types.ts';
import type { Store } from '../db/store.ts';
import type { CardExtras } from '../i18n/card-texts.ts';

/**
 * What a card shows besides its text's figures: the open and overdue counts at the end of each of
 * the `days` days up to `asOf`, and the units (or departments) with the most overdue items now.
 */
export async function cardExtras(store: Store, asOf: LocalDate, by: 'unit' | 'department', unitIds?: readonly number[], days = TREND_DAYS): Promise<CardExtras> {
  const dates = trendDates(asOf, days);
  const [groups, bars] = await Promise.all([
    store.dashboard.trendGroups(dates, unitIds),
    store.dashboard.overdueRanking(asOf, by, CARD_BARS, unitIds),
  ]);
  return { trend: trendOf(groups, dates), bars };
}

/**
 * `cardExtras(store, asOf, 'unit', scope)` of every supervising unit's scope (its own hazards and
 * those of the units it supervises), by the supervising unit's id, in two queries instead of two
 * per department: the daily digest draws a card for each.
 */
export async function cardExtrasByScope(store: Store, asOf: LocalDate, days = TREND_DAYS): Promise<(supervisorId: number) => CardExtras> {
  const dates = trendDates(asOf, days);
  const [groups, bars] = await Promise.all([store.dashboard.trendGroupsByScope(dates), store.dashboard.overdueRankingByScope(asOf, CARD_BARS)]);
  return (supervisorId) => ({ trend: trendOf(groups.get(supervisorId) ?? [], dates), bars: bars.get(supervisorId) ?? [] });
}

function trendDates(asOf: LocalDate, days: number): LocalDate[] {
  return Array.from({ length: days }, (_, i) => addDays(asOf, i - days + 1));
}
