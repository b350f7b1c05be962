import type { DbTx } from './client.ts';
import { VIEW_INCLUDE, toView } from './hazard-repository.ts';
import { EMPTY_TALLY, type HazardTally } from '../domain/assessment.ts';
import { addDays, atLocal, daysBetween, localDate } from '../domain/calendar.ts';
import type { Period } from '../domain/period.ts';
import type { HazardLevel, HazardStatus, HazardView, LocalDate } from '../domain/types.ts';
import type { UnitWatchFacts } from '../domain/watch-rules.ts';
import type { StatisticsHazard } from '../domain/statistics.ts';

/**
 * DateTime columns are stored by the better-sqlite3 adapter as ISO text with an explicit offset
 * ('2026-11-30T14:46:02.972+00:00'); raw queries compare against the same shape.
 */
function sqlInstant(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/** The first instant of a Shanghai day. */
const dayStart = (date: LocalDate): Date => atLocal(`${date} 00:00`);

/** Which hazards a ledger export holds. */
export interface LedgerFilter {
  /** registered in this period */
  period?: Period;
  /** these units only; undefined: all */
  unitIds?: number[];
  level?: HazardLevel;
  /** a status, 'open' (not closed) or 'overdue' (open, past the deadline today) */
  status?: HazardStatus | 'open' | 'overdue';
}

/** One ledger row: the hazard, who accepted it. */
export interface LedgerHazard extends HazardView {
  acceptedBy: string | null;
}

type TallyRow = { unitId: number | bigint } & Record<'found' | 'closed' | 'onTime' | 'due' | 'closeDays' | 'overdue' | 'vetoItems', number | bigint | null>;

/** The county-level numbers: assessment tallies, the major-hazard clearing, ledger rows. */
export function createGovernanceRepository(db: DbTx) {
  function ledgerWhere(filter: LedgerFilter, today: LocalDate) {
    return {
      ...(filter.period ? { createdAt: { gte: dayStart(filter.period.from), lt: dayStart(addDays(filter.period.to, 1)) } } : {}),
      ...(filter.unitIds ? { unitId: { in: filter.unitIds } } : {}),
      ...(filter.level ? { level: filter.level } : {}),
      ...(filter.status === 'open' ? { status: { not: 'closed' } } : {}),
      ...(filter.status === 'overdue' ? { status: { not: 'closed' }, deadline: { lt: today } } : {}),
      ...(filter.status && filter.status !== 'open' && filter.status !== 'overdue' ? { status: filter.status } : {}),
    };
  }

  return {
    /**
     * Each unit's tally over a period (domain/assessment.ts says what each count means), read on
     * `asOf` for what is overdue. One grouped pass over the hazards, one over the rebounds.
     */
    async tallies(period: Period, asOf: LocalDate, vetoMajorOverdueDays: number): Promise<Map<number, HazardTally>> {
      const fromI = sqlInstant(dayStart(period.from));
      const toI = sqlInstant(dayStart(addDays(period.to, 1)));
      const asOfEndI = sqlInstant(dayStart(addDays(asOf, 1)));
      const vetoBefore = addDays(asOf, -vetoMajorOverdueDays);
      const rows = await db.$queryRaw<TallyRow[]>`
        WITH h AS (
          SELECT unitId, level, deadline, originalDeadline, closedOn,
            date(createdAt, '+8 hours') AS createdOn,
            (createdAt >= ${fromI} AND createdAt < ${toI}) AS inPeriod,
            (closedOn IS NOT NULL AND closedOn <= ${period.to}) AS closedByEnd,
            (createdAt < ${asOfEndI} AND (closedOn IS NULL OR closedOn > ${asOf}) AND deadline < ${asOf}) AS overdueOnDay
          FROM Hazard
        )
        SELECT unitId,
          SUM(inPeriod) AS found,
          SUM(inPeriod AND closedByEnd) AS closed,
          SUM(inPeriod AND closedByEnd AND closedOn <= originalDeadline) AS onTime,
          SUM(inPeriod AND (closedByEnd OR originalDeadline < ${asOf})) AS due,
          TOTAL(CASE WHEN inPeriod AND closedByEnd THEN julianday(closedOn) - julianday(createdOn) ELSE 0 END) AS closeDays,
          SUM(overdueOnDay) AS overdue,
          SUM(overdueOnDay AND level = 'major' AND deadline < ${vetoBefore}) AS vetoItems
        FROM h GROUP BY unitId`;
      const tallies = new Map<number, HazardTally>();
      for (const r of rows) {
        tallies.set(Number(r.unitId), {
          found: Number(r.found ?? 0), closed: Number(r.closed ?? 0), onTime: Number(r.onTime ?? 0), due: Number(r.due ?? 0),
          closeDays: Math.round(Number(r.closeDays ?? 0)), overdue: Number(r.overdue ?? 0), rebounds: 0, vetoItems: Number(r.vetoItems ?? 0),
        });
      }
      const rebounds = await db.reinspection.findMany({
        where: { status: 'rebound', decidedAt: { gte: dayStart(period.from), lt: dayStart(addDays(period.to, 1)) } },
        select: { hazard: { select: { unitId: true } } },
      });
      for (const r of rebounds) {
        const t = tallies.get(r.hazard.unitId) ?? { ...EMPTY_TALLY };
        tallies.set(r.hazard.unitId, { ...t, rebounds: t.rebounds + 1 });
      }
      return tallies;
    },

    /**
     * Major hazards over a period, for 动态清零: open when it began (carried over), registered in
     * it (added), and of those the ones closed in it; what is left open is listed by id.
     */
    async majorClearing(period: Period): Promise<{ carriedOver: number; added: number; cleared: number; remainingIds: number[] }> {
      const from = dayStart(period.from);
      const end = dayStart(addDays(period.to, 1));
      const rows = await db.hazard.findMany({
        where: {
          level: 'major', createdAt: { lt: end },
          OR: [{ closedOn: null }, { closedOn: { gte: period.from } }],
        },
        select: { id: true, createdAt: true, closedOn: true },
        orderBy: { id: 'asc' },
      });
      let carriedOver = 0;
      let added = 0;
      let cleared = 0;
      const remainingIds: number[] = [];
      for (const r of rows) {
        if (r.createdAt < from) carriedOver += 1;
        else added += 1;
        if (r.closedOn !== null && r.closedOn <= period.to) cleared += 1;
        else remainingIds.push(r.id);
      }
      return { carriedOver, added, cleared, remainingIds };
    },

    /** Supervision over a period: items listed in it, supervised items closed in it. */
    async supervisionCounts(period: Period): Promise<{ listed: number; closed: number }> {
      const listed = await db.hazardEvent.count({
        where: { type: 'supervised', at: { gte: dayStart(period.from), lt: dayStart(addDays(period.to, 1)) } },
      });
      const closed = await db.hazard.count({ where: { supervised: true, closedOn: { gte: period.from, lte: period.to } } });
      return { listed, closed };
    },

    /** The hazards of a ledger export, in code order, each with who accepted it (the last acceptance, after a rebound). */
    async ledger(filter: LedgerFilter, today: LocalDate): Promise<LedgerHazard[]> {
      const rows = await db.hazard.findMany({
        where: ledgerWhere(filter, today),
        orderBy: { id: 'asc' },
        include: {
          ...VIEW_INCLUDE,
          events: { where: { type: 'accepted' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 1, select: { actor: { select: { name: true } } } },
        },
      });
      return rows.map((r) => ({ ...toView(r), acceptedBy: r.events[0]?.actor?.name ?? null }));
    },

    /** Hazards registered in a period, with what the quarterly statistics count. */
    async statisticsHazards(period: Period, asOf: LocalDate, unitIds?: number[]): Promise<StatisticsHazard[]> {
      const rows = await db.hazard.findMany({
        where: {
          createdAt: { gte: dayStart(period.from), lt: dayStart(addDays(period.to, 1)) },
          ...(unitIds ? { unitId: { in: unitIds } } : {}),
        },
        select: { unitId: true, level: true, closedOn: true, deadline: true, supervised: true, plan: true },
      });
      return rows.map((r) => ({
        unitId: r.unitId, level: r.level as HazardLevel, supervised: r.supervised,
        closed: r.closedOn !== null && r.closedOn <= period.to,
        overdue: (r.closedOn === null || r.closedOn > asOf) && r.deadline < asOf,
        plan: parsePlan(r.plan),
      }));
    },

    /** What the watch rules look at on `today`: each unit's overdue hazards and recent rebounds. */
    async watchFacts(today: LocalDate, reboundsSince: Date): Promise<UnitWatchFacts[]> {
      const overdue = await db.hazard.findMany({
        where: { status: { not: 'closed' }, deadline: { lt: today } },
        select: { unitId: true, code: true, level: true, deadline: true },
        orderBy: { id: 'asc' },
      });
      const rebounds = await db.reinspection.findMany({
        where: { status: 'rebound', decidedAt: { gte: reboundsSince } },
        orderBy: { decidedAt: 'asc' },
        select: { decidedAt: true, note: true, hazard: { select: { code: true, unitId: true } } },
      });
      const byUnit = new Map<number, { overdue: UnitWatchFacts['overdue'][number][]; rebounds: UnitWatchFacts['rebounds'][number][] }>();
      const of = (unitId: number) => {
        const entry = byUnit.get(unitId) ?? { overdue: [], rebounds: [] };
        byUnit.set(unitId, entry);
        return entry;
      };
      for (const h of overdue) of(h.unitId).overdue.push({ code: h.code, level: h.level as HazardLevel, daysOverdue: daysBetween(h.deadline, today) });
      for (const r of rebounds) of(r.hazard.unitId).rebounds.push({ code: r.hazard.code, on: localDate(r.decidedAt ?? reboundsSince), note: r.note ?? '' });
      return [...byUnit].map(([unitId, f]) => ({ unitId, ...f }));
    },
  };
}

function parsePlan(text: string): Record<string, string> {
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return {};
  }
}

export type GovernanceRepository = ReturnType<typeof createGovernanceRepository>;
