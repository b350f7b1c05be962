import type { DbTx } from './client.ts';
import { Prisma } from './generated/client.ts';
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

/**
 * SQL for a hazard's state at an instant, read from its immutable history rather than its current
 * row, so a later rebound or extension never rewrites a past period's numbers:
 * - the local day it stood closed on (its last acceptance, unless a rebound came after), or NULL;
 * - the deadline it had (set by registration, an approved extension or a rebound).
 */
function closedOnAt(bound: string) {
  return Prisma.sql`(SELECT CASE WHEN e.type = 'accepted' THEN date(e.at, '+8 hours') END FROM HazardEvent e
    WHERE e.hazardId = Hazard.id AND e.type IN ('accepted', 'rebound') AND e.at < ${bound}
    ORDER BY e.at DESC, e.id DESC LIMIT 1)`;
}
function deadlineAt(bound: string) {
  return Prisma.sql`COALESCE((SELECT CASE e.type WHEN 'extension_approved' THEN json_extract(e.data, '$.to') ELSE json_extract(e.data, '$.deadline') END
    FROM HazardEvent e
    WHERE e.hazardId = Hazard.id AND e.type IN ('created', 'extension_approved', 'rebound') AND e.at < ${bound}
    ORDER BY e.at DESC, e.id DESC LIMIT 1), Hazard.deadline)`;
}

