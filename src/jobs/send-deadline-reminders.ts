import { dedupeKey, type JobMessage, type ScheduledJob } from './job.ts';
import { localDate } from '../domain/calendar.ts';
import { remindedDeadlines, shouldPingOwner } from '../domain/deadline-reminders.ts';
import type { WorkCalendar } from '../domain/work-calendar.ts';
import { zh } from '../i18n/zh-CN.ts';

const NAME = 'send-deadline-reminders';
/** items per message; the rest is counted ("等 N 项") */
const LIST_LIMIT = 10;
/** an owner who acted on a hazard this recently is not pinged about it again */
const OWN_ACTION_MS = 24 * 3600_000;

export interface DeadlineReminderOptions {
  cron: string;
  /** days before the deadline, e.g. [3, 1, 0] */
  remindDays: readonly number[];
  calendar: WorkCalendar;
}

/**
 * Before the deadline: one message to each unit's group listing its hazards due in the configured
 * days, mentioning each owner once (not those who acted on the hazard in the last day).
 */
export function sendDeadlineReminders(options: DeadlineReminderOptions): ScheduledJob {
  return {
    name: NAME,
    cron: options.cron,
    async run({ now, store }) {
      const today = localDate(now);
      const lists = await store.reminders.dueOn(remindedDeadlines(today, options.remindDays, options.calendar), LIST_LIMIT);
      if (lists.length === 0) return [];
      const acted = await store.reminders.actedOnByOwner(lists.flatMap((l) => l.items), new Date(now.getTime() - OWN_ACTION_MS));
      const groups = await store.roster.groupsOfUnits(lists.flatMap((l) => (l.key === null ? [] : [l.key])));
      const messages: JobMessage[] = [];
      for (const list of lists) {
        const text = zh.reminders.due(list, today, now, acted);
        const mentions = [...new Set(list.items.filter((h) => shouldPingOwner(h, acted.has(h.id))).map((h) => h.ownerId))];
        for (const group of groups.get(list.key ?? -1) ?? []) {
          messages.push({
            kind: 'push', groupId: group.id, personId: null, text, mentions, extra: { job: NAME },
            dedupeKey: dedupeKey(NAME, { groupId: group.id }, 'due', today),
          });
        }
      }
      return messages;
    },
  };
}
