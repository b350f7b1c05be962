import { dedupeKey, type JobMessage, type ScheduledJob } from './job.ts';
import { leaderTargets, ownerTargets, supervisorTargets, targetKey, unitGroups, type Target, type UnitGroups } from './targets.ts';
import { unitMarker } from './unit-marks.ts';
import type { Store } from '../db/store.ts';
import { daysBetween, localDate } from '../domain/calendar.ts';
import { overdueListedToday, planReminderToday, reinspectionAskedToday, supervisionListedToday } from '../domain/cadence.ts';
import { remindedDeadlines, shouldPingOwner } from '../domain/deadline-reminders.ts';
import type { HazardItem } from '../domain/digest.ts';
import { overdueWindows, type EscalationPolicy, type EscalationStep } from '../domain/escalation.ts';
import type { LeaderChainConfig } from '../core/config.ts';
import { mainLeaderTold } from '../domain/responsibility-chain.ts';
import { MORNING_SECTIONS, type MorningLine, type MorningSectionKind } from '../domain/morning-message.ts';
import { missingPlanParts } from '../domain/plan.ts';
import type { HazardView, LocalDate } from '../domain/types.ts';
import type { WorkCalendar } from '../domain/work-calendar.ts';
import { zh } from '../i18n/zh-CN.ts';

const NAME = 'send-morning-message';
/** how many candidates a query returns per group before the cadence rules choose; the message shows 10 */
const QUERY_LIMIT = 500;
/** an owner who acted on a hazard this recently is not pinged about it again */
const OWN_ACTION_MS = 24 * 3600_000;

export interface MorningMessageOptions {
  cron: string;
  remindDays: readonly number[];
  escalation: EscalationPolicy;
  /** whom an escalation to the leaders names, and how */
  leaderChain: LeaderChainConfig;
  calendar: WorkCalendar;
}

/** Everything one group (or person) hears this morning, section by section, each hazard once. */
class Morning {
  readonly target: Target;
  readonly sections = new Map<MorningSectionKind, MorningLine[]>();
  readonly mentions = new Set<number>();
  readonly #lineOf = new Map<number, MorningLine>();
  urgent = false;

  constructor(target: Target) {
    this.target = target;
  }

  /**
   * Adds a hazard under a section. A hazard already in the message stays where it is (the more
   * pressing section comes first) and only gains the new section's note: never one item twice.
   */
  add(kind: MorningSectionKind, line: MorningLine, mention?: number): void {
    const existing = this.#lineOf.get(line.hazardId);
    if (existing) {
      for (const note of line.notes) if (!existing.notes.includes(note)) existing.notes.push(note);
    } else {
      this.#lineOf.set(line.hazardId, line);
      const lines = this.sections.get(kind) ?? [];
      lines.push(line);
      this.sections.set(kind, lines);
    }
    if (mention !== undefined) this.mention(mention);
  }

  /** @-mentions a person in the message (a private message needs none). */
  mention(personId: number): void {
    if (this.target.groupId !== null) this.mentions.add(personId);
  }

  /** Adds a note to a hazard's line if the message already holds it; nothing otherwise. */
  note(hazardId: number, note: string): void {
    const line = this.#lineOf.get(hazardId);
    if (line && !line.notes.includes(note)) line.notes.push(note);
  }
}

/**
 * The one routine message each group gets on a working morning: overdue items (the unit's own,
 * and what has escalated to a department or the leaders), deadlines coming, items listed for
 * supervision, incomplete major-hazard plans and follow-up checks, merged into sections. Each
 * kind comes back at its own cadence (src/domain/cadence.ts) and each hazard appears once.
 * On a weekend or holiday only a major hazard's first overdue day is sent, at once (urgent);
 * nothing routine is computed ahead for Monday — Monday's run says it afresh, day counts as of then.
 */
