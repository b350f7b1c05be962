import { sql } from 'kysely';
import { sqlDate, type Db } from './database.ts';
import { countIf, noFilter, within } from './hazard-grouping.ts';
import { OPEN } from './reminder-repository.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import type { CardBar, TrendGroup } from '../domain/card.ts';
import { periodInstants } from '../domain/report-periods.ts';
import type { LocalDate } from '../domain/types.ts';

type Count = number | bigint | null;
const num = (v: Count | undefined): number => Number(v ?? 0);

/**
 * The read queries of the chart cards and the dashboard, in one place. Figures that the digest
 * and the weekly summary already count come from their repository; this one adds what only a
 * picture needs (the daily trend, the ranking of units) and what the dashboard lists.
 */
export function createDashboardRepository(db: Db) {
  return {
    /**
     * The hazards open at some moment of the days, grouped so a county of 100,000 comes back in
     * a few hundred rows: those registered before the first day count as one registration date,
     * closings after the last day as none, deadlines outside the days as one before or after.
     */
    async trendGroups(days: readonly LocalDate[], unitIds?: readonly number[]): Promise<TrendGroup[]> {
      const first = days[0];
      const last = days.at(-1);
      if (!first || !last) return [];
      const start = sqlDate(periodInstants({ from: first, to: first }).start);
      const end = sqlDate(periodInstants({ from: last, to: last }).end);
      const before = addDays(first, -1);
      const after = addDays(last, 1);
      const { rows } = await sql<{ createdAt: string | null; closedOn: string | null; deadline: string; count: Count }>`
        SELECT "createdAt", "closedOn", "deadline", COUNT(*) AS "count" FROM (
          SELECT CASE WHEN h."createdAt" < ${start} THEN NULL ELSE h."createdAt" END AS "createdAt",
                 CASE WHEN h."closedOn" > ${last} THEN NULL ELSE h."closedOn" END AS "closedOn",
                 CASE WHEN h."deadline" < ${first} THEN ${before} WHEN h."deadline" > ${last} THEN ${after} ELSE h."deadline" END AS "deadline"
          FROM "Hazard" h
          WHERE h."createdAt" < ${end} AND (h."closedOn" IS NULL OR h."closedOn" >= ${first}) ${within(unitIds)}
        ) AS t GROUP BY "createdAt", "closedOn", "deadline"`.execute(db);
      return rows.map((r) => ({
        createdOn: r.createdAt === null ? null : localDate(new Date(r.createdAt)),
        closedOn: r.closedOn, deadline: r.deadline, count: num(r.count),
      }));
    },

    /**
     * Units (or supervising departments) by how many open hazards are overdue today, most first
     * (ties by name, as the digest's 逾期最多的单位), with how many of them are major.
     */
    async overdueRanking(today: LocalDate, by: 'unit' | 'department', limit: number, unitIds?: readonly number[]): Promise<CardBar[]> {
      const named = by === 'unit' ? sql`u` : sql`s`;
      const { rows } = await sql<{ name: string; count: Count; major: Count }>`
        SELECT ${named}."name" AS "name", COUNT(*) AS "count", ${countIf(sql`h."level" = 'major'`)} AS "major"
        FROM "Hazard" h JOIN "Unit" u ON u."id" = h."unitId"
        ${by === 'department' ? sql`JOIN "Unit" s ON s."id" = u."supervisorId"` : noFilter}
        WHERE ${OPEN} AND h."deadline" < ${today} ${within(unitIds)}
        GROUP BY ${named}."id", ${named}."name" ORDER BY COUNT(*) DESC, ${named}."name" ASC LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({ name: r.name, count: num(r.count), major: num(r.major) }));
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
