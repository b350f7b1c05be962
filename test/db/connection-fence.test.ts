import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore } from '../../src/db/store.ts';
import { freshLedger, testProvider } from '../helpers/database.ts';

// The fence on a single-connection platform's sends (WeCom's AI bot, a WeChat login): only the
// instance holding the connection's lease claims and keeps outbox messages, checked in the same
// statement. The whole thing with processes is test/app/connection-handover.test.ts.

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-fence-'));
  if (testProvider() === 'postgresql') db = await openDatabase({ url: (await freshLedger(dir)).databaseUrl ?? '', file: '' });
});

afterEach(async () => {
  if (testProvider() === 'postgresql') await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const LEASE = 'channel:wechaty';
const lapse = () => db.updateTable('Lease').set({ expiresAt: sql`(clock_timestamp() AT TIME ZONE 'UTC') - interval '1 second'` }).where('name', '=', LEASE).execute();

describe.runIf(testProvider() === 'postgresql')('the connection lease fences outbox sends', () => {
  it('only the holder claims; a former holder keeps no claim once another holds the lease, even before its claim lapses', async () => {
    const { leases, outbox } = createStore(db);
    const now = new Date('2026-12-01T01:00:00.000Z');
    for (let i = 0; i < 4; i++) await outbox.enqueue({ kind: 'push', groupId: null, personId: null, text: `m${i}`, mentions: [] }, now);
    expect(await leases.acquire(LEASE, 'A', 60_000)).toMatchObject({ holder: 'A', epoch: 1 });
    const fenceA = { lease: LEASE, holder: 'A', epoch: 1 };

    // a standby claims nothing, whatever epoch it thinks it has
    expect(await outbox.claimDue(now, 'B', 60_000, 100, { lease: LEASE, holder: 'B', epoch: 1 })).toEqual([]);
    const claimed = (await outbox.claimDue(now, 'A', 60_000, 2, fenceA)).map((e) => e.id);
    expect(claimed).toHaveLength(2);
    expect(await outbox.holdClaim(claimed, 'A', 60_000, fenceA)).toBe(true);

    // A is paused past its lease; B takes the connection over (a higher epoch)
    await lapse();
    // lapsed, even with nobody else holding it yet: A may not send
    expect(await outbox.holdClaim(claimed, 'A', 60_000, fenceA)).toBe(false);
    expect(await leases.acquire(LEASE, 'B', 60_000)).toMatchObject({ holder: 'B', epoch: 2 });
    // A's claims of 60 s have not lapsed, yet A may neither keep them nor claim more
    expect(await outbox.holdClaim(claimed, 'A', 60_000, fenceA)).toBe(false);
    expect(await outbox.claimDue(now, 'A', 60_000, 100, fenceA)).toEqual([]);
    // B sends the rest at once, and A's two once A's claims lapse
    const fenceB = { lease: LEASE, holder: 'B', epoch: 2 };
    expect((await outbox.claimDue(now, 'B', 60_000, 100, fenceB)).map((e) => e.text)).toEqual(['m2', 'm3']);
    await db.updateTable('OutboxMessage').set({ claimedUntil: sql`(clock_timestamp() AT TIME ZONE 'UTC') - interval '1 second'` }).where('id', 'in', claimed).execute();
    expect((await outbox.claimDue(now, 'B', 60_000, 100, fenceB)).map((e) => e.id)).toEqual(expect.arrayContaining(claimed));
  });
});
