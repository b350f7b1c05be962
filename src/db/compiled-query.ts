import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import { providerOf, type Db, type Provider } from './database.ts';

/** A value of the compiled query: one of the call's arguments, or a constant of the query itself. */
type Slot = { arg: number } | { constant: unknown };

/** What stands for argument i while the query is built once: text no caller ever passes. */
const marker = (i: number) => `\u0000hz-argument-${i}\u0000`;

/** A query's arguments: the values bound into it, passed through unchanged. */
type Argument = string | number | null;

/**
 * A query of the message path, built and compiled by Kysely once per database kind and then run
 * with each call's values on the `Db` it is given (a transaction too), through the same executor
 * and driver as every other query. Building and compiling a query costs 20–100 µs of JavaScript,
 * more than SQLite takes to run most of ours, and a message runs about twenty (BENCHMARKS.md).
 *
 * `build` receives stand-ins for the arguments and must put each into the query unchanged, once
 * (the first call checks it and throws otherwise): compute derived values before the call.
 */
export function compiledOnce<A extends Argument[], O>(build: (db: Db, ...args: A) => Compilable<O>): (db: Db, ...args: A) => Promise<QueryResult<O>> {
  const compiled = new Map<Provider, { sql: string; slots: Slot[] }>();
  const compile = (db: Db, arity: number) => {
    const provider = providerOf(db);
    const known = compiled.get(provider);
    if (known) return known;
    const markers = Array.from({ length: arity }, (_, i) => marker(i));
    const query = build(db, ...(markers as A)).compile();
    const slots: Slot[] = query.parameters.map((value) => {
      const arg = markers.indexOf(value as string);
      return arg === -1 ? { constant: value } : { arg };
    });
    const used = slots.flatMap((s) => ('arg' in s ? [s.arg] : [])).sort((a, b) => a - b);
    if (used.join() !== markers.map((_, i) => i).join()) {
      throw new Error(`compiledOnce: each argument must appear in the query once, unchanged (${query.sql})`);
    }
    const entry = { sql: query.sql, slots };
    compiled.set(provider, entry);
    return entry;
  };
  return (db, ...args) => {
    const { sql, slots } = compile(db, args.length);
    return db.executeQuery<O>(CompiledQuery.raw(sql, slots.map((s) => ('arg' in s ? args[s.arg] : s.constant))));
  };
}
