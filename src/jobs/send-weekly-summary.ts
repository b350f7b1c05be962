import { activeListLines } from './active-lists.ts';
import { leadersInCharge } from './leaders-in-charge.ts';
import { dedupeKey, type ScheduledJob } from './job.ts';
import { cardExtras } from '../cards/card-extras.ts';
import { localDate } from '../domain/calendar.ts';
import { weeklyPeriods } from '../domain/report-periods.ts';
import { zh } from '../i18n/zh-CN.ts';

const NAME = 'send-weekly-summary';
/** units and departments listed by on-time rate; the rest is counted */
const LIST_LIMIT = 10;

/**
 * The weekly summary to the leaders' group: the week's new and closed items against the week
 * before, what is open and overdue now, and the on-time rate by unit and by department. On a
 * holiday it waits for the next working morning (the scheduler holds routine pushes).
 */
export function sendWeeklySummary(options: { cron: string }): ScheduledJob {
  return {
    name: NAME,
    cron: options.cron,
    async run({ now, store }) {
      const today = localDate(now);
      const groups = await store.roster.groupsByPurpose('leaders');
      if (groups.length === 0) return [];
      const { week, previous } = weeklyPeriods(today);
      const summary = await store.digests.weekly(week, previous, today, LIST_LIMIT);
      const quiet = summary.created.week === 0 && summary.closed.week === 0 && summary.open === 0 && summary.onTime.all.due === 0;
      if (quiet) return [];
      // the units under 停产整顿 are named in every summary of the weeks they stay so
      const text = [zh.weekly.render(summary, now, await leadersInCharge(store)), ...(await activeListLines(store, today)), ...zh.enforcement.digestLines(await store.enforcement.enforcedUnits(today), now)].join('\n');
      const card = zh.cards.weekly(summary, await cardExtras(store, today, 'department'), now);
      return groups.map((group) => ({
        kind: 'push' as const, groupId: group.id, personId: null, text, mentions: [], extra: { job: NAME, card },
        dedupeKey: dedupeKey(NAME, { groupId: group.id }, 'weekly', today),
      }));
    },
  };
}
