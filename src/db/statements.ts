import type { Statement } from 'better-sqlite3';
import { sqlConnection, type DbTx, type SqlConnection } from './client.ts';

const cache = new WeakMap<SqlConnection, Map<string, Statement>>();

/**
 * A prepared statement on the client's own connection, prepared once per connection. Integers
 * come back as numbers (the adapter turns on BigInt for its own use).
 */
export function statement(db: DbTx, sql: string): Statement {
  const connection = sqlConnection(db);
  let statements = cache.get(connection);
  if (!statements) cache.set(connection, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = connection.prepare(sql);
    if (prepared.reader) prepared.safeIntegers(false);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** A Date as Prisma stores DATETIME in SQLite, so raw and Prisma rows compare and sort alike. */
export function sqlDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}
