import type { DbTx } from './client.ts';
import { Prisma } from './generated/client.ts';
import { listHazards, scopeSql } from './reminder-repository.ts';
import type { Digest, OnTimeRate, ProgressItem, TopList, WeeklySummary } from '../domain/digest.ts';
import { periodInstants, type Period } from '../domain/report-periods.ts';
import type { LocalDate } from '../domain/types.ts';

const OPEN_STATUSES = ['registered', 'rectifying', 'pending_review'];
const OPEN = Prisma.sql`h.status IN ('registered', 'rectifying', 'pending_review')`;

const num = (v: number | bigint | null | undefined): number => Number(v ?? 0);

/** What the digest and summary count, in SQL: counts and groupings, never the ledger itself. */
export function createDigestRepository(db: DbTx) {
  const unitWhere = (unitIds: readonly number[] | undefined) => (unitIds === undefined ? {} : { unitId: { in: [...unitIds] } });

  async function createdIn(period: Period, unitIds?: readonly number[]): Promise<{ total: number; major: number }> {
    const { start, end } = periodInstants(period);
    const rows = await db.hazard.groupBy({ by: ['level'], where: { createdAt: { gte: start, lt: end }, ...unitWhere(unitIds) }, _count: { _all: true } });
    return { total: rows.reduce((n, r) => n + r._count._all, 0), major: rows.find((r) => r.level === 'major')?._count._all ?? 0 };
  }

  async function closedIn(period: Period, unitIds?: readonly number[]): Promise<number> {
    return db.hazard.count({ where: { status: 'closed', closedOn: { gte: period.from, lte: period.to }, ...unitWhere(unitIds) } });
  }

  async function openByLevel(unitIds?: readonly number[]): Promise<{ total: number; major: number }> {
    const rows = await db.hazard.groupBy({ by: ['level'], where: { status: { in: OPEN_STATUSES }, ...unitWhere(unitIds) }, _count: { _all: true } });
    return { total: rows.reduce((n, r) => n + r._count._all, 0), major: rows.find((r) => r.level === 'major')?._count._all ?? 0 };
  }

  async function progressIn(period: Period, limit: number, unitIds?: readonly number[]): Promise<TopList<ProgressItem>> {
    const { start, end } = periodInstants(period);
    const rows = await db.$queryRaw<Array<{ code: string; unitName: string; actorName: string | null; type: string; progress: number | null; total: bigint }>>`
      SELECT code, unitName, actorName, type, progress, COUNT(*) OVER () AS total FROM (
        SELECT h.code, u.name AS unitName, a.name AS actorName, e.type, e.at,
               json_extract(e.data, '$.progress') AS progress,
               ROW_NUMBER() OVER (PARTITION BY e.hazardId ORDER BY e.at DESC, e.id DESC) AS latest
        FROM HazardEvent e
        JOIN Hazard h ON h.id = e.hazardId
        JOIN Unit u ON u.id = h.unitId
        LEFT JOIN Person a ON a.id = e.actorId
        WHERE e.type IN ('progress', 'submitted') AND e.at >= ${start} AND e.at < ${end} ${scopeSql(unitIds)}
      ) WHERE latest = 1
      ORDER BY at DESC, code ASC
      LIMIT ${limit}`;
    return {
      total: num(rows[0]?.total),
      items: rows.map((r) => ({
        code: r.code, unitName: r.unitName, actorName: r.actorName,
        kind: r.type === 'submitted' ? 'submitted' : 'progress', progress: r.progress === null ? null : Number(r.progress),
      })),
    };
  }

  /** On-time rate of the hazards due in a period, per unit or per supervising unit, worst first. */
  async function onTimeBy(period: Period, by: 'unit' | 'supervisor', limit: number): Promise<TopList<OnTimeRate>> {
    const key = by === 'unit' ? Prisma.sql`u.id` : Prisma.sql`s.id`;
    const name = by === 'unit' ? Prisma.sql`u.name` : Prisma.sql`s.name`;
    const rows = await db.$queryRaw<Array<{ name: string; due: bigint; onTime: bigint; total: bigint }>>`
      SELECT ${name} AS name, COUNT(*) AS due,
             SUM(h.closedOn IS NOT NULL AND h.closedOn <= h.deadline) AS onTime,
             COUNT(*) OVER () AS total
      FROM Hazard h
      JOIN Unit u ON u.id = h.unitId
      ${by === 'supervisor' ? Prisma.sql`JOIN Unit s ON s.id = u.supervisorId` : Prisma.empty}
      WHERE h.deadline >= ${period.from} AND h.deadline <= ${period.to}
      GROUP BY ${key}
      ORDER BY SUM(h.closedOn IS NOT NULL AND h.closedOn <= h.deadline) * 1.0 / COUNT(*) ASC, COUNT(*) DESC, name ASC
      LIMIT ${limit}`;
    return { total: num(rows[0]?.total), items: rows.map((r) => ({ name: r.name, due: num(r.due), onTime: num(r.onTime) })) };
  }

  return {
    /**
     * The daily digest of a scope (all units when `unitIds` is undefined): new and closed in the
     * period, open by level and category, overdue (major first, longest first), the units with
     * the most overdue items, and progress reported in the period.
     */
    async digest(period: Period, today: LocalDate, limit: number, unitIds?: readonly number[]): Promise<Digest> {
      const [created, closed, open, byCategory, overdueLists, worst, progress] = await Promise.all([
        createdIn(period, unitIds),
        closedIn(period, unitIds),
        openByLevel(unitIds),
        db.hazard.groupBy({ by: ['category'], where: { status: { in: OPEN_STATUSES }, ...unitWhere(unitIds) }, _count: { _all: true } }),
        listHazards(db, Prisma.sql`${OPEN} AND h.deadline < ${today} ${scopeSql(unitIds)}`, 'all', 'overdue', limit),
        db.$queryRaw<Array<{ unitName: string; count: bigint }>>`
          SELECT u.name AS unitName, COUNT(*) AS count FROM Hazard h JOIN Unit u ON u.id = h.unitId
          WHERE ${OPEN} AND h.deadline < ${today} ${scopeSql(unitIds)}
          GROUP BY h.unitId ORDER BY count DESC, unitName ASC LIMIT 3`,
        progressIn(period, limit, unitIds),
      ]);
      const overdue = overdueLists[0] ?? { items: [], total: 0, major: 0 };
      return {
        period, today, created, closed,
        open: {
          ...open,
          byCategory: byCategory
            .map((r) => ({ category: r.category, count: r._count._all }))
            .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category, 'zh')),
        },
        overdue: { items: overdue.items, total: overdue.total, major: overdue.major },
        worstUnits: worst.map((r) => ({ unitName: r.unitName, count: num(r.count) })),
        progress,
      };
    },

    /** The weekly summary for the leaders: the week's trend and on-time rates. */
    async weekly(week: Period, previous: Period, today: LocalDate, limit: number): Promise<WeeklySummary> {
      const [createdWeek, createdPrevious, closedWeek, closedPrevious, open, overdue, all, byUnit, byDepartment] = await Promise.all([
        createdIn(week), createdIn(previous), closedIn(week), closedIn(previous), openByLevel(),
        db.$queryRaw<Array<{ total: bigint; major: bigint }>>`
          SELECT COUNT(*) AS total, SUM(h.level = 'major') AS major FROM Hazard h WHERE ${OPEN} AND h.deadline < ${today}`,
        db.$queryRaw<Array<{ due: bigint; onTime: bigint }>>`
          SELECT COUNT(*) AS due, SUM(h.closedOn IS NOT NULL AND h.closedOn <= h.deadline) AS onTime
          FROM Hazard h WHERE h.deadline >= ${week.from} AND h.deadline <= ${week.to}`,
        onTimeBy(week, 'unit', limit),
        onTimeBy(week, 'supervisor', limit),
      ]);
      return {
        week,
        created: { week: createdWeek.total, previous: createdPrevious.total },
        closed: { week: closedWeek, previous: closedPrevious },
        open: open.total,
        overdue: { total: num(overdue[0]?.total), major: num(overdue[0]?.major) },
        onTime: { all: { name: '全县', due: num(all[0]?.due), onTime: num(all[0]?.onTime) }, byUnit, byDepartment },
      };
    },
  };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
