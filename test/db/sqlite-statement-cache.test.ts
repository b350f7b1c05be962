import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStatementCache } from '../../src/db/sqlite-statement-cache.ts';

// Kysely asks for a prepared statement on every query; the cache hands back the one prepared last time.
let connection: BetterSqlite3.Database;
afterEach(() => {
  if (connection.open) connection.close();
});

function open(limit?: number) {
  connection = new BetterSqlite3(':memory:');
  connection.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  const cache = new SqliteStatementCache(connection, limit);
  return { cache, db: new Kysely<{ t: { id: Generated<number>; name: string } }>({ dialect: new SqliteDialect({ database: cache }) }) };
}

describe('prepared statements kept per SQL text', () => {
  it('prepares a query once and runs it again with new values', async () => {
    const { cache, db } = open();
    for (const name of ['甲', '乙', '丙']) await db.insertInto('t').values({ name }).execute();
    const names = [];
    for (const id of [1, 2, 3]) names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name);
    expect(names).toEqual(['甲', '乙', '丙']);
    expect(cache.size).toBe(2);
  });

  it('keeps the most recently used when full', () => {
    const { cache } = open(2);
    const a = cache.prepare('SELECT 1');
    cache.prepare('SELECT 2');
    expect(cache.prepare('SELECT 1')).toBe(a);
    cache.prepare('SELECT 3'); // SELECT 2 was used least recently
    expect(cache.size).toBe(2);
    expect(cache.prepare('SELECT 1')).toBe(a);
  });

  it('gives a statement still being iterated a fresh twin, so both can run', async () => {
    const { cache, db } = open();
    for (const name of ['甲', '乙']) await db.insertInto('t').values({ name }).execute();
    const query = 'SELECT name FROM t ORDER BY id';
    const outer = cache.prepare(query).iterate([]);
    const first = outer.next();
    const inner = cache.prepare(query).all([]);
    expect(first.value).toEqual({ name: '甲' });
    expect(inner).toHaveLength(2);
    outer.return?.();
  });

  it('sees a table changed after the statement was prepared', async () => {
    const { db } = open();
    await db.insertInto('t').values({ name: '甲' }).execute();
    const read = () => sql<{ name: string }>`SELECT * FROM t`.execute(db);
    expect(Object.keys((await read()).rows[0] ?? {})).toEqual(['id', 'name']);
    await sql`ALTER TABLE t ADD COLUMN note TEXT`.execute(db);
    expect(Object.keys((await read()).rows[0] ?? {})).toEqual(['id', 'name', 'note']);
  });

  it('closes the connection with the cache', async () => {
    const { db } = open();
    await db.selectFrom('t').selectAll().execute();
    await db.destroy();
    expect(connection.open).toBe(false);
  });
});
