import { sql, type RawBuilder } from 'kysely';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { dialectOf, type Dialect } from './dialect.ts';
import { countIf } from './hazard-grouping.ts';
import { selectViews } from './hazard-repository.ts';
import { EMPTY_TALLY, type HazardTally } from '../domain/assessment.ts';
import { addDays, atLocal, daysBetween, localDate } from '../domain/calendar.ts';
import type { Period } from '../domain/period.ts';
import { OPEN_STATUSES, type HazardLevel, type HazardStatus, type HazardView, type LocalDate } from '../domain/types.ts';
import type { UnitWatchFacts } from '../domain/watch-rules.ts';
import type { StatisticsHazard } from '../domain/statistics.ts';

/** Instants are bound in the shape they are stored in (database.ts). */
const sqlInstant = sqlDate;

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
  /** the campaign a 专项整治 hazard counts towards, by name */
  campaignName: string | null;
}

type TallyRow = { unitId: number | bigint } & Record<'found' | 'closed' | 'onTime' | 'due' | 'closeDays' | 'overdue' | 'vetoItems' | 'selfClosed', number | bigint | null>;

/**
 * SQL for a hazard's state at an instant, read from its immutable history rather than its current
 * row, so a later rebound or extension never rewrites a past period's numbers:
 * - the local day it stood closed on (its last acceptance, unless a rebound came after), or NULL;
 * - the deadline it had (set by registration, an approved extension or a rebound).
 */
function closedOnAt(d: Dialect, bound: string): RawBuilder<string | null> {
  return sql`(SELECT CASE WHEN e."type" = 'accepted' THEN ${d.localDay(sql`e."at"`)} END FROM "HazardEvent" e
    WHERE e."hazardId" = "Hazard"."id" AND e."type" IN ('accepted', 'rebound') AND e."at" < ${bound}
    ORDER BY e."at" DESC, e."id" DESC LIMIT 1)`;
}
function deadlineAt(d: Dialect, bound: string): RawBuilder<string> {
  return sql`COALESCE((SELECT CASE e."type" WHEN 'extension_approved' THEN ${d.jsonField(sql`e."data"`, 'to')} ELSE ${d.jsonField(sql`e."data"`, 'deadline')} END
    FROM "HazardEvent" e
    WHERE e."hazardId" = "Hazard"."id" AND e."at" < ${bound}
      AND (e."type" IN ('created', 'extension_approved', 'rebound') OR (e."type" = 'enforcement' AND ${d.jsonField(sql`e."data"`, 'deadline')} IS NOT NULL))
    ORDER BY e."at" DESC, e."id" DESC LIMIT 1), "Hazard"."deadline")`;
}

const num = (v: number | bigint | null | undefined): number => Number(v ?? 0);

