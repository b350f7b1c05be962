import { sql, type RawBuilder } from 'kysely';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { dialectOf } from './dialect.ts';
import { asOne, bySupervisionScope, countIf, groupKey, noFilter, within, type Grouping } from './hazard-grouping.ts';
import { listHazards, OPEN } from './reminder-repository.ts';
import type { Digest, OnTimeRate, ProgressItem, TopList, WeeklySummary } from '../domain/digest.ts';
import { periodInstants, type Period } from '../domain/report-periods.ts';
import type { HazardLevel, LocalDate } from '../domain/types.ts';
import { addDays, atLocal, localDate } from '../domain/calendar.ts';
import type { DayCounts, Decision, LeadersDigest, OverdueFact } from '../domain/leaders-digest.ts';

type Count = number | bigint | null;
const num = (v: Count | string | undefined): number => Number(v ?? 0);
type Key = number | null;

/** Rows of a grouped query, gathered by their group key. */
function byKey<R extends { scopeKey: Count }>(rows: R[]): Map<Key, R[]> {
  const map = new Map<Key, R[]>();
  for (const r of rows) {
    const k = groupKey(r.scopeKey);
    map.set(k, [...(map.get(k) ?? []), r]);
  }
  return map;
}

/**
 * What the digest and the weekly summary count, in SQL: counts, groupings and the first items
 * of each list, never the ledger itself. Each aggregate is one query for every scope at once.
 */
