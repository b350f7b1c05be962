import { Prisma } from './generated/client.ts';

/**
 * How a ledger query groups hazards, as SQL over `Hazard h`: the join that brings in the group
 * and the key each hazard is counted under. One query then answers for every group at once —
 * every unit's group, every department's digest — instead of one query per group.
 */
export interface Grouping {
  join: Prisma.Sql;
  key: Prisma.Sql;
}

/** One group per unit: a unit's own group hears of its hazards. */
export const byUnit: Grouping = { join: Prisma.empty, key: Prisma.sql`h.unitId` };

/** One group per supervising unit, of the units it supervises (escalation to the department). */
export const bySupervisor: Grouping = { join: Prisma.sql`JOIN Unit gu ON gu.id = h.unitId`, key: Prisma.sql`gu.supervisorId` };

/** Everything in one group (the county, or one scope narrowed by `within`); its key is null. */
export const asOne: Grouping = { join: Prisma.empty, key: Prisma.sql`NULL` };

/**
 * One group per supervising unit with its own hazards and its supervised units' — what
 * `groupScope` gives a department's group. A unit that both supervises and is supervised (a
 * town) counts in both scopes, so the join may match a hazard twice, once per scope.
 */
export const bySupervisionScope: Grouping = {
  join: Prisma.sql`JOIN (
    SELECT supervisorId AS scopeKey, id AS unitId FROM Unit WHERE supervisorId IS NOT NULL
    UNION ALL
    SELECT DISTINCT supervisorId AS scopeKey, supervisorId AS unitId FROM Unit WHERE supervisorId IS NOT NULL
  ) AS gs ON gs.unitId = h.unitId`,
  key: Prisma.sql`gs.scopeKey`,
};

/** `AND h.unitId IN (…)`, or nothing when the scope is everything. */
export function within(unitIds: readonly number[] | undefined): Prisma.Sql {
  if (unitIds === undefined) return Prisma.empty;
  return unitIds.length === 0 ? Prisma.sql`AND 0` : Prisma.sql`AND h.unitId IN (${Prisma.join(unitIds)})`;
}

/** A grouped query's key as a map key: null for `asOne`. */
export function groupKey(value: number | bigint | null): number | null {
  return value === null ? null : Number(value);
}