/** The county-level numbers: assessment tallies, the major-hazard clearing, ledger rows. */
export function createGovernanceRepository(db: Db) {
  const d = dialectOf(db);
  const query = async <R>(q: RawBuilder<R>): Promise<R[]> => (await q.execute(db)).rows;

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
      const inPeriod = sql`h."inPeriod" = 1`;
      const existed = sql`h."existed" = 1`;
      const rows = await query(sql<TallyRow>`
        WITH h AS MATERIALIZED (
          SELECT "unitId", "level", "originalDeadline", "source",
            ${d.localDay(sql`"createdAt"`)} AS "createdOn",
            CASE WHEN "createdAt" >= ${fromI} AND "createdAt" < ${toI} THEN 1 ELSE 0 END AS "inPeriod",
            CASE WHEN "createdAt" < ${asOfEndI} THEN 1 ELSE 0 END AS "existed",
            ${closedOnAt(d, asOfEndI)} AS "closedThen",
            ${deadlineAt(d, asOfEndI)} AS "deadlineThen"
          FROM "Hazard"
          WHERE "createdAt" < ${asOfEndI} AND ("createdAt" >= ${fromI} OR "closedOn" IS NULL OR "closedOn" >= ${period.from})
        )
        SELECT h."unitId",
          ${countIf(inPeriod)} AS "found",
          ${countIf(sql`${inPeriod} AND h."closedThen" IS NOT NULL`)} AS "closed",
          ${countIf(sql`${inPeriod} AND h."closedThen" IS NOT NULL AND h."closedThen" <= h."originalDeadline"`)} AS "onTime",
          ${countIf(sql`${inPeriod} AND (h."closedThen" IS NOT NULL OR h."originalDeadline" < ${asOf})`)} AS "due",
          COALESCE(SUM(CASE WHEN ${inPeriod} AND h."closedThen" IS NOT NULL THEN ${d.daysBetween(sql`h."createdOn"`, sql`h."closedThen"`)} ELSE 0 END), 0) AS "closeDays",
          ${countIf(sql`${existed} AND h."closedThen" IS NULL AND h."deadlineThen" < ${asOf}`)} AS "overdue",
          ${countIf(sql`${existed} AND h."closedThen" IS NULL AND h."level" = 'major' AND h."deadlineThen" < ${vetoBefore}`)} AS "vetoItems",
          ${countIf(sql`${inPeriod} AND h."closedThen" IS NOT NULL AND h."source" = 'self_check'`)} AS "selfClosed"
        FROM h GROUP BY h."unitId"`);
      const tallies = new Map<number, HazardTally>();
      for (const r of rows) {
        tallies.set(Number(r.unitId), {
          found: num(r.found), closed: num(r.closed), onTime: num(r.onTime), due: num(r.due),
          closeDays: Math.round(num(r.closeDays)), overdue: num(r.overdue), rebounds: 0, vetoItems: num(r.vetoItems),
          selfClosed: num(r.selfClosed),
        });
      }
      const rebounds = await db.selectFrom('Reinspection as r').innerJoin('Hazard as h', 'h.id', 'r.hazardId').select('h.unitId')
        .where('r.status', '=', 'rebound').where('r.decidedAt', '>=', fromI).where('r.decidedAt', '<', asOfEndI).execute();
      for (const r of rebounds) {
        const t = tallies.get(r.unitId) ?? { ...EMPTY_TALLY };
        tallies.set(r.unitId, { ...t, rebounds: t.rebounds + 1 });
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
      const rows = await query(sql<{ id: number | bigint; isNew: number | bigint; closedAtStart: string | null; closedAtEnd: string | null }>`
        SELECT "id", CASE WHEN "createdAt" >= ${fromI} THEN 1 ELSE 0 END AS "isNew", ${closedOnAt(d, fromI)} AS "closedAtStart", ${closedOnAt(d, endI)} AS "closedAtEnd"
        FROM "Hazard" WHERE "level" = 'major' AND "createdAt" < ${endI} ORDER BY "id"`);
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
      const rows = await query(sql<{ id: number | bigint }>`
        SELECT "id" FROM "Hazard"
        WHERE "createdAt" < ${endI}
          -- only hazards ever listed by then: the latest-event test below then runs for a few, not for every hazard
          AND "id" IN (SELECT l."hazardId" FROM "HazardEvent" l WHERE l."type" = 'supervised' AND l."at" < ${endI})
          AND (SELECT e."type" FROM "HazardEvent" e WHERE e."hazardId" = "Hazard"."id" AND e."type" IN ('supervised', 'unsupervised') AND e."at" < ${endI}
               ORDER BY e."at" DESC, e."id" DESC LIMIT 1) = 'supervised'
          AND ${closedOnAt(d, endI)} IS NULL
        ORDER BY "id"`);
      return rows.map((r) => Number(r.id));
    },

    /** The Shanghai day each hazard was (last) listed for supervision, by hazard id. */
    async supervisedOn(ids: readonly number[]): Promise<Map<number, LocalDate>> {
      if (ids.length === 0) return new Map();
      const events = await db.selectFrom('HazardEvent').select(['hazardId', 'at'])
        .where('hazardId', 'in', [...ids]).where('type', '=', 'supervised')
        .orderBy('at', 'asc').orderBy('id', 'asc').execute();
      return new Map(events.map((e) => [Number(e.hazardId), localDate(fromSqlDate(e.at))]));
    },

    /** Supervision over a period: items listed in it, acceptances of listed items in it. */
    async supervisionCounts(period: Period): Promise<{ listed: number; closed: number }> {
      const from = sqlInstant(dayStart(period.from));
      const to = sqlInstant(dayStart(addDays(period.to, 1)));
      const [counts] = await query(sql<{ listed: number | bigint | null; closed: number | bigint | null }>`
        SELECT ${countIf(sql`e."type" = 'supervised'`)} AS "listed", ${countIf(sql`e."type" = 'accepted' AND h."supervised" = ${1}`)} AS "closed"
        FROM "HazardEvent" e JOIN "Hazard" h ON h."id" = e."hazardId"
        WHERE e."type" IN ('supervised', 'accepted') AND e."at" >= ${from} AND e."at" < ${to}`);
      return { listed: num(counts?.listed), closed: num(counts?.closed) };
    },

    /** The hazards of a ledger export, in code order, each with who accepted it (the last acceptance, after a rebound). */
    async ledger(filter: LedgerFilter, today: LocalDate): Promise<LedgerHazard[]> {
      const acceptedBy = sql<string | null>`(SELECT a."name" FROM "HazardEvent" e LEFT JOIN "Person" a ON a."id" = e."actorId"
        WHERE e."hazardId" = h."id" AND e."type" = 'accepted' ORDER BY e."at" DESC, e."id" DESC LIMIT 1)`;
      const campaignName = sql<string | null>`(SELECT c."name" FROM "Campaign" c WHERE c."id" = h."campaignId")`;
      return selectViews(db, (q) => {
        let w = q.select([acceptedBy.as('acceptedBy'), campaignName.as('campaignName')]);
        if (filter.period) {
          w = w.where('h.createdAt', '>=', sqlInstant(dayStart(filter.period.from))).where('h.createdAt', '<', sqlInstant(dayStart(addDays(filter.period.to, 1))));
        }
        if (filter.unitIds) w = filter.unitIds.length === 0 ? w.where(sql<boolean>`1 = 0`) : w.where('h.unitId', 'in', filter.unitIds);
        if (filter.level) w = w.where('h.level', '=', filter.level);
        if (filter.status === 'open') w = w.where('h.status', '!=', 'closed');
        else if (filter.status === 'overdue') w = w.where('h.status', '!=', 'closed').where('h.deadline', '<', today);
        else if (filter.status) w = w.where('h.status', '=', filter.status);
        return w.orderBy('h.id');
      }, (r) => ({ acceptedBy: (r.acceptedBy as string | null) ?? null, campaignName: (r.campaignName as string | null) ?? null }));
    },

    /** Hazards registered in a period, with what the quarterly statistics count, as they stood on `asOf`. */
    async statisticsHazards(period: Period, asOf: LocalDate, unitIds?: number[]): Promise<StatisticsHazard[]> {
      const fromI = sqlInstant(dayStart(period.from));
      const toI = sqlInstant(dayStart(addDays(period.to, 1)));
      const asOfEndI = sqlInstant(dayStart(addDays(asOf, 1)));
      const rows = await query(sql<{ unitId: number | bigint; level: string; supervised: number | bigint | boolean; plan: string; closedThen: string | null; deadlineThen: string }>`
        SELECT "unitId", "level", "supervised", "plan", ${closedOnAt(d, asOfEndI)} AS "closedThen", ${deadlineAt(d, asOfEndI)} AS "deadlineThen"
        FROM "Hazard" WHERE "createdAt" >= ${fromI} AND "createdAt" < ${toI} ORDER BY "id"`);
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
      const overdue = await db.selectFrom('Hazard').select(['unitId', 'code', 'level', 'deadline'])
        .where('status', 'in', OPEN_STATUSES).where('deadline', '<', today).orderBy('id').execute();
      const rebounds = (await db.selectFrom('Reinspection as r').innerJoin('Hazard as h', 'h.id', 'r.hazardId')
        .select(['r.decidedAt', 'r.note', 'h.code', 'h.unitId'])
        .where('r.status', '=', 'rebound').where('r.decidedAt', '>=', sqlInstant(reboundsSince)).orderBy('r.decidedAt').orderBy('r.id').execute())
        .map((r) => ({ decidedAt: fromSqlDate(r.decidedAt), note: r.note, hazard: { code: r.code, unitId: r.unitId } }));
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
