import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { closeDatabase, fromSqlDate, openDatabase, type Db } from '../../src/db/database.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { replayEvents } from '../../src/domain/replay.ts';
import type { HazardEventType } from '../../src/domain/types.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshLedger, testProvider } from '../helpers/database.ts';
import { startFakeDingTalk, type DingTalkEvent, type FakeDingTalk } from '../helpers/fake-dingtalk.ts';
import { InstanceProcess } from '../helpers/instance-process.ts';
import { FIXTURES, fixture } from '../helpers/loopback.ts';
import { seededRandom as random } from '../helpers/seeded-random.ts';

// Several bot instances as real processes on one PostgreSQL (issue #13), receiving through the
// DingTalk loopback fake: callbacks spread over the instances, some delivered to all of them at
// once, unacknowledged ones delivered again (as DingTalk does); the scheduler's leader killed
// with SIGKILL again and again while a shared clock crosses the morning message and the evening
// digest; connections cut by the server mid-transaction. No timing is asserted: the test polls
// for conditions with generous limits, because two shared cores run it beside other suites.

const APP = { clientId: 'dingbot0000hazardzero', clientSecret: 'test-app-secret' };
const ROBOTS = { 'token-unit': 'SECunit0000', 'token-leaders': 'SECleaders00' };
const GROUPS = {
  dept: { conversationId: 'cidDEPTxxxxxxxxxxxxxx==', conversationTitle: '应急管理局监管群', session: 'session-dept' },
  unit: { conversationId: 'cidUNITxxxxxxxxxxxxxx==', conversationTitle: '红星化工安全对接群', session: 'session-unit' },
};
const PEOPLE = { wang: { senderNick: '王建国', senderStaffId: 'wangjg01' }, zhang: { senderNick: '张伟', senderStaffId: 'zhangwei01' } };
const MESSAGES = Number(process.env.HZ_INSTANCES_MESSAGES ?? 510);
const SEED = Number(process.env.HZ_INSTANCES_SEED ?? 20261213);
const WAIT = { timeout: 240_000, interval: 200 };

