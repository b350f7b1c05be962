import { sql, type RawBuilder } from 'kysely';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { asOne, bySupervisionScope, countIf, groupKey, noFilter, within, type Grouping } from './hazard-grouping.ts';
import { OPEN } from './reminder-repository.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import type { CardBar, TrendGroup } from '../domain/card.ts';
import { periodInstants, type Period } from '../domain/report-periods.ts';
import type { LocalDate } from '../domain/types.ts';

type Count = number | bigint | string | null;
const num = (v: Count | undefined): number => Number(v ?? 0);

/** One line of the dashboard's "open by unit / by department" table. */
export interface OpenByRow {
  id: number;
  name: string;
  open: number;
  major: number;
  overdue: number;
}

/**
 * The read queries of the chart cards and the dashboard, in one place, and the dashboard's own
 * records (its links and its key). Figures that the digest and the weekly summary already count
 * come from their repository; this one adds what only a picture needs (the daily trend, the
 * ranking of units) and what the dashboard lists.
 */
export function createDashboardRepository(db: Db) {
  const query = async <R>(q: RawBuilder<R>): Promise<R[]> => (await q.execute(db)).rows;
  const MAJOR = countIf(sql`h."level" = 'major'`);

  // one query per group of a job's loop was most of the daily digest's statements: these answer for every group at once
  async function trendGroupsBy(days: readonly LocalDate[], grouping: Grouping, filter: RawBuilder<unknown>): Promise<Map<number | null, TrendGroup[]>> {
    const byKey = new Map<number | null, TrendGroup[]>();
    const first = days[0];
    const last = days.at(-1);
    if (!first || !last) return byKey;
    const start = sqlDate(periodInstants({ from: first, to: first }).start);
    const end = sqlDate(periodInstants({ from: last, to: last }).end);
    const rows = await query(sql<{ groupKey: number | bigint | null; createdAt: string | Date | null; closedOn: string | null; deadline: string; count: Count }>`
      SELECT "groupKey", "createdAt", "closedOn", "deadline", COUNT(*) AS "count" FROM (
        SELECT ${grouping.key} AS "groupKey",
               CASE WHEN h."createdAt" < ${start} THEN NULL ELSE h."createdAt" END AS "createdAt",
               CASE WHEN h."closedOn" > ${last} THEN NULL ELSE h."closedOn" END AS "closedOn",
               CASE WHEN h."deadline" < ${first} THEN ${addDays(first, -1)} WHEN h."deadline" > ${last} THEN ${addDays(last, 1)} ELSE h."deadline" END AS "deadline"
        FROM "Hazard" h ${grouping.join}
        WHERE h."createdAt" < ${end} AND (h."closedOn" IS NULL OR h."closedOn" >= ${first}) ${filter}
      ) AS t GROUP BY "groupKey", "createdAt", "closedOn", "deadline"`);
    for (const r of rows) {
      const key = groupKey(r.groupKey);
      const groups = byKey.get(key) ?? [];
      groups.push({
        createdOn: r.createdAt === null ? null : localDate(typeof r.createdAt === 'string' ? fromSqlDate(r.createdAt) : r.createdAt),
        closedOn: r.closedOn, deadline: r.deadline, count: num(r.count),
      });
      byKey.set(key, groups);
    }
    return byKey;
  }

  async function overdueRankingBy(today: LocalDate, by: 'unit' | 'department', limit: number, grouping: Grouping, filter: RawBuilder<unknown>): Promise<Map<number | null, CardBar[]>> {
    const named = by === 'unit' ? sql`u` : sql`s`;
    const rows = await query(sql<{ groupKey: number | bigint | null; name: string; count: Count; major: Count }>`
      SELECT "groupKey", "name", "count", "major" FROM (
        SELECT ${grouping.key} AS "groupKey", ${named}."name" AS "name", COUNT(*) AS "count", ${MAJOR} AS "major",
               ROW_NUMBER() OVER (PARTITION BY ${grouping.key} ORDER BY COUNT(*) DESC, ${named}."name" ASC) AS "place"
        FROM "Hazard" h ${grouping.join} JOIN "Unit" u ON u."id" = h."unitId"
        ${by === 'department' ? sql`JOIN "Unit" s ON s."id" = u."supervisorId"` : sql``}
        WHERE ${OPEN} AND h."deadline" < ${today} ${filter}
        GROUP BY ${grouping.key}, ${named}."id", ${named}."name"
      ) AS ranked WHERE "place" <= ${limit} ORDER BY "groupKey", "place"`);
    const byKey = new Map<number | null, CardBar[]>();
    for (const r of rows) {
      const key = groupKey(r.groupKey);
      byKey.set(key, [...(byKey.get(key) ?? []), { name: r.name, count: num(r.count), major: num(r.major) }]);
    }
    return byKey;
  }

  return {
    /**
     * The hazards open at some moment of the days, grouped so a county of 100,000 comes back in
     * a few hundred rows: those registered before the first day count as one registration date,
     * closings after the last day as none, deadlines outside the days as one before or after.
     */
    async trendGroups(days: readonly LocalDate[], unitIds?: readonly number[]): Promise<TrendGroup[]> {
      return (await trendGroupsBy(days, asOne, within(unitIds))).get(null) ?? [];
    },

    /** `trendGroups` of every supervising unit's scope (its own hazards and its units'), in one query. */
    async trendGroupsByScope(days: readonly LocalDate[]): Promise<Map<number | null, TrendGroup[]>> {
      return trendGroupsBy(days, bySupervisionScope, noFilter);
    },

    /**
     * Units (or supervising departments) by how many open hazards are overdue today, most first
     * (ties by name, as the digest's 逾期最多的单位), with how many of them are major.
     */
    async overdueRanking(today: LocalDate, by: 'unit' | 'department', limit: number, unitIds?: readonly number[]): Promise<CardBar[]> {
      return (await overdueRankingBy(today, by, limit, asOne, within(unitIds))).get(null) ?? [];
    },

    /** `overdueRanking` of the units in every supervising unit's scope, in one query. */
    async overdueRankingByScope(today: LocalDate, limit: number): Promise<Map<number | null, CardBar[]>> {
      return overdueRankingBy(today, 'unit', limit, bySupervisionScope, noFilter);
    },

    /**
     * Open hazards per unit (or per supervising department) with how many are major and how many
     * overdue today, the most overdue first.
     */
    async openBy(by: 'unit' | 'department', today: LocalDate, unitIds?: readonly number[]): Promise<OpenByRow[]> {
      const named = by === 'unit' ? sql`u` : sql`s`;
      const rows = await query(sql<{ id: Count; name: string; open: Count; major: Count; overdue: Count }>`
        SELECT ${named}."id" AS "id", ${named}."name" AS "name", COUNT(*) AS "open", ${MAJOR} AS "major",
               ${countIf(sql`h."deadline" < ${today}`)} AS "overdue"
        FROM "Hazard" h JOIN "Unit" u ON u."id" = h."unitId"
        ${by === 'department' ? sql`JOIN "Unit" s ON s."id" = u."supervisorId"` : sql``}
        WHERE ${OPEN} ${within(unitIds)}
        GROUP BY ${named}."id", ${named}."name" ORDER BY "overdue" DESC, "open" DESC, "name" ASC`);
      return rows.map((r) => ({ id: num(r.id), name: r.name, open: num(r.open), major: num(r.major), overdue: num(r.overdue) }));
    },

    /** Hazards due in the period and how many were closed by their deadline (the weekly summary's rule). */
    async onTime(period: Period, unitIds?: readonly number[]): Promise<{ due: number; onTime: number }> {
      const rows = await query(sql<{ due: Count; onTime: Count }>`
        SELECT COUNT(*) AS "due", ${countIf(sql`h."closedOn" IS NOT NULL AND h."closedOn" <= h."deadline"`)} AS "onTime"
        FROM "Hazard" h WHERE h."deadline" >= ${period.from} AND h."deadline" <= ${period.to} ${within(unitIds)}`);
      return { due: num(rows[0]?.due), onTime: num(rows[0]?.onTime) };
    },

    /** Where an evidence file is stored and the units whose hazards it documents. */
    async evidence(sha256: string): Promise<{ path: string; mime: string; unitIds: number[] } | null> {
      const rows = await db.selectFrom('Attachment as a')
        .innerJoin('HazardEvent as e', 'e.id', 'a.eventId')
        .innerJoin('Hazard as h', 'h.id', 'e.hazardId')
        .select(['a.path', 'a.mime', 'h.unitId'])
        .where('a.sha256', '=', sha256)
        .execute();
      const first = rows[0];
      return first ? { path: first.path, mime: first.mime, unitIds: rows.map((r) => r.unitId) } : null;
    },

    /** A secret by name, made with `make` and kept the first time it is asked for. */
    async secret(name: string, make: () => string, now: Date): Promise<string> {
      await db.insertInto('AppSecret').values({ name, value: make(), createdAt: sqlDate(now) })
        .onConflict((oc) => oc.column('name').doNothing()).execute();
      return (await db.selectFrom('AppSecret').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
    },

    /** Replaces a secret (rotation). */
    async replaceSecret(name: string, value: string, now: Date): Promise<void> {
      await db.insertInto('AppSecret').values({ name, value, createdAt: sqlDate(now) })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value, createdAt: sqlDate(now) })).execute();
    },

    /** Records a dashboard link handed out; returns its id. */
    async createLink(personId: number, createdAt: Date, expiresAt: Date): Promise<number> {
      const row = await db.insertInto('DashboardLink').values({ personId, createdAt: sqlDate(createdAt), expiresAt: sqlDate(expiresAt) })
        .returning('id').executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async link(id: number): Promise<{ personId: number; expiresAt: Date; revokedAt: Date | null } | null> {
      const row = await db.selectFrom('DashboardLink').select(['personId', 'expiresAt', 'revokedAt']).where('id', '=', id).executeTakeFirst();
      return row ? { personId: row.personId, expiresAt: fromSqlDate(row.expiresAt), revokedAt: fromSqlDate(row.revokedAt) } : null;
    },

    /** Revokes a person's links that are still valid; returns how many. */
    async revokeLinks(personId: number, now: Date): Promise<number> {
      const result = await db.updateTable('DashboardLink').set({ revokedAt: sqlDate(now) })
        .where('personId', '=', personId).where('revokedAt', 'is', null).where('expiresAt', '>', sqlDate(now))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Notes that a link was used (on record for accountability). */
    async touchLink(id: number, now: Date): Promise<void> {
      await db.updateTable('DashboardLink').set({ lastUsedAt: sqlDate(now) }).where('id', '=', id).execute();
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
