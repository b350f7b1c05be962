import { dedupeKey, type JobMessage, type ScheduledJob } from './job.ts';
import { daysBetween, localDate } from '../domain/calendar.ts';
import { shouldPingOwner } from '../domain/deadline-reminders.ts';
import { overdueWindows, type EscalationPolicy, type EscalationStep } from '../domain/escalation.ts';
import type { Group } from '../domain/types.ts';
import type { WorkCalendar } from '../domain/work-calendar.ts';
import type { HazardList } from '../db/reminder-repository.ts';
import { zh } from '../i18n/zh-CN.ts';

const NAME = 'send-overdue-escalations';
const LIST_LIMIT = 10;
/** an owner who acted on a hazard this recently is not pinged about it again */
const OWN_ACTION_MS = 24 * 3600_000;

export interface OverdueEscalationOptions {
  cron: string;
  escalation: EscalationPolicy;
  calendar: WorkCalendar;
}

/** What one group hears in one run: a section per step it hears as (a department's own group can be both). */
interface Outgoing {
  group: Group;
  sections: Array<{ step: EscalationStep; list: HazardList }>;
}

/**
 * Overdue: every working morning to the unit's group mentioning the owners; escalated to the
 * supervising department's group after N days and to the leaders' group after M days, a major
 * hazard to all of them on its first overdue day — then even on a weekend or holiday, urgently.
 * One message per group per run, naming the chain owner → unit → supervising department.
 */
export function sendOverdueEscalations(options: OverdueEscalationOptions): ScheduledJob {
  return {
    name: NAME,
    cron: options.cron,
    async run({ now, store }) {
      const today = localDate(now);
      const workingDay = options.calendar.isWorkingDay(today);
      const windows = overdueWindows(today, options.escalation, workingDay);
      const [units, departments, leaders] = await Promise.all([
        store.reminders.overdue(windows.unit, 'unit', LIST_LIMIT),
        store.reminders.overdue(windows.department, 'supervisor', LIST_LIMIT),
        store.reminders.overdue(windows.leaders, 'county', LIST_LIMIT),
      ]);
      const keys = [...units, ...departments].flatMap((l) => (l.key === null ? [] : [l.key]));
      const groupsOf = await store.roster.groupsOfUnits(keys);
      const outgoing = new Map<number, Outgoing>();
      const add = (groups: readonly Group[], step: EscalationStep, list: HazardList) => {
        for (const group of groups) {
          const entry = outgoing.get(group.id) ?? { group, sections: [] };
          entry.sections.push({ step, list });
          outgoing.set(group.id, entry);
        }
      };
      for (const list of units) add(groupsOf.get(list.key ?? -1) ?? [], 'unit', list);
      // a unit without a supervising department is not lost: the leaders hear of it at their step
      for (const list of departments) if (list.key !== null) add(groupsOf.get(list.key) ?? [], 'department', list);
      for (const list of leaders) add(await store.roster.groupsByPurpose('leaders'), 'leaders', list);
      if (outgoing.size === 0) return [];

      const unitItems = units.flatMap((l) => l.items);
      const acted = await store.reminders.actedOnByOwner(unitItems, new Date(now.getTime() - OWN_ACTION_MS));
      const messages: JobMessage[] = [];
      for (const { group, sections } of outgoing.values()) {
        const items = sections.flatMap((s) => s.list.items);
        const mentions = sections
          .filter((s) => s.step === 'unit')
          .flatMap((s) => s.list.items.filter((h) => shouldPingOwner(h, acted.has(h.id))).map((h) => h.ownerId));
        messages.push({
          kind: 'push', groupId: group.id, personId: null,
          text: zh.overdue.message(sections, options.escalation, today, now, !workingDay),
          mentions: [...new Set(mentions)], extra: { job: NAME },
          dedupeKey: dedupeKey(NAME, { groupId: group.id }, 'overdue', today),
          urgent: items.some((h) => h.level === 'major' && daysBetween(h.deadline, today) === 1),
        });
      }
      return messages;
    },
  };
}
