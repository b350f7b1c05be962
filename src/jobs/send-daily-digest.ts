import { activeLists } from './active-lists.ts';
import { leadersInCharge } from './leaders-in-charge.ts';
import { dedupeKey, type JobMessage, type ScheduledJob } from './job.ts';
import { cardExtras, cardExtrasByScope } from '../cards/card-extras.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import { rankBurden } from '../domain/leaders-digest.ts';
import { DIGEST_LIST_LIMIT, digestIsEmpty, type Digest } from '../domain/digest.ts';
import { digestPeriod } from '../domain/report-periods.ts';
import type { Group } from '../domain/types.ts';
import { previousWorkingDay, type WorkCalendar } from '../domain/work-calendar.ts';
import { zh } from '../i18n/zh-CN.ts';

const NAME = 'send-daily-digest';

/** Who receives one digest, and what it is about. */
interface Audience {
  groups: Group[];
  digest: Digest | null;
  scope: string;
  /** the units the digest covers (undefined: the county) */
  unitIds?: number[];
  /** the department whose groups these are: reminded of the 待明确 items of the lists it imported, too */
  department?: number;
}

export interface DailyDigestOptions {
  cron: string;
  calendar: WorkCalendar;
}

/**
 * The daily digest on working days: the county's to the leaders' group, and to each supervising
 * department's (town's, park's) group the digest of the units it supervises. A weekend's or
 * holiday's activity goes into the next working day's digest; a group with nothing to report
 * receives nothing.
 */
export function sendDailyDigest(options: DailyDigestOptions): ScheduledJob {
  return {
    name: NAME,
    cron: options.cron,
    recomputed: true,
    async run({ now, store }) {
      const today = localDate(now);
      if (!options.calendar.isWorkingDay(today)) return [];
      const period = digestPeriod(today, options.calendar);
      const leaders = await store.roster.groupsByPurpose('leaders');
      const supervisors = await store.roster.supervisors();
      // a 待明确 item may be completed by its unit's supervising department or by the department that
      // imported the list (complete-list-item.ts): both are reminded, the importer even when it supervises none
      const pendingItems = await store.problemLists.pendingItems();
      const supervising = new Set(supervisors.map((s) => s.unit.id));
      const importerIds = [...new Set(pendingItems.flatMap((i) => (i.importerUnitId === null || supervising.has(i.importerUnitId) ? [] : [i.importerUnitId])))];
      const importers = (await Promise.all(importerIds.map((id) => store.roster.unitById(id)))).filter((u) => u !== null);
      const groupsOf = await store.roster.groupsOfUnits([...supervising, ...importerIds]);
      const departmentGroups = (unitId: number) => (groupsOf.get(unitId) ?? []).filter((g) => g.purpose !== 'leaders');
      const [county, departments] = await Promise.all([
        leaders.length > 0 ? store.digests.digest(period, today, DIGEST_LIST_LIMIT) : null,
        store.digests.supervisionDigests(period, today, DIGEST_LIST_LIMIT),
      ]);
      // each department named with its leader in charge: whom the leaders' group looks to for it
      const inChargeOf = await leadersInCharge(store);
      const audiences: Audience[] = [
        { groups: leaders, digest: county, scope: zh.digest.county },
        ...supervisors.map(({ unit, supervised }) => ({
          groups: departmentGroups(unit.id),
          digest: departments.get(unit.id) ?? null,
          scope: zh.digest.supervised(unit.name, inChargeOf.get(unit.name) ?? null),
          unitIds: [unit.id, ...supervised],
          department: unit.id,
        })),
        ...importers.map((unit) => ({
          groups: departmentGroups(unit.id), digest: null, scope: zh.digest.importer(unit.name, inChargeOf.get(unit.name) ?? null), unitIds: [], department: unit.id,
        })),
      ];
      // what each audience's digest adds, read once for all of them (a query per department was most of the job's statements)
      const listLines = await activeLists(store, today);
      const enforced = await store.enforcement.enforcedUnits(today);
      const departmentExtras = await cardExtrasByScope(store, today);
      // the leaders get the digest they can act on (src/domain/leaders-digest.ts); departments keep the list of their units
      const leadersText = async (): Promise<string> => {
        const before = digestPeriod(previousWorkingDay(today, options.calendar), options.calendar);
        const facts = await store.digests.leadersFacts(period, before, today, addDays(today, -7));
        return zh.digest.leaders({
          ...facts, worstUnits: rankBurden(facts.overdue, 'unit', today), worstDepartments: rankBurden(facts.overdue, 'department', today), inChargeOf,
        }, now);
      };
      const messages: JobMessage[] = [];
      for (const { groups, digest, scope, unitIds, department } of audiences) {
        if (groups.length === 0) continue;
        // a department is reminded of its units' 待明确 list items, and of those of the lists it imported,
        // every working day until 补全 (#15): each item once in its message
        const pending = unitIds === undefined ? [] : zh.problemList.pendingReminder(pendingItems.filter((i) => unitIds.includes(i.unitId) || i.importerUnitId === department));
        if ((!digest || digestIsEmpty(digest)) && pending.length === 0) continue;
        if (!digest) {
          // nothing registered yet in its units: the reminder alone
          const text = [zh.digest.heading(today, scope, now), ...pending].join('\n');
          for (const group of groups) {
            messages.push({ kind: 'push', groupId: group.id, personId: null, text, mentions: [], extra: { job: NAME }, dedupeKey: dedupeKey(NAME, { groupId: group.id }, 'digest', today) });
          }
          continue;
        }
        const rendered = unitIds === undefined ? await leadersText() : zh.digest.render(digest, scope, now, undefined, false);
        // a unit under 停产整顿 is named in every digest that covers it, whatever else happened that day;
        // then the 问题清单 still being worked on, for the units this digest is about (#15)
        const text = [
          rendered,
          ...zh.enforcement.digestLines(unitIds === undefined ? enforced : enforced.filter((u) => unitIds.includes(u.unitId)), now),
          ...listLines(unitIds),
          ...pending,
        ].join('\n');
        const card = zh.cards.daily(digest, scope, department === undefined ? await cardExtras(store, today, 'unit') : departmentExtras(department), now);
        for (const group of groups) {
          messages.push({
            kind: 'push', groupId: group.id, personId: null, text, mentions: [], extra: { job: NAME, card },
            dedupeKey: dedupeKey(NAME, { groupId: group.id }, 'digest', today),
          });
        }
      }
      return messages;
    },
  };
}