export function createDigestRepository(db: Db) {
  const dialect = dialectOf(db);
  const query = async <R>(q: RawBuilder<R>): Promise<R[]> => (await q.execute(db)).rows;
  const MAJOR = countIf(sql`h."level" = 'major'`);
  /** Counts created in a period (and how many major), per group. */
  async function created(g: Grouping, filter: RawBuilder<unknown>, period: Period) {
    const { start, end } = periodInstants(period);
    return query(sql<{ scopeKey: Count; total: Count; major: Count }>`
      SELECT ${g.key} AS "scopeKey", COUNT(*) AS "total", ${MAJOR} AS "major"
      FROM "Hazard" h ${g.join} WHERE h."createdAt" >= ${sqlDate(start)} AND h."createdAt" < ${sqlDate(end)} ${filter} GROUP BY ${g.key}`);
  }

  /** Counts closed in a period, per group. */
  async function closed(g: Grouping, filter: RawBuilder<unknown>, period: Period) {
    return query(sql<{ scopeKey: Count; total: Count }>`
      SELECT ${g.key} AS "scopeKey", COUNT(*) AS "total"
      FROM "Hazard" h ${g.join} WHERE h."status" = 'closed' AND h."closedOn" >= ${period.from} AND h."closedOn" <= ${period.to} ${filter} GROUP BY ${g.key}`);
  }

  /** Open hazards by category, with how many are major, per group. */
  async function open(g: Grouping, filter: RawBuilder<unknown>) {
    return query(sql<{ scopeKey: Count; category: string; total: Count; major: Count }>`
      SELECT ${g.key} AS "scopeKey", h."category", COUNT(*) AS "total", ${MAJOR} AS "major"
      FROM "Hazard" h ${g.join} WHERE ${OPEN} ${filter} GROUP BY ${g.key}, h."category"`);
  }

  /** The three units with the most overdue items, per group. */
  async function worstUnits(g: Grouping, filter: RawBuilder<unknown>, today: LocalDate) {
    return query(sql<{ scopeKey: Count; unitName: string; count: Count }>`
      SELECT "scopeKey", "unitName", "count" FROM (
        SELECT ${g.key} AS "scopeKey", u."name" AS "unitName", COUNT(*) AS "count",
               ROW_NUMBER() OVER (PARTITION BY ${g.key} ORDER BY COUNT(*) DESC, u."name" ASC) AS "place"
        FROM "Hazard" h ${g.join} JOIN "Unit" u ON u."id" = h."unitId"
        WHERE ${OPEN} AND h."deadline" < ${today} ${filter}
        GROUP BY ${g.key}, h."unitId", u."name"
      ) AS worst WHERE "place" <= 3 ORDER BY "scopeKey", "place"`);
  }

  /**
   * Progress reported in the period: each hazard's latest report, newest first, per group. A
   * decision on a submission counts as the latest word: a fix submitted and rejected the same day
   * is shown rejected, never as still waiting.
   */
  async function progress(g: Grouping, filter: RawBuilder<unknown>, period: Period, limit: number) {
    const { start, end } = periodInstants(period);
    return query(sql<{ scopeKey: Count; code: string; unitName: string; actorName: string | null; type: string; progress: Count | string | null; total: Count }>`
      SELECT "scopeKey", "code", "unitName", "actorName", "type", "progress", "total" FROM (
        SELECT events.*, ROW_NUMBER() OVER (PARTITION BY "scopeKey" ORDER BY "at" DESC, "code" ASC) AS "place",
               COUNT(*) OVER (PARTITION BY "scopeKey") AS "total"
        FROM (
          SELECT ${g.key} AS "scopeKey", h."code", u."name" AS "unitName", a."name" AS "actorName", e."type", e."at",
                 ${dialect.jsonField(sql`e."data"`, 'progress')} AS "progress",
                 ROW_NUMBER() OVER (PARTITION BY ${g.key}, e."hazardId" ORDER BY e."at" DESC, e."id" DESC) AS "latest"
          FROM "HazardEvent" e
          JOIN "Hazard" h ON h."id" = e."hazardId" ${g.join}
          JOIN "Unit" u ON u."id" = h."unitId"
          LEFT JOIN "Person" a ON a."id" = e."actorId"
          WHERE e."type" IN ('progress', 'submitted', 'rejected', 'accepted') AND e."at" >= ${sqlDate(start)} AND e."at" < ${sqlDate(end)} ${filter}
        ) AS events WHERE "latest" = 1
      ) AS ranked WHERE "place" <= ${limit} ORDER BY "scopeKey", "place"`);
  }

  /** Every part of the digest for every group of a grouping, from six queries. */
  async function digests(g: Grouping, filter: RawBuilder<unknown>, period: Period, today: LocalDate, limit: number): Promise<Map<Key, Digest>> {
    const [createdRows, closedRows, openRows, overdueLists, worstRows, progressRows] = await Promise.all([
      created(g, filter, period),
      closed(g, filter, period),
      open(g, filter),
      listHazards(db, sql`${OPEN} AND h."deadline" < ${today} ${filter}`, g, 'overdue', limit),
      worstUnits(g, filter, today),
      progress(g, filter, period, limit),
    ]);
    const createdBy = byKey(createdRows);
    const closedBy = byKey(closedRows);
    const openBy = byKey(openRows);
    const worstBy = byKey(worstRows);
    const progressBy = byKey(progressRows);
    const overdueBy = new Map(overdueLists.map((l) => [l.key, l]));
    const keys = new Set<Key>([...createdBy.keys(), ...closedBy.keys(), ...openBy.keys(), ...progressBy.keys(), ...overdueBy.keys()]);
    const result = new Map<Key, Digest>();
    for (const key of keys) {
      const c = createdBy.get(key)?.[0];
      const categories = (openBy.get(key) ?? []).map((r) => ({ category: r.category, count: num(r.total), major: num(r.major) }));
      const overdue = overdueBy.get(key);
      const reports = progressBy.get(key) ?? [];
      result.set(key, {
        period, today,
        created: { total: num(c?.total), major: num(c?.major) },
        closed: num(closedBy.get(key)?.[0]?.total),
        open: {
          total: categories.reduce((n, r) => n + r.count, 0),
          major: categories.reduce((n, r) => n + r.major, 0),
          byCategory: categories
            .map(({ category, count }) => ({ category, count }))
            .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1)),
        },
        overdue: { items: overdue?.items ?? [], total: overdue?.total ?? 0, major: overdue?.major ?? 0 },
        worstUnits: (worstBy.get(key) ?? []).map((r) => ({ unitName: r.unitName, count: num(r.count) })),
        progress: {
          total: num(reports[0]?.total),
          items: reports.map((r): ProgressItem => ({
            code: r.code, unitName: r.unitName, actorName: r.actorName,
            kind: r.type === 'submitted' || r.type === 'rejected' || r.type === 'accepted' ? r.type : 'progress', progress: r.progress === null ? null : num(r.progress),
          })),
        },
      });
    }
    return result;
  }

  /** A digest with nothing in it: a scope with no hazards at all. */
  const emptyDigest = (period: Period, today: LocalDate): Digest => ({
    period, today, created: { total: 0, major: 0 }, closed: 0, open: { total: 0, major: 0, byCategory: [] },
    overdue: { items: [], total: 0, major: 0 }, worstUnits: [], progress: { items: [], total: 0 },
  });

  /** On-time rate of the hazards due in a period, per unit or per supervising unit, worst first. */
  async function onTimeBy(period: Period, by: 'unit' | 'supervisor', limit: number): Promise<TopList<OnTimeRate>> {
    const named = by === 'unit' ? sql`u` : sql`s`;
    const onTime = countIf(sql`h."closedOn" IS NOT NULL AND h."closedOn" <= h."deadline"`);
    const rows = await query(sql<{ name: string; due: Count; onTime: Count; total: Count }>`
      SELECT ${named}."name" AS "name", COUNT(*) AS "due", ${onTime} AS "onTime", COUNT(*) OVER () AS "total"
      FROM "Hazard" h
      JOIN "Unit" u ON u."id" = h."unitId"
      ${by === 'supervisor' ? sql`JOIN "Unit" s ON s."id" = u."supervisorId"` : noFilter}
      WHERE h."deadline" >= ${period.from} AND h."deadline" <= ${period.to}
      GROUP BY ${named}."id", ${named}."name"
      ORDER BY ${onTime} * 1.0 / COUNT(*) ASC, COUNT(*) DESC, ${named}."name" ASC
      LIMIT ${limit}`);
    return { total: num(rows[0]?.total), items: rows.map((r) => ({ name: r.name, due: num(r.due), onTime: num(r.onTime) })) };
  }

  /** Hazards whose first overdue day fell in a period and that were not closed by their deadline. */
  async function newlyOverdue(period: Period): Promise<number> {
    const [row] = await query(sql<{ total: Count }>`
      SELECT COUNT(*) AS "total" FROM "Hazard" h
      WHERE h."deadline" >= ${addDays(period.from, -1)} AND h."deadline" <= ${addDays(period.to, -1)}
        AND (h."closedOn" IS NULL OR h."closedOn" > h."deadline")`);
    return num(row?.total);
  }

  async function dayCounts(period: Period): Promise<DayCounts> {
    const [c, cl, n] = await Promise.all([created(asOne, noFilter, period), closed(asOne, noFilter, period), newlyOverdue(period)]);
    return { created: num(c[0]?.total), closed: num(cl[0]?.total), newlyOverdue: n };
  }

  return {
    /**
     * What the leaders' evening digest says beyond the counts of {@link digest}: the change against
     * the period before, open and overdue now and a week ago, what waits on the departments, the
     * period's rejections and extension decisions, and every open overdue hazard for the burden
     * ranking (src/domain/leaders-digest.ts).
     */
    async leadersFacts(period: Period, before: Period, today: LocalDate, weekAgo: LocalDate): Promise<Omit<LeadersDigest, 'worstUnits' | 'worstDepartments'> & { overdue: OverdueFact[] }> {
      const { start, end } = periodInstants(period);
      const weekAgoEnd = sqlDate(atLocal(`${addDays(weekAgo, 1)} 00:00`));
      const overdueNow = sql`h."deadline" < ${today}`;
      const [now, prior, [standing], [past], waiting, decisions, overdue] = await Promise.all([
        dayCounts(period),
        dayCounts(before),
        query(sql<{ open: Count; openMajor: Count; overdue: Count; overdueMajor: Count }>`
          SELECT COUNT(*) AS "open", ${MAJOR} AS "openMajor", ${countIf(overdueNow)} AS "overdue",
                 ${countIf(sql`${overdueNow} AND h."level" = 'major'`)} AS "overdueMajor"
          FROM "Hazard" h WHERE ${OPEN}`),
        // a week ago: registered by the end of that day and not closed by then (deadlines as they stand now)
        query(sql<{ open: Count; overdue: Count }>`
          SELECT COUNT(*) AS "open", ${countIf(sql`h."deadline" < ${weekAgo}`)} AS "overdue"
          FROM "Hazard" h WHERE h."createdAt" < ${weekAgoEnd} AND (h."closedOn" IS NULL OR h."closedOn" > ${weekAgo})`),
        query(sql<{ code: string; unitName: string; departmentName: string | null; submittedAt: string | null }>`
          SELECT h."code", u."name" AS "unitName", s."name" AS "departmentName",
                 (SELECT MAX(e."at") FROM "HazardEvent" e WHERE e."hazardId" = h."id" AND e."type" = 'submitted') AS "submittedAt"
          FROM "Hazard" h JOIN "Unit" u ON u."id" = h."unitId" LEFT JOIN "Unit" s ON s."id" = u."supervisorId"
          WHERE h."status" = 'pending_review' ORDER BY "submittedAt" ASC, h."id" ASC`),
        query(sql<{ code: string; unitName: string; type: string; actorName: string | null; data: string | null }>`
          SELECT h."code", u."name" AS "unitName", e."type", a."name" AS "actorName", e."data"
          FROM "HazardEvent" e JOIN "Hazard" h ON h."id" = e."hazardId" JOIN "Unit" u ON u."id" = h."unitId"
          LEFT JOIN "Person" a ON a."id" = e."actorId"
          WHERE e."type" IN ('rejected', 'extension_approved', 'extension_denied') AND e."at" >= ${sqlDate(start)} AND e."at" < ${sqlDate(end)}
          ORDER BY e."at" ASC, e."id" ASC`),
        query(sql<{ level: string; deadline: string; unitName: string; departmentName: string | null }>`
          SELECT h."level", h."deadline", u."name" AS "unitName", s."name" AS "departmentName"
          FROM "Hazard" h JOIN "Unit" u ON u."id" = h."unitId" LEFT JOIN "Unit" s ON s."id" = u."supervisorId"
          WHERE ${OPEN} AND ${overdueNow}`),
      ]);
      const data = (text: string | null): Record<string, unknown> => {
        try {
          return text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          return {};
        }
      };
      return {
        period, today,
        change: { now, before: prior },
        standing: {
          open: num(standing?.open), openMajor: num(standing?.openMajor), overdue: num(standing?.overdue), overdueMajor: num(standing?.overdueMajor),
          openWeekAgo: num(past?.open), overdueWeekAgo: num(past?.overdue),
        },
        waiting: waiting.map((w) => ({
          code: w.code, unitName: w.unitName, departmentName: w.departmentName,
          submittedOn: w.submittedAt === null ? today : localDate(fromSqlDate(w.submittedAt)),
        })),
        decisions: decisions.map((d) => {
          const fields = data(d.data);
          return {
            code: d.code, unitName: d.unitName, kind: d.type as Decision['kind'], actorName: d.actorName,
            to: typeof fields.to === 'string' ? fields.to : null,
            reason: typeof fields.reason === 'string' && fields.reason.trim() ? fields.reason.trim() : null,
          };
        }),
        overdue: overdue.map((o) => ({ level: o.level as HazardLevel, deadline: o.deadline, unitName: o.unitName, departmentName: o.departmentName })),
      };
    },

    /**
     * The daily digest of one scope (all units when `unitIds` is undefined): new and closed in
     * the period, open by level and category, overdue (major first, longest first), the units
     * with the most overdue items, and progress reported in the period.
     */
    async digest(period: Period, today: LocalDate, limit: number, unitIds?: readonly number[]): Promise<Digest> {
      return (await digests(asOne, within(unitIds), period, today, limit)).get(null) ?? emptyDigest(period, today);
    },

    /** The digest of every supervising unit's scope (its own units and those it supervises), by its unit id. */
    async supervisionDigests(period: Period, today: LocalDate, limit: number): Promise<Map<number, Digest>> {
      const all = await digests(bySupervisionScope, noFilter, period, today, limit);
      return new Map([...all].flatMap(([key, digest]) => (key === null ? [] : [[key, digest] as const])));
    },

    /** The weekly summary for the leaders: the week's trend and on-time rates. */
    async weekly(week: Period, previous: Period, today: LocalDate, limit: number): Promise<WeeklySummary> {
      const none = noFilter;
      const [createdWeek, createdBefore, closedWeek, closedBefore, openRows, overdue, all, byUnit, byDepartment] = await Promise.all([
        created(asOne, none, week), created(asOne, none, previous), closed(asOne, none, week), closed(asOne, none, previous),
        open(asOne, none),
        query(sql<{ total: Count; major: Count }>`
          SELECT COUNT(*) AS "total", ${MAJOR} AS "major" FROM "Hazard" h WHERE ${OPEN} AND h."deadline" < ${today}`),
        query(sql<{ due: Count; onTime: Count }>`
          SELECT COUNT(*) AS "due", ${countIf(sql`h."closedOn" IS NOT NULL AND h."closedOn" <= h."deadline"`)} AS "onTime"
          FROM "Hazard" h WHERE h."deadline" >= ${week.from} AND h."deadline" <= ${week.to}`),
        onTimeBy(week, 'unit', limit),
        onTimeBy(week, 'supervisor', limit),
      ]);
      return {
        week,
        created: { week: num(createdWeek[0]?.total), previous: num(createdBefore[0]?.total) },
        closed: { week: num(closedWeek[0]?.total), previous: num(closedBefore[0]?.total) },
        open: openRows.reduce((n, r) => n + num(r.total), 0),
        overdue: { total: num(overdue[0]?.total), major: num(overdue[0]?.major) },
        onTime: { all: { name: '全县', due: num(all[0]?.due), onTime: num(all[0]?.onTime) }, byUnit, byDepartment },
      };
    },
  };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
