// The few SQL functions SQLite and PostgreSQL spell differently, as Kysely fragments. Everything
// else in the repositories is written once: quoted identifiers, CASE instead of summed booleans,
// parameters for every value (pg turns the bound 0/1 into a boolean where the column is one).
import { sql, type RawBuilder } from 'kysely';
import { providerOf, type Db } from './database.ts';

export interface Dialect {
  /** the Asia/Shanghai calendar day of a UTC timestamp column, as 'YYYY-MM-DD' text */
  localDay(instant: RawBuilder<unknown>): RawBuilder<string>;
  /** a top-level field of a JSON text column, as text (numbers too) */
  jsonField(column: RawBuilder<unknown>, field: string): RawBuilder<string | null>;
  /** whole days from `from` to `to`, both 'YYYY-MM-DD' text */
  daysBetween(from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number>;
}

const sqlite: Dialect = {
  localDay: (instant) => sql<string>`date(${instant}, '+8 hours')`,
  jsonField: (column, field) => sql<string | null>`json_extract(${column}, ${`$.${field}`})`,
  daysBetween: (from, to) => sql<number>`(julianday(${to}) - julianday(${from}))`,
};

const postgresql: Dialect = {
  localDay: (instant) => sql<string>`to_char(${instant} + interval '8 hours', 'YYYY-MM-DD')`,
  jsonField: (column, field) => sql<string | null>`(${column}::jsonb ->> ${field})`,
  daysBetween: (from, to) => sql<number>`(${to}::date - ${from}::date)`,
};

/** The spelling of those functions for the database `db` talks to. */
export function dialectOf(db: Db): Dialect {
  return providerOf(db) === 'postgresql' ? postgresql : sqlite;
}
