import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCounty } from '../../bench/seed-county.ts';
import { cardExtras, cardExtrasByScope } from '../../src/cards/card-extras.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore } from '../../src/db/store.ts';
import { freshLedger } from '../helpers/database.ts';

// The daily digest draws one card per department from two queries for all of them (#12): each
// department's card must be the one its own queries draw.
const TODAY = '2026-12-01';
let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-scoped-extras-'));
  const target = await freshLedger(dir);
  await seedCounty({ url: target.databaseUrl, file: target.dbFile }, { units: 60, people: 200, hazards: 1_500, seed: 7, today: TODAY });
  db = await openDatabase({ url: target.databaseUrl, file: target.dbFile });
});
afterAll(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('card extras for every department at once', () => {
  it('gives each department the trend and ranking of its own units', async () => {
    const store = createStore(db);
    const supervisors = await store.roster.supervisors();
    expect(supervisors.length).toBeGreaterThan(1);
    // the seed gives hazards to enterprises only; a department's own hazards are in its scope too
    for (const [i, { unit }] of supervisors.entries()) await db.updateTable('Hazard').set({ unitId: unit.id }).where(sql`"id" % 50`, '=', i).execute();
    const byScope = await cardExtrasByScope(store, TODAY);
    let withBars = 0;
    for (const { unit, supervised } of supervisors) {
      const own = await cardExtras(store, TODAY, 'unit', [unit.id, ...supervised]);
      expect(byScope(unit.id)).toEqual(own);
      if (own.bars.length > 0) withBars += 1;
    }
    // the seed gives the departments overdue items to rank, or the comparison proves little
    expect(withBars).toBeGreaterThan(1);
  });
});
