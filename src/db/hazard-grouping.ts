import { sql, type RawBuilder } from 'kysely';

/**
 * How a ledger query groups hazards, as SQL over `"Hazard" h`: the join that brings in the group
 * and the key each hazard is counted under. One query then answers for every group at once —
 * every unit's group, every department's digest — instead of one query per group.
 */
export interface Grouping {
  join: RawBuilder<unknown>;
  key: RawBuilder<unknown>;
}

const none = sql``;

/** One group per unit: a unit's own group hears of its hazards. */
export const byUnit: Grouping = { join: none, key: sql`h."unitId"` };

/** One group per supervising unit, of the units it supervises (escalation to the department). */
export const bySupervisor: Grouping = { join: sql`JOIN "Unit" gu ON gu."id" = h."unitId"`, key: sql`gu."supervisorId"` };

/** Everything in one group (the county, or one scope narrowed by `within`); its key is null. */
export const asOne: Grouping = { join: none, key: sql`CAST(NULL AS INTEGER)` };

/**
 * One group per supervising unit with its own hazards and its supervised units' — what
 * `groupScope` gives a department's group. A unit that both supervises and is supervised (a
 * town) counts in both scopes, so the join may match a hazard twice, once per scope.
 */
export const bySupervisionScope: Grouping = {
  join: sql`JOIN (
    SELECT "supervisorId" AS "scopeKey", "id" AS "unitId" FROM "Unit" WHERE "supervisorId" IS NOT NULL
    UNION ALL
    SELECT DISTINCT "supervisorId" AS "scopeKey", "supervisorId" AS "unitId" FROM "Unit" WHERE "supervisorId" IS NOT NULL
  ) AS gs ON gs."unitId" = h."unitId"`,
  key: sql`gs."scopeKey"`,
};

/** `AND h."unitId" IN (…)`, or nothing when the scope is everything. */
export function within(unitIds: readonly number[] | undefined): RawBuilder<unknown> {
  if (unitIds === undefined) return none;
  return unitIds.length === 0 ? sql`AND 1 = 0` : sql`AND h."unitId" IN (${sql.join([...unitIds])})`;
}

/** A grouped query's key as a map key: null for `asOne`. */
export function groupKey(value: number | bigint | null): number | null {
  return value === null ? null : Number(value);
}

/** No filter. */
export const noFilter = none;

/** Counts the hazards for which `condition` holds (a boolean cannot be summed on PostgreSQL). */
export function countIf(condition: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}