const num = (v: number | bigint | null | undefined): number => Number(v ?? 0);

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
     * Each unit's tally over a period (domain/assessment.ts says what each count means), as the
     * ledger stood on `asOf`: one grouped pass over the hazards, one over the rebounds.
     */
    async tallies(period: Period, asOf: LocalDate, vetoMajorOverdueDays: number): Promise<Map<number, HazardTally>> {
      const fromI = sqlInstant(dayStart(period.from));
      const toI = sqlInstant(dayStart(addDays(period.to, 1)));
      const asOfEndI = sqlInstant(dayStart(addDays(asOf, 1)));
      const vetoBefore = addDays(asOf, -vetoMajorOverdueDays);
      // MATERIALIZED: each history subquery runs once per hazard, not once per use below. A hazard
      // last closed before the period began (and registered before it) counts nowhere: skipped.
      const rows = await db.$queryRaw<TallyRow[]>`
        WITH h AS MATERIALIZED (
          SELECT unitId, level, originalDeadline,
            date(createdAt, '+8 hours') AS createdOn,
            (createdAt >= ${fromI} AND createdAt < ${toI}) AS inPeriod,
            (createdAt < ${asOfEndI}) AS existed,
            ${closedOnAt(asOfEndI)} AS closedThen,
            ${deadlineAt(asOfEndI)} AS deadlineThen
          FROM Hazard
          WHERE createdAt < ${asOfEndI} AND (createdAt >= ${fromI} OR closedOn IS NULL OR closedOn >= ${period.from})
        )
        SELECT unitId,
          SUM(inPeriod) AS found,
          SUM(inPeriod AND closedThen IS NOT NULL) AS closed,
          SUM(inPeriod AND closedThen IS NOT NULL AND closedThen <= originalDeadline) AS onTime,
          SUM(inPeriod AND (closedThen IS NOT NULL OR originalDeadline < ${asOf})) AS due,
          TOTAL(CASE WHEN inPeriod AND closedThen IS NOT NULL THEN julianday(closedThen) - julianday(createdOn) ELSE 0 END) AS closeDays,
          SUM(existed AND closedThen IS NULL AND deadlineThen < ${asOf}) AS overdue,
          SUM(existed AND closedThen IS NULL AND level = 'major' AND deadlineThen < ${vetoBefore}) AS vetoItems
        FROM h GROUP BY unitId`;
      const tallies = new Map<number, HazardTally>();
      for (const r of rows) {
        tallies.set(Number(r.unitId), {
          found: num(r.found), closed: num(r.closed), onTime: num(r.onTime), due: num(r.due),
          closeDays: Math.round(num(r.closeDays)), overdue: num(r.overdue), rebounds: 0, vetoItems: num(r.vetoItems),
        });
      }
      const rebounds = await db.reinspection.findMany({
        where: { status: 'rebound', decidedAt: { gte: dayStart(period.from), lt: dayStart(addDays(asOf, 1)) } },
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
     * it (added), and of those the ones standing closed at its end; the rest are listed by id.
     */
    async majorClearing(period: Period, asOf: LocalDate): Promise<{ carriedOver: number; added: number; cleared: number; remainingIds: number[] }> {
      const fromI = sqlInstant(dayStart(period.from));
      const endI = sqlInstant(dayStart(addDays(asOf, 1)));
      const rows = await db.$queryRaw<Array<{ id: number | bigint; isNew: number | bigint; closedAtStart: string | null; closedAtEnd: string | null }>>`
        SELECT id, (createdAt >= ${fromI}) AS isNew, ${closedOnAt(fromI)} AS closedAtStart, ${closedOnAt(endI)} AS closedAtEnd
        FROM Hazard WHERE level = 'major' AND createdAt < ${endI} ORDER BY id`;
      let carriedOver = 0;
      let added = 0;
      let cleared = 0;
      const remainingIds: number[] = [];
      for (const r of rows) {
        if (num(r.isNew)) added += 1;
        else if (r.closedAtStart === null) carriedOver += 1;
        else continue;
        if (r.closedAtEnd !== null) cleared += 1;
        else remainingIds.push(Number(r.id));
      }
      return { carriedOver, added, cleared, remainingIds };
    },

    /**
     * The hazards listed for supervision and not closed at the end of `asOf` (listed by then, not
     * lifted since, not accepted since): a report of a past period names what was open then, not
     * an item listed after it ended.
     */
    async supervisedOpenIdsAt(asOf: LocalDate): Promise<number[]> {
      const endI = sqlInstant(dayStart(addDays(asOf, 1)));
      const rows = await db.$queryRaw<Array<{ id: number | bigint }>>`
        SELECT id FROM Hazard
        WHERE createdAt < ${endI}
          AND (SELECT e.type FROM HazardEvent e WHERE e.hazardId = Hazard.id AND e.type IN ('supervised', 'unsupervised') AND e.at < ${endI}
               ORDER BY e.at DESC, e.id DESC LIMIT 1) = 'supervised'
          AND ${closedOnAt(endI)} IS NULL
        ORDER BY id`;
      return rows.map((r) => Number(r.id));
    },

    /** The Shanghai day each hazard was (last) listed for supervision, by hazard id. */
    async supervisedOn(ids: readonly number[]): Promise<Map<number, LocalDate>> {
      if (ids.length === 0) return new Map();
      const events = await db.hazardEvent.findMany({ where: { hazardId: { in: [...ids] }, type: 'supervised' }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { hazardId: true, at: true } });
      return new Map(events.map((e) => [e.hazardId, localDate(e.at)]));
    },

    /** Supervision over a period: items listed in it, acceptances of listed items in it. */
    async supervisionCounts(period: Period): Promise<{ listed: number; closed: number }> {
      const at = { gte: dayStart(period.from), lt: dayStart(addDays(period.to, 1)) };
      const listed = await db.hazardEvent.count({ where: { type: 'supervised', at } });
      const closed = await db.hazardEvent.count({ where: { type: 'accepted', at, hazard: { supervised: true } } });
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

    /** Hazards registered in a period, with what the quarterly statistics count, as they stood on `asOf`. */
    async statisticsHazards(period: Period, asOf: LocalDate, unitIds?: number[]): Promise<StatisticsHazard[]> {
      const fromI = sqlInstant(dayStart(period.from));
      const toI = sqlInstant(dayStart(addDays(period.to, 1)));
      const asOfEndI = sqlInstant(dayStart(addDays(asOf, 1)));
      const rows = await db.$queryRaw<Array<{ unitId: number | bigint; level: string; supervised: number | bigint | boolean; plan: string; closedThen: string | null; deadlineThen: string }>>`
        SELECT unitId, level, supervised, plan, ${closedOnAt(asOfEndI)} AS closedThen, ${deadlineAt(asOfEndI)} AS deadlineThen
        FROM Hazard WHERE createdAt >= ${fromI} AND createdAt < ${toI} ORDER BY id`;
      return rows
        .filter((r) => !unitIds || unitIds.includes(Number(r.unitId)))
        .map((r) => ({
          unitId: Number(r.unitId), level: r.level as HazardLevel, supervised: Boolean(Number(r.supervised)),
          closed: r.closedThen !== null,
          overdue: r.closedThen === null && r.deadlineThen < asOf,
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
