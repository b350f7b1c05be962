import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBot, SCHEDULER_LEASE, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { scheduledJobs } from '../../src/app/scheduled-jobs.ts';
import { createScheduler } from '../../src/app/scheduler.ts';
import { SerialQueue } from '../../src/core/serial-queue.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { closeDatabase, openDatabase, transaction, type Db } from '../../src/db/database.ts';
import { FencedOutError } from '../../src/db/lease-repository.ts';
import { createStore, inTransaction } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshLedger, testProvider } from '../helpers/database.ts';

// Several instances on one PostgreSQL (issue #13), piece by piece on the real server: leases and
// their fence, outbox claims, each scheduled due time once, a connection lost mid-transaction.
// The whole thing with processes, kill -9 and SIGSTOP is test/app/instances.test.ts.

const log = createLogger('silent');
let dir: string;
let url: string;
const open: Db[] = [];
const bots: Bot[] = [];

async function connect(): Promise<Db> {
  const db = await openDatabase({ url, file: '' });
  open.push(db);
  return db;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-instances-'));
  if (testProvider() === 'postgresql') url = (await freshLedger(dir)).databaseUrl ?? '';
});

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
  for (const db of open.splice(0)) await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const at = '2026-12-01T01:00:00.000+00:00';

describe.runIf(testProvider() === 'postgresql')('several instances on one PostgreSQL', () => {
  it('a lease has one holder; after it lapses the next holder gets a higher epoch and the old one is fenced out', async () => {
    const db = await connect();
    const leases = createStore(db).leases;
    const a = await leases.acquire('scheduler', 'A', 400);
    expect(a).toMatchObject({ holder: 'A', epoch: 1, live: true });
    expect(await leases.acquire('scheduler', 'B', 400)).toMatchObject({ holder: 'A', epoch: 1 });
    expect(await leases.acquire('scheduler', 'A', 400)).toMatchObject({ holder: 'A', epoch: 1 }); // renewed, same epoch

    await vi.waitFor(async () => expect((await leases.acquire('scheduler', 'B', 60_000))?.holder).toBe('B'), { timeout: 10_000, interval: 100 });
    expect(await leases.get('scheduler')).toMatchObject({ holder: 'B', epoch: 2 });
    expect(await leases.acquire('scheduler', 'A', 400)).toMatchObject({ holder: 'B' });

    // A, paused across the takeover, tries to commit as the holder of epoch 1: nothing lands
    await expect(transaction(db, async (tx) => {
      await createStore(tx).leases.fence('scheduler', 'A', 1);
      await tx.insertInto('Counter').values({ name: 'stale', value: 1 }).execute();
    })).rejects.toBeInstanceOf(FencedOutError);
    expect(await db.selectFrom('Counter').select('name').where('name', '=', 'stale').execute()).toEqual([]);
    // B's own fenced write commits
    await transaction(db, async (tx) => {
      await createStore(tx).leases.fence('scheduler', 'B', 2);
      await tx.insertInto('Counter').values({ name: 'fresh', value: 1 }).execute();
    });
    // a released lease is free at once
    await leases.release('scheduler', 'B');
    expect(await leases.acquire('scheduler', 'C', 60_000)).toMatchObject({ holder: 'C', epoch: 3 });
  });

  it('a takeover waits for the fenced transaction in flight, which therefore lands before it', async () => {
    const db = await connect();
    const other = await connect();
    await createStore(db).leases.acquire('scheduler', 'A', 200);
    let takeover: Promise<unknown> | null = null;
    await transaction(db, async (tx) => {
      await createStore(tx).leases.fence('scheduler', 'A', 1);
      await new Promise((resolve) => setTimeout(resolve, 400)); // the lease lapses meanwhile
      takeover = createStore(other).leases.acquire('scheduler', 'B', 60_000, {}, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.insertInto('Counter').values({ name: 'by-A', value: 1 }).execute();
    });
    expect(await takeover).toMatchObject({ holder: 'B', epoch: 2 });
    expect(await db.selectFrom('Counter').select('name').where('name', '=', 'by-A').execute()).toHaveLength(1);
  });

  it('outbox messages are claimed by one instance each; a lapsed claim passes on and the old holder may not send', async () => {
    const [a, b] = [await connect(), await connect()];
    const now = new Date(at);
    const outbox = (db: Db) => createStore(db).outbox;
    for (let i = 0; i < 30; i++) await outbox(a).enqueue({ kind: 'push', groupId: null, personId: null, text: `m${i}`, mentions: [] }, now);

    const [byA, byB] = await Promise.all([outbox(a).claimDue(now, 'A', 60_000, 20), outbox(b).claimDue(now, 'B', 60_000, 20)]);
    const ids = [...byA, ...byB].map((e) => e.id);
    expect(new Set(ids).size).toBe(30); // disjoint, and together all of them
    expect(await outbox(a).claimDue(now, 'C', 60_000)).toEqual([]);

    // A dies holding its claims: they lapse and C takes them; A, back, finds them gone
    const first = byA.slice(0, 3).map((e) => e.id);
    await a.updateTable('OutboxMessage').set({ claimedUntil: sql`(clock_timestamp() AT TIME ZONE 'UTC') - interval '1 second'` }).where('id', 'in', first).execute();
    expect((await outbox(b).claimDue(now, 'C', 60_000)).map((e) => e.id)).toEqual(first);
    expect(await outbox(a).holdClaim(first, 'A', 60_000)).toBe(false);
    expect(await outbox(b).holdClaim(first, 'C', 60_000)).toBe(true);
    expect(await outbox(b).markSentClaimed(first, now, 'C')).toBe(true);
    expect(await outbox(a).markSentClaimed(first, now, 'A')).toBe(false);
    const sent = await a.selectFrom('OutboxMessage').select(['id', 'status', 'claimedBy']).where('id', 'in', first).orderBy('id').execute();
    expect(sent).toEqual(first.map((id) => ({ id, status: 'sent', claimedBy: 'C' })));
  });

  it('each due time of a job runs once across instances, and catch-up does not repeat it', async () => {
    const config = defaultConfig({ databaseUrl: url, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data') });
    const clock = () => atLocal('2026-12-01 08:00');
    const first = await createBot({ config, channel: new RecordingChannel(clock), log, clock });
    bots.push(first);
    await first.importRoster(readRoster(ORG_ROSTER));
    await first.receive({ platform: 'console', messageId: 'r1', group: { id: '应急管理局监管群', name: '应急管理局监管群' }, sender: { id: '王建国', name: '王建国' }, text: '登记隐患：红星化工 静电接地线断开 责任人 张伟 12月2日前', mentions: [], attachments: [], at: clock() });
    const job = scheduledJobs(config.schedule).find((j) => j.name === 'send-morning-message');
    if (!job) throw new Error('no morning job');
    // two instances' schedulers, each with its own connection pool and queue
    const schedulers = [await connect(), await connect()].map((db) => createScheduler({
      db, queue: new SerialQueue(), jobs: [job], log, window: { quietHours: null, calendar: officialCalendar() },
    }));
    const nine = atLocal('2026-12-01 09:00');
    const added = await Promise.all(schedulers.map((s) => s.runJob(job, nine, false)));
    expect(added.sort()).toEqual([0, 1]);
    // the other one restarts at 10:00 and catches up: 09:00 ran already
    expect(await schedulers[1]?.catchUp(atLocal('2026-12-01 10:00'))).toBe(0);
    const runs = await first.queue.run(() => createStore(first.db).jobRuns.latestRuns());
    expect(runs).toEqual([expect.objectContaining({ job: 'send-morning-message', dueAt: nine, late: false })]);
    for (const s of schedulers) s.dispose();
  });

  it('a lost connection mid-transaction writes nothing half, and the transaction runs again on another connection', async () => {
    const db = await connect();
    // the server ends the connection in the middle of the transaction, the first two times
    await sql.raw(`
      CREATE SEQUENCE kills;
      CREATE FUNCTION kill_me() RETURNS trigger AS $$
      BEGIN
        IF nextval('kills') <= 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(1); END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER kill_on_event BEFORE INSERT ON "Unit" FOR EACH ROW EXECUTE FUNCTION kill_me();`).execute(db);
    let attempts = 0;
    await transaction(db, async (tx) => {
      attempts += 1;
      await tx.insertInto('Counter').values({ name: 'before-the-cut', value: attempts }).execute();
      await tx.insertInto('Unit').values({ name: '红星化工', kind: 'enterprise', createdAt: at }).execute();
    });
    expect(attempts).toBe(3);
    expect(await db.selectFrom('Counter').select(['name', 'value']).where('name', '=', 'before-the-cut').execute()).toEqual([{ name: 'before-the-cut', value: 3 }]);
    expect(await db.selectFrom('Unit').select('name').execute()).toEqual([{ name: '红星化工' }]);
  });

  it('a message whose database stays unreachable is not answered as handled: the platform must deliver it again', async () => {
    const config = defaultConfig({ databaseUrl: url, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data') });
    const clock = () => atLocal('2026-12-01 09:00');
    const channel = new RecordingChannel(clock);
    const bot = await createBot({ config, channel, log, clock });
    bots.push(bot);
    await bot.importRoster(readRoster(ORG_ROSTER));
    await sql.raw(`
      CREATE SEQUENCE kills;
      CREATE FUNCTION kill_me() RETURNS trigger AS $$
      BEGIN
        IF nextval('kills') <= 3 THEN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(1); END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER kill_on_event BEFORE INSERT ON "HazardEvent" FOR EACH ROW EXECUTE FUNCTION kill_me();`).execute(bot.db);
    const message = {
      platform: 'console' as const, messageId: 'cut-1', group: { id: '应急管理局监管群', name: '应急管理局监管群' }, sender: { id: '王建国', name: '王建国' },
      text: '登记隐患：红星化工 静电接地线断开 责任人 张伟 12月2日前', mentions: [], attachments: [], at: clock(),
    };
    await expect(bot.accept(message)).rejects.toThrow();
    const store = () => createStore(bot.db);
    expect(await bot.queue.run(() => store().hazards.all())).toEqual([]);
    expect(await bot.db.selectFrom('ProcessedMessage').selectAll().execute()).toEqual([]);
    // redelivered (the fourth cut is not made): handled once, answered once
    await bot.receive(message);
    await bot.receive(message);
    expect((await bot.queue.run(() => store().hazards.all())).map((h) => h.code)).toEqual(['YH-0001']);
    expect(channel.sent.filter((d) => d.text.includes('YH-0001') && d.group?.name === '应急管理局监管群')).toHaveLength(1);
  });

  it('the scheduler lease: one live instance runs the jobs; a stopped one hands over at once', async () => {
    const config = defaultConfig({ databaseUrl: url, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data'), instances: { name: null, leaseSeconds: 2, claimSeconds: 5 } });
    const clock = () => atLocal('2026-12-01 08:00');
    const [a, b] = [await createBot({ config, channel: new RecordingChannel(clock), log, clock }), await createBot({ config, channel: new RecordingChannel(clock), log, clock })];
    bots.push(b);
    await a.start({ deliveryIntervalMs: 200 });
    await vi.waitFor(async () => expect((await inTransaction(a.db, (s) => s.leases.get(SCHEDULER_LEASE)))?.holder).toBe(a.instance), { timeout: 20_000, interval: 100 });
    await b.start({ deliveryIntervalMs: 200 });
    const lease = () => inTransaction(b.db, (s) => s.leases.get(SCHEDULER_LEASE));
    expect((await lease())?.holder).toBe(a.instance);
    await a.close(); // graceful: gives the lease up
    await vi.waitFor(async () => expect(await lease()).toMatchObject({ holder: b.instance, epoch: 2, live: true }), { timeout: 20_000, interval: 100 });
    // both instances' heartbeats are recorded; a's is no longer live
    const all = await inTransaction(b.db, (s) => s.leases.all());
    expect(all.filter((l) => l.name.startsWith('instance:')).map((l) => [l.holder, l.live])).toEqual(expect.arrayContaining([[a.instance, false], [b.instance, true]]));
  });
});