/** 2026-12-01 at `minutes` after midnight, Shanghai time. */
const clockAt = (minutes: number) => `2026-12-01 ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const textOf = (e: DingTalkEvent): string => ('body' in e ? String(e.body.text?.content ?? e.body.markdown?.text ?? JSON.parse(e.body.msgParam ?? '{}').content ?? '') : '');
const whereTo = (e: DingTalkEvent): string => (e.type === 'webhook' ? `webhook:${e.accessToken}` : e.type === 'session' ? `session:${e.session}` : e.type === 'group-api' ? `group:${e.body.openConversationId}` : e.type);

interface Sent {
  id: string;
  token: string;
  kind: 'register' | 'progress';
  data: string;
  streamIds: string[];
  lastPushAt: number;
}

/** The test's DingTalk: spreads callbacks, delivers unacknowledged ones again, remembers what it did. */
class Platform {
  readonly sent: Sent[] = [];
  #turn = 0;
  #timer: NodeJS.Timeout;
  constructor(readonly fake: FakeDingTalk, private readonly clockFile: string) {
    // DingTalk delivers a callback again when no acknowledgement came: here after 8 s, to the next connection
    this.#timer = setInterval(() => {
      for (const m of this.unacked()) if (Date.now() - m.lastPushAt > 8_000) this.#push(m, this.#turn++);
    }, 1_000);
  }

  acked(m: Sent): boolean {
    return m.streamIds.some((id) => this.fake.events.some((e) => e.type === 'ack' && e.messageId === id));
  }

  unacked(): Sent[] {
    const acked = new Set(this.fake.events.flatMap((e) => (e.type === 'ack' ? [e.messageId] : [])));
    return this.sent.filter((m) => !m.streamIds.some((id) => acked.has(id)));
  }

  #push(m: Sent, to?: number): void {
    m.streamIds.push(this.fake.push(m.data, to === undefined ? {} : { to }));
    m.lastPushAt = Date.now();
  }

  /** One message from someone in a group; `everywhere`: delivered to every instance at once. */
  say(m: Omit<Sent, 'data' | 'streamIds' | 'lastPushAt'> & { group: keyof typeof GROUPS; who: keyof typeof PEOPLE; text: string }, everywhere = false): Sent {
    const now = new Date(readFileSync(this.clockFile, 'utf8').trim()).getTime();
    const data = fixture('dingtalk/robot-text-group.json', {
      ...GROUPS[m.group], ...PEOPLE[m.who], msgId: m.id, text: m.text, base: this.fake.base, now, expires: now + 90 * 60_000,
    });
    const sent: Sent = { id: m.id, token: m.token, kind: m.kind, data, streamIds: [], lastPushAt: 0 };
    this.sent.push(sent);
    this.#push(sent, everywhere ? undefined : this.#turn++);
    return sent;
  }

  /** The same callback once more, to another instance (a duplicate delivery). */
  repeat(m: Sent): void {
    this.#push(m, this.#turn++);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

interface LedgerCheck {
  hazards: Array<{ code: string; description: string }>;
  events: Array<{ code: string; type: string; text: string }>;
  problems: string[];
}

/**
 * The ledger read straight from PostgreSQL and checked: codes gapless, each hazard what its events
 * replay to — in the order they were written (id), with their message times: a report delivered
 * again after a kill is written after a later one, and the progress stays that of the later one.
 */
async function checkLedger(db: Db): Promise<LedgerCheck> {
  const problems: string[] = [];
  const hazards = await db.selectFrom('Hazard').select(['id', 'code', 'description', 'status', 'progress', 'deadline', 'extensionTo', 'closedOn']).orderBy('id').execute();
  const events = await db.selectFrom('HazardEvent as e').innerJoin('Hazard as h', 'h.id', 'e.hazardId').select(['h.code', 'e.hazardId', 'e.type', 'e.text', 'e.data', 'e.at']).orderBy('e.id').execute();
  const counter = (await db.selectFrom('Counter').select('value').where('name', '=', 'hazard').executeTakeFirst())?.value ?? 0;
  if (counter !== hazards.length) problems.push(`counter ${counter} but ${hazards.length} hazards`);
  hazards.forEach((h, i) => {
    const expected = `YH-${String(i + 1).padStart(4, '0')}`;
    if (h.code !== expected) problems.push(`hazard ${h.id} is ${h.code}, expected ${expected}`);
    const history = events.filter((e) => e.hazardId === h.id).map((e) => ({ type: e.type as HazardEventType, data: JSON.parse(e.data) as Record<string, unknown>, at: fromSqlDate(e.at) }));
    const replayed = replayEvents(history);
    const row = { status: h.status, progress: h.progress, deadline: h.deadline, extensionTo: h.extensionTo };
    if (JSON.stringify(row) !== JSON.stringify(replayed)) problems.push(`${h.code}: row ${JSON.stringify(row)} but events say ${JSON.stringify(replayed)}`);
  });
  return { hazards, events: events.map((e) => ({ code: e.code, type: e.type, text: e.text })), problems };
}

const dirs: string[] = [];
const children: InstanceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async (context) => {
  // what the instances logged (warnings and errors), for a failed run
  if (context.task.result?.state === 'fail') writeFileSync(join(tmpdir(), `hz-instances-${process.pid}.log`), children.map((c) => `--- ${c.instance}\n${c.stderr}`).join('\n'));
  for (const c of children.splice(0)) await c.kill();
  for (const c of cleanups.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh PostgreSQL ledger with the roster, the fake DingTalk, a shared clock file and a way to start instances. */
async function setUp(startAt: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hz-instances-'));
  dirs.push(dir);
  const { databaseUrl } = await freshLedger(dir);
  if (!databaseUrl) throw new Error('no PostgreSQL');
  const clockFile = join(dir, 'clock');
  // written aside and renamed: an instance reading it meanwhile sees the old time or the new, never half
  const setClock = (local: string) => {
    writeFileSync(`${clockFile}.next`, atLocal(local).toISOString());
    renameSync(`${clockFile}.next`, clockFile);
  };
  setClock(startAt);
  const config = defaultConfig({ databaseUrl, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data') });
  const importer = await createBot({ config, channel: new RecordingChannel(() => new Date()), log: createLogger('silent') });
  await importer.importRoster(readRoster(ORG_ROSTER));
  // the admin bound both chats to the roster's groups (绑定本群)
  await importer.queue.run(async () => {
    const roster = createStore(importer.db).roster;
    for (const g of Object.values(GROUPS)) {
      const group = await roster.groupByName(g.conversationTitle);
      if (group) await roster.bindGroupPlatformId(group.id, 'dingtalk', g.conversationId);
    }
  });
  await importer.close();
  const fake = await startFakeDingTalk({ ...APP, robots: ROBOTS, photo: readFileSync(join(FIXTURES, 'valve-photo.png')) });
  const platform = new Platform(fake, clockFile);
  const db = await openDatabase({ url: databaseUrl, file: '' });
  cleanups.push(async () => {
    platform.stop();
    await fake.close();
    await closeDatabase(db);
  });
  const env = {
    HZ_DATABASE_URL: databaseUrl, HZ_DATA_DIR: join(dir, 'data'), FAKE_DINGTALK: fake.base, HZ_CLOCK_FILE: clockFile,
    // a claim outlives a send even on loaded cores (a send that outlasts it may go out twice,
    // which the test counts against the kills); a dead instance's claims lapse after it
    HZ_LEASE_SECONDS: '2', HZ_OUTBOX_CLAIM_SECONDS: '10',
  };
  // Up once it has its Stream connection: every running instance holds one. Not "one more than
  // before the start": the fake runs in this process, and a killed instance's 'exit' can be seen in
  // the same turn of the event loop before its socket's close (likelier the busier this process
  // is), so a count taken then still included the dead connection and never grew past it.
  const start = async (): Promise<InstanceProcess> => {
    const child = new InstanceProcess(env);
    children.push(child);
    await child.ready();
    await vi.waitFor(() => expect(fake.connections).toBe(children.filter((c) => c.running).length), WAIT);
    return child;
  };
  const holder = async (name = 'scheduler') => {
    const lease = await db.selectFrom('Lease').select(['holder', sql<number>`CASE WHEN "expiresAt" > (clock_timestamp() AT TIME ZONE 'UTC') THEN 1 ELSE 0 END`.as('live')]).where('name', '=', name).executeTakeFirst();
    return lease && Number(lease.live) === 1 ? lease.holder : null;
  };
  /** The instance holding the scheduler lease, once one does. */
  const leader = async (): Promise<InstanceProcess> => {
    let found: InstanceProcess | undefined;
    await vi.waitFor(async () => {
      const id = await holder();
      found = children.find((c) => c.running && c.instance === id);
      expect(found).toBeDefined();
    }, WAIT);
    return found as InstanceProcess;
  };
  return { dir, db, fake, platform, setClock, start, holder, leader };
}

describe.runIf(testProvider() === 'postgresql')('several instances on one PostgreSQL', () => {
  it(`handle ${MESSAGES} messages across 3 processes exactly once while the leader is killed again and again`, async () => {
    const { db, fake, platform, setClock, start, leader } = await setUp('2026-12-01 08:40');
    const rand = random(SEED);
    await Promise.all([start(), start(), start()]);
    const registered: string[] = [];
    let kills = 0;
    // rounds of cutting the busy connections, and how many were busy (and so cut) each time
    let cutRounds = 0;
    let cuts = 0;

    /** Sends `count` messages, spread, with duplicates; `during(i)` runs before message i. */
    async function batch(from: number, count: number, during: (i: number) => Promise<void>): Promise<void> {
      for (let i = from; i < from + count; i++) {
        await during(i);
        const token = `t${i}x`;
        const r = rand();
        const m = registered.length < 5 || r < 0.7
          ? platform.say({ id: `m${i}`, token, kind: 'register', group: 'dept', who: 'wang', text: `登记隐患：红星化工 ${token}号储罐呼吸阀损坏，责任人@张伟，12月${2 + Math.floor(rand() * 20)}日前整改完毕` }, r < 0.05)
          : platform.say({ id: `m${i}`, token, kind: 'progress', group: 'unit', who: 'zhang', text: `${registered[Math.floor(rand() * registered.length)]} 进度${10 + Math.floor(rand() * 80)}% 已完成 ${token}` }, r > 0.96);
        if (rand() < 0.06) platform.repeat(m);
        // codes known from replies so far: progress reports name them
        for (const e of fake.events) {
          const code = /^已登记 (YH-\d{4})/.exec(textOf(e))?.[1];
          if (code && !registered.includes(code)) registered.push(code);
        }
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(rand() * 20)));
      }
    }
    const killLeader = async (afterKill?: () => void) => {
      const victim = await leader();
      await victim.kill();
      kills += 1;
      afterKill?.();
      await start();
    };
    const allAcked = () => vi.waitFor(() => expect(platform.unacked().map((m) => m.id)).toEqual([]), WAIT);

    const third = Math.floor(MESSAGES / 3);
    // 08:40–08:59: a third of the messages; the leader killed once in the middle
    const killAt = Math.floor(rand() * third);
    await batch(0, third, async (i) => {
      if (i === killAt) await killLeader();
      if (i % 20 === 19) setClock(clockAt(8 * 60 + 40 + Math.min(19, Math.floor(i / 20))));
    });
    await allAcked();
    // the leader dies just before the morning message, and the clock passes 09:00 before anyone
    // else leads: the new leader catches up once, marked late
    setClock('2026-12-01 08:59:50');
    await killLeader(() => setClock('2026-12-01 09:02'));
    // 09:10–12:00: the next third, with connections cut by the server mid-transaction, and another kill
    setClock('2026-12-01 09:10');
    const killAt2 = third + Math.floor(rand() * third);
    await batch(third, third, async (i) => {
      if (i === killAt2) await killLeader();
      if (i % 40 === 0) {
        const cut = await sql<{ n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`.execute(db);
        cutRounds += 1;
        cuts += cut.rows[0]?.n ?? 0;
      }
      // ten minutes on every 20 messages: 09:10, 09:20 … towards noon
      if (i % 20 === 0) setClock(clockAt(9 * 60 + 10 + Math.floor((i - third) / 20) * 10));
    });
    await allAcked();
    // 17:30 passes with a leader alive (on time); it is killed right after, maybe in the middle of the run
    setClock('2026-12-01 17:29:58');
    const evening = await leader();
    setClock('2026-12-01 17:30:30');
    await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 1500)));
    await evening.kill();
    kills += 1;
    await start();
    setClock('2026-12-01 17:40');
    await batch(2 * third, MESSAGES - 2 * third, async (i) => {
      if (i === 2 * third + 10) await killLeader();
    });
    await allAcked();
    // everything that was written goes out. Each instance keeps a robot under its rate (15 a
    // minute, by the shared clock): the clock moves on a minute once nothing is due at the
    // current one (all sent, or held back for the rate or a retry). Not a minute per poll: on
    // loaded cores the instances' passes come seldom, the buckets (5 deep) overflowed unused, and
    // what was left at 20:00, the last minute before quiet hours, waited for a clock that stopped
    let minutes = 17 * 60 + 40;
    const outbox = () => db.selectFrom('OutboxMessage').select(['id', 'status', 'kind', 'groupId', 'personId', 'attempts', 'nextAttemptAt', 'claimedBy', 'lastError']).where('status', '<>', 'sent').orderBy('id').execute();
    await vi.waitFor(async () => {
      const now = atLocal(clockAt(minutes)).toISOString();
      const left = await outbox();
      if (minutes < 20 * 60 && left.every((m) => fromSqlDate(m.nextAttemptAt).toISOString() > now)) setClock(clockAt(++minutes));
      expect(left, `at ${clockAt(minutes)}: ${JSON.stringify(left.slice(0, 5))}`).toEqual([]);
    }, { ...WAIT, interval: 200 });

    // graceful stop: each instance finishes, gives its leases up and exits 0
    const running = children.filter((c) => c.running);
    for (const c of running) c.signal('SIGTERM');
    for (const c of running) expect(await c.exited, c.stderr.slice(-2000)).toEqual({ code: 0, signal: null });
    expect(kills).toBeGreaterThanOrEqual(4);

    // the ledger: consistent, every registration once, every progress report at most once
    const ledger = await checkLedger(db);
    expect(ledger.problems).toEqual([]);
    const replies = fake.events.map(textOf);
    for (const m of platform.sent) {
      if (m.kind === 'register') {
        const kept = ledger.hazards.filter((h) => h.description.includes(`${m.token}号`));
        expect(kept, `${m.id} (acknowledged) is in the ledger once; said: ${replies.filter((t) => t.includes(m.token)).join(' | ')}`).toHaveLength(1);
        const reply = replies.find((t) => t.startsWith('已登记 ') && t.includes(`${m.token}号`));
        if (reply) expect(reply).toContain(kept[0]?.code);
      } else {
        expect(ledger.events.filter((e) => e.text.includes(m.token)).length, `${m.id} has effect at most once`).toBeLessThanOrEqual(1);
      }
    }
    const processed = await db.selectFrom('ProcessedMessage').select('messageId').execute();
    expect(processed.map((p) => p.messageId).sort()).toEqual(platform.sent.map((m) => m.id).sort());

    // each due time ran once: the morning message caught up late by the new leader, the digest on time or caught up
    const runs = await db.selectFrom('ScheduledRun').select(['job', 'dueAt', 'late']).orderBy('job').execute();
    const morning = runs.filter((r) => r.job === 'send-morning-message');
    expect(morning).toEqual([{ job: 'send-morning-message', dueAt: atLocal('2026-12-01 09:00').toISOString().replace('Z', '+00:00'), late: 1 }]);
    expect(runs.filter((r) => r.job === 'send-daily-digest').map((r) => r.dueAt)).toEqual([atLocal('2026-12-01 17:30').toISOString().replace('Z', '+00:00')]);
    // every push with a dedupe key reached the platform once; a message may repeat only when a
    // kill fell between the platform taking it and its "sent" being written (docs/operations.md)
    const keyed = await db.selectFrom('OutboxMessage').select(['dedupeKey', 'text']).where('dedupeKey', 'is not', null).execute();
    expect(keyed.some((k) => k.dedupeKey?.startsWith('send-morning-message'))).toBe(true);
    expect(keyed.some((k) => k.dedupeKey?.startsWith('send-daily-digest'))).toBe(true);
    const sends = fake.sends();
    const seen = new Map<string, number>();
    for (const e of sends) seen.set(`${whereTo(e)} ${textOf(e)}`, (seen.get(`${whereTo(e)} ${textOf(e)}`) ?? 0) + 1);
    const twice = [...seen.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
    expect(twice, `sent twice beyond the kill window: ${[...seen.entries()].filter(([, n]) => n > 1).slice(0, 5).map(([k, n]) => `${n}× ${k.slice(0, 160)}`).join(' | ')}`).toBeLessThanOrEqual(kills);
    for (const k of keyed) {
      const first = k.text.split('\n')[0] ?? '';
      expect(sends.filter((e) => textOf(e).includes(first)).length, `${k.dedupeKey} reached the platform`).toBeGreaterThanOrEqual(1);
    }
    // the cuts happened (a round finds nothing to cut when every connection is idle at that moment)
    expect(cutRounds, `${cuts} busy connections cut`).toBeGreaterThanOrEqual(4);
  }, 600_000);

  it('a leader paused past its lease (SIGSTOP) sends nothing its successor sent once it resumes', async () => {
    const { db, fake, platform, setClock, start, leader, holder } = await setUp('2026-12-01 08:50');
    await Promise.all([start(), start()]);
    for (let i = 0; i < 6; i++) platform.say({ id: `r${i}`, token: `s${i}x`, kind: 'register', group: 'dept', who: 'wang', text: `登记隐患：红星化工 s${i}x号管线腐蚀，责任人@张伟，12月2日前整改完毕` });
    await vi.waitFor(() => expect(platform.unacked()).toEqual([]), WAIT);
    const paused = await leader();
    paused.signal('SIGSTOP');
    try {
      await vi.waitFor(async () => {
        const id = await holder();
        expect(id).not.toBeNull();
        expect(id).not.toBe(paused.instance);
      }, WAIT);
      // the successor runs the 09:00 morning message on time and sends it
      setClock('2026-12-01 09:01');
      await vi.waitFor(async () => {
        const rows = await db.selectFrom('OutboxMessage').select(['status']).where('dedupeKey', 'like', 'send-morning-message%').execute();
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
      }, WAIT);
    } finally {
      paused.signal('SIGCONT');
    }
    // the resumed one finds itself fenced out: its timers fire, its lease is gone, its run refused
    await vi.waitFor(() => expect(paused.stderr).toMatch(/lease lost/), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const runs = await db.selectFrom('ScheduledRun').select(['job', 'instance']).where('job', '=', 'send-morning-message').execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.instance).not.toBe(paused.instance);
    const morning = fake.sends().filter((e) => textOf(e).includes('【今日提醒】'));
    const keys = await db.selectFrom('OutboxMessage').select(['dedupeKey', 'claimedBy']).where('dedupeKey', 'like', 'send-morning-message%').execute();
    expect(morning).toHaveLength(keys.length);
    expect(keys.every((k) => k.claimedBy !== paused.instance)).toBe(true);
  }, 300_000);
});
