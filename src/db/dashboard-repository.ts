import type { DbTx } from './client.ts';
import { Prisma } from './generated/client.ts';
import { within } from './hazard-grouping.ts';
import { OPEN } from './reminder-repository.ts';
import { sqlDate } from './statements.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import type { CardBar, TrendGroup } from '../domain/card.ts';
import { periodInstants, type Period } from '../domain/report-periods.ts';
import type { LocalDate } from '../domain/types.ts';

type Count = number | bigint | null;

/** One line of the dashboard's "open by unit / by department" table. */
export interface OpenByRow {
  id: number;
  name: string;
  open: number;
  major: number;
  overdue: number;
}
const num = (v: Count | undefined): number => Number(v ?? 0);

/**
 * The read queries of the chart cards and the dashboard, in one place. Figures that the digest
 * and the weekly summary already count come from their repository; this one adds what only a
 * picture needs (the daily trend, the ranking of units) and what the dashboard lists.
 */
export function createDashboardRepository(db: DbTx) {
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
      const rows = await db.$queryRaw<Array<{ createdAt: string | Date | null; closedOn: string | null; deadline: string; count: Count }>>`
        SELECT createdAt, closedOn, deadline, COUNT(*) AS count FROM (
          SELECT CASE WHEN h.createdAt < ${start} THEN NULL ELSE h.createdAt END AS createdAt,
                 CASE WHEN h.closedOn > ${last} THEN NULL ELSE h.closedOn END AS closedOn,
                 CASE WHEN h.deadline < ${first} THEN ${before} WHEN h.deadline > ${last} THEN ${after} ELSE h.deadline END AS deadline
          FROM Hazard h
          WHERE h.createdAt < ${end} AND (h.closedOn IS NULL OR h.closedOn >= ${first}) ${within(unitIds)}
        ) AS t GROUP BY createdAt, closedOn, deadline`;
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
      const named = by === 'unit' ? Prisma.sql`u` : Prisma.sql`s`;
      const rows = await db.$queryRaw<Array<{ name: string; count: Count; major: Count }>>`
        SELECT ${named}.name AS name, COUNT(*) AS count, SUM(h.level = 'major') AS major
        FROM Hazard h JOIN Unit u ON u.id = h.unitId
        ${by === 'department' ? Prisma.sql`JOIN Unit s ON s.id = u.supervisorId` : Prisma.empty}
        WHERE ${OPEN} AND h.deadline < ${today} ${within(unitIds)}
        GROUP BY ${named}.id ORDER BY COUNT(*) DESC, ${named}.name ASC LIMIT ${limit}`;
      return rows.map((r) => ({ name: r.name, count: num(r.count), major: num(r.major) }));
    },

    /**
     * Open hazards per unit (or per supervising department) with how many are major and how many
     * overdue today, the most overdue first.
     */
    async openBy(by: 'unit' | 'department', today: LocalDate, unitIds?: readonly number[]): Promise<OpenByRow[]> {
      const named = by === 'unit' ? Prisma.sql`u` : Prisma.sql`s`;
      const rows = await db.$queryRaw<Array<{ id: Count; name: string; open: Count; major: Count; overdue: Count }>>`
        SELECT ${named}.id AS id, ${named}.name AS name, COUNT(*) AS open, SUM(CASE WHEN h.level = 'major' THEN 1 ELSE 0 END) AS major,
               SUM(CASE WHEN h.deadline < ${today} THEN 1 ELSE 0 END) AS overdue
        FROM Hazard h JOIN Unit u ON u.id = h.unitId
        ${by === 'department' ? Prisma.sql`JOIN Unit s ON s.id = u.supervisorId` : Prisma.empty}
        WHERE ${OPEN} ${within(unitIds)}
        GROUP BY ${named}.id, ${named}.name ORDER BY overdue DESC, open DESC, name ASC`;
      return rows.map((r) => ({ id: num(r.id), name: r.name, open: num(r.open), major: num(r.major), overdue: num(r.overdue) }));
    },

    /** Hazards due in the period and how many were closed by their deadline (the weekly summary's rule). */
    async onTime(period: Period, unitIds?: readonly number[]): Promise<{ due: number; onTime: number }> {
      const rows = await db.$queryRaw<Array<{ due: Count; onTime: Count }>>`
        SELECT COUNT(*) AS due, SUM(CASE WHEN h.closedOn IS NOT NULL AND h.closedOn <= h.deadline THEN 1 ELSE 0 END) AS onTime
        FROM Hazard h WHERE h.deadline >= ${period.from} AND h.deadline <= ${period.to} ${within(unitIds)}`;
      return { due: num(rows[0]?.due), onTime: num(rows[0]?.onTime) };
    },

    /** Where an evidence file is stored and the units whose hazards it documents. */
    async evidence(sha256: string): Promise<{ path: string; mime: string; unitIds: number[] } | null> {
      const rows = await db.$queryRaw<Array<{ path: string; mime: string; unitId: Count }>>`
        SELECT a.path, a.mime, h.unitId FROM Attachment a
        JOIN HazardEvent e ON e.id = a.eventId JOIN Hazard h ON h.id = e.hazardId
        WHERE a.sha256 = ${sha256}`;
      const first = rows[0];
      return first ? { path: first.path, mime: first.mime, unitIds: rows.map((r) => num(r.unitId)) } : null;
    },

    /** A secret by name, made with `make` and kept the first time it is asked for. */
    async secret(name: string, make: () => string, now: Date): Promise<string> {
      const found = await db.appSecret.findUnique({ where: { name } });
      if (found) return found.value;
      await db.appSecret.create({ data: { name, value: make(), createdAt: now } });
      return (await db.appSecret.findUniqueOrThrow({ where: { name } })).value;
    },

    /** Replaces a secret (rotation). */
    async replaceSecret(name: string, value: string, now: Date): Promise<void> {
      await db.appSecret.upsert({ where: { name }, create: { name, value, createdAt: now }, update: { value, createdAt: now } });
    },

    /** Records a dashboard link handed out; returns its id. */
    async createLink(personId: number, createdAt: Date, expiresAt: Date): Promise<number> {
      return (await db.dashboardLink.create({ data: { personId, createdAt, expiresAt }, select: { id: true } })).id;
    },

    async link(id: number): Promise<{ personId: number; expiresAt: Date; revokedAt: Date | null } | null> {
      return db.dashboardLink.findUnique({ where: { id }, select: { personId: true, expiresAt: true, revokedAt: true } });
    },

    /** Revokes a person's links that are still valid; returns how many. */
    async revokeLinks(personId: number, now: Date): Promise<number> {
      const { count } = await db.dashboardLink.updateMany({ where: { personId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
      return count;
    },

    /** Notes that a link was used (on record for accountability). */
    async touchLink(id: number, now: Date): Promise<void> {
      await db.dashboardLink.update({ where: { id }, data: { lastUsedAt: now } });
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