export function sendMorningMessage(options: MorningMessageOptions): ScheduledJob {
  return {
    name: NAME,
    cron: options.cron,
    recomputed: true,
    async run({ now, store }) {
      const today = localDate(now);
      const workingDay = options.calendar.isWorkingDay(today);
      const mornings = new Map<string, Morning>();
      const morningOf = (t: Target) => {
        const key = targetKey(t);
        const m = mornings.get(key) ?? new Morning(t);
        mornings.set(key, m);
        return m;
      };
      const supervised = await store.hazards.supervisedOpen();
      const supervisedById = new Map(supervised.map((h) => [h.id, h]));
      const leaderNote = (id: number) => {
        const leader = supervisedById.get(id)?.supervisingLeader;
        return leader ? [zh.morning.leaderNote(leader)] : [];
      };

      // overdue, by the step that hears it
      const windows = overdueWindows(today, options.escalation, workingDay);
      // a unit under 停产整顿 carries it on every line that names it
      const mark = await unitMarker(store, today);
      const marked = <L extends { items: HazardItem[] }>(lists: L[]): L[] => lists.map((l) => ({ ...l, items: l.items.map(mark) }));
      const [units, departments, leaders] = await Promise.all([
        store.reminders.overdue(windows.unit, 'unit', QUERY_LIMIT).then(marked),
        store.reminders.overdue(windows.department, 'supervisor', QUERY_LIMIT).then(marked),
        store.reminders.overdue(windows.leaders, 'county', QUERY_LIMIT).then(marked),
      ]);
      const listed = (h: HazardItem, step: EscalationStep) => workingDay
        ? overdueListedToday(h.deadline, h.level, step, options.escalation, today, options.calendar)
        : h.level === 'major' && daysBetween(h.deadline, today) === 1;
      const dueLists = marked(workingDay ? await store.reminders.dueOn(remindedDeadlines(today, options.remindDays, options.calendar), QUERY_LIMIT) : []);
      const ownerItems = [...units.flatMap((l) => l.items), ...dueLists.flatMap((l) => l.items)];
      const acted = await store.reminders.actedOnByOwner(ownerItems, new Date(now.getTime() - OWN_ACTION_MS));
      const flags = (h: HazardItem) => ({ major: h.level === 'major', supervised: supervisedById.has(h.id) });
      const majors = workingDay ? (await store.hazards.openMajor()).flatMap((h) => {
        const missing = missingPlanParts(h.plan);
        return missing.length > 0 ? [{ h, missing }] : [];
      }) : [];
      const reinspections = workingDay ? await dueReinspections(store, today, options.calendar) : [];
      // every unit whose groups hear something this morning, read at once
      const groupsOf = await unitGroups(store, [
        ...[...units, ...departments, ...dueLists].map((l) => l.key),
        ...supervised.flatMap((h) => [h.unitId, h.unitSupervisorId]),
        ...majors.map(({ h }) => h.unitId),
        ...reinspections.map(({ hazard }) => hazard.unitSupervisorId),
      ]);

      const chainOf = await store.leaders.resolver();
      const leadersGroups = (await store.roster.groupsByPurpose('leaders')).map((g): Target => ({ groupId: g.id, personId: null }));
      const overdueSteps: Array<[EscalationStep, typeof units]> = [['unit', units], ['department', departments], ['leaders', leaders]];
      for (const [step, lists] of overdueSteps) {
        for (const list of lists) {
          const items = list.items.filter((h) => listed(h, step));
          if (items.length === 0) continue;
          const targets = step === 'leaders' ? leadersGroups : list.key === null ? [] : groupsOf(list.key);
          for (const h of items) {
            const chain = step === 'unit' ? null : chainOf(h);
            // 分管领导具体抓: the leader in charge is named at the leaders' step; the main leader only as the rules say
            const main = step === 'leaders' && chain?.main && mainLeaderTold({ level: h.level, supervised: supervisedById.has(h.id) }, daysBetween(h.deadline, today), options.leaderChain) ? chain.main : null;
            const named = step === 'leaders' ? [...new Set([chain?.inCharge?.id, main?.id].filter((id): id is number => id !== undefined))] : [];
            const line = (): MorningLine => ({
              hazardId: h.id, code: h.code,
              text: step === 'unit' ? zh.morning.overdueOwn(h, flags(h), today, now) : zh.morning.overdueChain(h, flags(h), today, chain?.inCharge?.name ?? null),
              notes: [...leaderNote(h.id), ...(main ? [zh.morning.mainLeaderNote(main.name)] : [])],
            });
            const kind = step === 'unit' ? 'overdue' : step === 'department' ? 'escalatedDepartment' : 'escalatedLeaders';
            const urgent = !workingDay || (h.level === 'major' && daysBetween(h.deadline, today) === 1);
            const ping = step === 'unit' && shouldPingOwner(h, acted.has(h.id)) ? h.ownerId : undefined;
            for (const t of targets) {
              const m = morningOf(t);
              if (urgent) m.urgent = true;
              m.add(kind, line(), ping);
              if (!options.leaderChain.privately) named.forEach((id) => m.mention(id));
            }
            // privately where configured, and always when there is no leaders' group to be named in
            if (options.leaderChain.privately || targets.length === 0) {
              for (const id of named) {
                const m = morningOf({ groupId: null, personId: id });
                if (urgent) m.urgent = true;
                m.add(kind, line());
              }
            }
          }
        }
      }

      if (workingDay) {
        for (const list of dueLists) {
          if (list.key === null) continue;
          for (const t of groupsOf(list.key)) {
            const m = morningOf(t);
            for (const h of list.items) {
              const ping = shouldPingOwner(h, acted.has(h.id)) ? h.ownerId : undefined;
              m.add('due', { hazardId: h.id, code: h.code, text: zh.morning.due(h, flags(h), today, now, acted.has(h.id)), notes: leaderNote(h.id) }, ping);
            }
          }
        }

        // supervision: named for its own sake on its cadence; an item already in the message gets the leader's name on its line
        const listedOn = await store.governance.supervisedOn(supervised.map((h) => h.id));
        for (const h of supervised) {
          if (!supervisionListedToday(listedOn.get(h.id) ?? today, today, options.calendar)) continue;
          const line = (): MorningLine => ({ hazardId: h.id, code: h.code, text: zh.morning.supervised(h, now), notes: leaderNote(h.id) });
          for (const t of ownerTargets(groupsOf, h)) morningOf(t).add('supervised', line(), h.ownerId);
          for (const t of supervisorTargets(groupsOf, h)) morningOf(t).add('supervised', line());
        }

        // an incomplete plan: its own line weekly; on other days only a note on a line already there
        const weekly = planReminderToday(today, options.calendar);
        for (const { h, missing } of majors) {
          for (const t of ownerTargets(groupsOf, h)) {
            if (weekly) morningOf(t).add('plan', { hazardId: h.id, code: h.code, text: zh.morning.plan(h, now), notes: [] }, h.ownerId);
            mornings.get(targetKey(t))?.note(h.id, zh.morning.planNote(missing));
          }
        }

        await addReinspections(store, reinspections, groupsOf, now, morningOf);
      }

      const messages: JobMessage[] = [];
      for (const m of mornings.values()) {
        const sections = MORNING_SECTIONS.flatMap((kind) => {
          const lines = m.sections.get(kind);
          return lines && lines.length > 0 ? [{ kind, lines }] : [];
        });
        if (sections.length === 0) continue;
        messages.push({
          kind: 'push', groupId: m.target.groupId, personId: m.target.personId,
          text: workingDay ? zh.morning.render(sections, today, now, options.escalation) : zh.morning.urgent(sections),
          mentions: [...m.mentions], extra: { job: NAME },
          dedupeKey: dedupeKey(NAME, m.target.groupId !== null ? { groupId: m.target.groupId } : { personId: m.target.personId }, 'morning', today),
          urgent: m.urgent,
        });
      }
      return messages;
    },
  };
}

