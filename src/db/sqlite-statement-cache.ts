import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every query shape the bot runs; `IN (?, ?, …)` lists of many lengths fall out first. */
const DEFAULT_LIMIT = 500;

/**
 * The better-sqlite3 connection as Kysely's SQLite dialect sees it, keeping each prepared statement
 * for the next query with the same SQL. Kysely's driver asks for a new statement on every query,
 * and preparing one (parsing and planning the SQL) cost more than running most of ours: the
 * statements a message runs went from ~0.3 ms to ~0.1 ms each (BENCHMARKS.md). The same statement
 * runs with new parameters; SQLite re-plans it by itself when the schema changes.
 */
export class SqliteStatementCache implements SqliteDatabase {
  readonly #connection: BetterSqlite3.Database;
  readonly #limit: number;
  /** least recently used first (a Map keeps insertion order) */
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(connection: BetterSqlite3.Database, limit = DEFAULT_LIMIT) {
    this.#connection = connection;
    this.#limit = limit;
  }

  prepare(sql: string): SqliteStatement {
    const kept = this.#statements.get(sql);
    // a statement still being iterated (a streamed query) cannot start again: that caller gets its own
    if (kept?.busy) return this.#connection.prepare(sql);
    if (kept) {
      this.#statements.delete(sql);
      this.#statements.set(sql, kept);
      return kept;
    }
    const statement = this.#connection.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#limit) {
      const oldest = this.#statements.keys().next();
      if (!oldest.done) this.#statements.delete(oldest.value);
    }
    return statement;
  }

  /** How many statements are kept (for tests). */
  get size(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.#connection.close();
  }
}
