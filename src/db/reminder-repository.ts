import { sql, type RawBuilder } from 'kysely';
import { providerOf, sqlDate, type Db } from './database.ts';
import { asOne, bySupervisor, byUnit, groupKey, type Grouping } from './hazard-grouping.ts';
import type { HazardItem, TopList } from '../domain/digest.ts';
import type { OverdueWindow } from '../domain/escalation.ts';
import type { HazardLevel, HazardStatus, LocalDate } from '../domain/types.ts';

/** One group's list: its first items, how many in all and how many of them are major. */
export interface HazardList extends TopList<HazardItem> {
  /** the unit or supervising unit the list is about (the grouping's key); null for `asOne` */
  key: number | null;
  major: number;
}

/** Not closed, written so the status index serves it. */
export const OPEN = sql`h."status" IN ('registered', 'rectifying', 'pending_review')`;
const IS_MAJOR = sql`CASE WHEN h."level" = 'major' THEN 1 ELSE 0 END`;
/** overdue: major first, longest overdue first; due: nearest deadline first, major first */
const ORDER = {
  overdue: sql`${IS_MAJOR} DESC, h."deadline" ASC, h."id" ASC`,
  due: sql`h."deadline" ASC, ${IS_MAJOR} DESC, h."id" ASC`,
};

interface Row {
  id: number; code: string; description: string; level: string; status: string; progress: number; deadline: string;
  unitId: number; unitName: string; ownerId: number; ownerName: string; supervisorId: number | null; supervisorName: string | null;
  category: string; unitSector: string | null;
  groupKey: number | bigint | null; total: number | bigint; majors: number | bigint;
}

/** The test of `inOverdueWindow`, as SQL. */
function windowSql(w: OverdueWindow): RawBuilder<unknown> {
  const major = w.majorSince === null
    ? sql`(h."level" = 'major' AND h."deadline" < ${w.majorBefore})`
    : sql`(h."level" = 'major' AND h."deadline" >= ${w.majorSince} AND h."deadline" < ${w.majorBefore})`;
  return w.anyLevelBefore === null ? major : sql`(h."deadline" < ${w.anyLevelBefore} OR ${major})`;
}

/**
 * The first `limit` hazards of each group matching `where`, with each group's totals, in one
 * query: the database ranks and counts, so a large ledger is never loaded to cut a list. The
 * ranking reads only indexed columns; the names are joined for the rows that are kept.
 */
export async function listHazards(db: Db, where: RawBuilder<unknown>, grouping: Grouping, order: keyof typeof ORDER, limit: number): Promise<HazardList[]> {
  // on SQLite the unary + keeps the planner from walking the whole table in key order to save a small sort
  const key = providerOf(db) === 'sqlite' ? sql`+${grouping.key}` : grouping.key;
  const { rows } = await sql<Row>`
    SELECT h."id", h."code", h."description", h."level", h."status", h."progress", h."deadline",
           h."unitId", u."name" AS "unitName", h."ownerId", p."name" AS "ownerName", u."supervisorId", s."name" AS "supervisorName",
           h."category", u."sector" AS "unitSector",
           ranked."groupKey", ranked."total", ranked."majors"
    FROM (
      SELECT h."id", ${key} AS "groupKey",
             ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${ORDER[order]}) AS "rowRank",
             COUNT(*) OVER (PARTITION BY ${key}) AS "total",
             SUM(${IS_MAJOR}) OVER (PARTITION BY ${key}) AS "majors"
      FROM "Hazard" h ${grouping.join}
      WHERE ${where}
    ) AS ranked
    JOIN "Hazard" h ON h."id" = ranked."id"
    JOIN "Unit" u ON u."id" = h."unitId"
    JOIN "Person" p ON p."id" = h."ownerId"
    LEFT JOIN "Unit" s ON s."id" = u."supervisorId"
    WHERE ranked."rowRank" <= ${limit}
    ORDER BY ranked."groupKey", ranked."rowRank"`.execute(db);
  const lists = new Map<number | null, HazardList>();
  for (const r of rows) {
    const k = groupKey(r.groupKey);
    let list = lists.get(k);
    if (!list) {
      list = { key: k, items: [], total: Number(r.total), major: Number(r.majors) };
      lists.set(k, list);
    }
    list.items.push({
      id: r.id, code: r.code, description: r.description, level: r.level as HazardLevel, status: r.status as HazardStatus,
      progress: r.progress, deadline: r.deadline, unitId: r.unitId, unitName: r.unitName, ownerId: r.ownerId, ownerName: r.ownerName,
      supervisorId: r.supervisorId, supervisorName: r.supervisorName, category: r.category, unitSector: r.unitSector,
    });
  }
  return [...lists.values()];
}

/** The lists reminders and escalations send: what is due soon, what is overdue. */
export function createReminderRepository(db: Db) {
  return {
    /** Hazards still waiting on their owner whose deadline is one of `deadlines`, per unit. */
    async dueOn(deadlines: readonly LocalDate[], limit: number): Promise<HazardList[]> {
      if (deadlines.length === 0) return [];
      const where = sql`h."status" IN ('registered', 'rectifying') AND h."deadline" IN (${sql.join([...deadlines])})`;
      return listHazards(db, where, byUnit, 'due', limit);
    },

    /** Open hazards in an escalation window, grouped as the step that hears of them. */
    async overdue(window: OverdueWindow, groupedBy: 'unit' | 'supervisor' | 'county', limit: number): Promise<HazardList[]> {
      const grouping = { unit: byUnit, supervisor: bySupervisor, county: asOne }[groupedBy];
      return listHazards(db, sql`${OPEN} AND ${windowSql(window)}`, grouping, 'overdue', limit);
    },

    /** Of these hazards, those their owner acted on since `since` (reported progress, submitted …). */
    async actedOnByOwner(hazards: ReadonlyArray<Pick<HazardItem, 'id' | 'ownerId'>>, since: Date): Promise<Set<number>> {
      if (hazards.length === 0) return new Set();
      const events = await db.selectFrom('HazardEvent').select(['hazardId', 'actorId'])
        .where('hazardId', 'in', hazards.map((h) => h.id)).where('at', '>=', sqlDate(since)).execute();
      const owner = new Map(hazards.map((h) => [h.id, h.ownerId]));
      return new Set(events.filter((e) => e.actorId !== null && e.actorId === owner.get(e.hazardId)).map((e) => e.hazardId));
    },
  };
}

export type ReminderRepository = ReturnType<typeof createReminderRepository>;
