import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.ts';

// src/db/tables.ts (the query layer's types) is generated from prisma/schema.prisma on install;
// this fails when the schema and its migrations moved on and the types were not regenerated
// (`npm run postinstall`).
describe('the generated table types', () => {
  it('name exactly the tables and columns the migrations build', () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'db', 'tables.ts'), 'utf8');
    const typed = new Map<string, string[]>();
    for (const match of source.matchAll(/export type (\w+) = \{\n([\s\S]*?)\n\};/g)) {
      const [, name, body] = match;
      if (!name || !body || name === 'DB') continue;
      typed.set(name, [...body.matchAll(/^ {4}(\w+): /gm)].map((m) => m[1] ?? '').sort());
    }
    const db = new Database(freshDatabase(join(mkdtempSync(join(tmpdir(), 'hz-types-')), 'x.db')), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const built = new Map(tables.map((t) => [t, (db.pragma(`table_info("${t}")`) as Array<{ name: string }>).map((c) => c.name).sort()]));
    db.close();
    expect(new Map([...typed].sort())).toEqual(new Map([...built].sort()));
  });
});