/** The follow-up checks (滚动检查) to ask about today, with their closed hazards: several rounds due for one hazard (a forgotten 30-day check) asked once, for the latest. */
async function dueReinspections(store: Store, today: LocalDate, calendar: WorkCalendar): Promise<Array<{ hazard: HazardView; round: number; closedOn: LocalDate }>> {
  const due = (await store.reinspections.due(today)).filter((r) => reinspectionAskedToday(r.dueOn, today, calendar));
  const latest = new Map(due.map((r) => [r.hazardId, r]));
  return (await store.hazards.byIds([...latest.keys()])).flatMap((hazard) => {
    const r = latest.get(hazard.id);
    return r && hazard.status === 'closed' ? [{ hazard, round: r.round, closedOn: r.closedOn }] : [];
  });
}

/** Follow-up checks asked of the supervising department, or of the leaders where a unit has none. */
async function addReinspections(store: Store, due: Awaited<ReturnType<typeof dueReinspections>>, groupsOf: UnitGroups, now: Date, morningOf: (t: Target) => Morning): Promise<void> {
  for (const { hazard: h, round, closedOn } of due) {
    const supervisors = supervisorTargets(groupsOf, h);
    const targets = supervisors.length > 0 ? supervisors : await leaderTargets(store);
    const reviewer = h.unitSupervisorId !== null ? ((await store.roster.unitById(h.unitSupervisorId))?.name ?? '监管部门') : '管理员';
    for (const t of targets) morningOf(t).add('reinspection', { hazardId: h.id, code: h.code, text: zh.morning.reinspection(h, round, closedOn, reviewer, now), notes: [] });
  }
}
