import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { readRoster } from '../../src/features/roster-file.ts';
import { RateLimitedError, type Channel, type Route } from '../../src/core/channel.ts';
import type { Delivery } from '../../src/core/messages.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { ORG_ROSTER } from '../helpers/chat.ts';
import { freshLedger, testProvider } from '../helpers/database.ts';

// Several instances on one PostgreSQL send to the same robots: a DingTalk robot takes 20 messages
// a minute, however many processes send them. The instances draw on one token bucket per target
// (RateBucket), so together they stay under it, and a "too fast" answer one of them gets holds
// the others back too (#13). Two bots on one database, each delivering in turn by one clock.

/** DingTalk's custom robot: a bucket of 5 refilled at 15 a minute (src/channels/dingtalk-channel.ts). */
const ROBOT: Route = { target: 'dingtalk:robot:token-unit', perMinute: 15, burst: 5, maxBytes: 15_000 };

/** The platform: every send to the robot recorded with the time; `tooFast` answers the next ones 130101. */
class RobotPlatform implements Channel {
  readonly platform = 'console' as const;
  tooFast = 0;
  constructor(private readonly sent: Array<{ text: string; at: Date; by: string }>, private readonly by: string, private readonly clock: () => Date) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  route(): Route {
    return ROBOT;
  }
  async send(d: Delivery): Promise<void> {
    if (this.tooFast > 0) {
      this.tooFast -= 1;
      throw new RateLimitedError('send too fast (130101)');
    }
    this.sent.push({ text: d.text, at: this.clock(), by: this.by });
  }
}

let dir: string;
let now: Date;
let sent: Array<{ text: string; at: Date; by: string }>;
let bots: Bot[];
let platforms: RobotPlatform[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-shared-rate-'));
  now = atLocal('2026-12-01 10:00');
  sent = [];
  bots = [];
  platforms = [];
  if (testProvider() !== 'postgresql') return;
  const { databaseUrl } = await freshLedger(dir);
  const config = defaultConfig({ databaseUrl, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data') });
  for (const name of ['A', 'B']) {
    const platform = new RobotPlatform(sent, name, () => now);
    platforms.push(platform);
    bots.push(await createBot({ config, channel: platform, log: createLogger('silent'), clock: () => now }));
  }
  await bots[0]!.importRoster(readRoster(ORG_ROSTER));
  // forty pushes to the unit's group, all through its robot
  await enqueue(Array.from({ length: 40 }, (_, i) => `通知${i + 1}`));
});

async function enqueue(texts: readonly string[]): Promise<void> {
  await bots[0]!.queue.run(async () => {
    const store = createStore(bots[0]!.db);
    const group = await store.roster.groupByName('红星化工安全对接群');
    for (const text of texts) await store.outbox.enqueue({ kind: 'push', groupId: group!.id, personId: null, text, mentions: [] }, now);
  });
}

afterEach(async () => {
  for (const bot of bots) await bot.close();
  rmSync(dir, { recursive: true, force: true });
});

const seconds = (s: number) => new Date(atLocal('2026-12-01 10:00').getTime() + s * 1000);

describe.runIf(testProvider() === 'postgresql')('the robots’ rate limits across instances', () => {
  it('two instances together send a robot no more than one instance may', async () => {
    // the instances take turns every 5 s for two minutes, then until the queue is empty
    for (let s = 0; sent.length < 40 && s < 600; s += 5) {
      now = seconds(s);
      await bots[(s / 5) % 2]!.deliver();
    }
    expect(new Set(sent.map((m) => m.by))).toEqual(new Set(['A', 'B']));
    // any minute: the bucket's 5 plus 15 refilled, under DingTalk's 20 (each instance alone: 40 in the first)
    for (const m of sent) {
      const within = sent.filter((o) => o.at >= m.at && o.at.getTime() < m.at.getTime() + 60_000);
      expect(within.length, `a minute from ${m.at.toISOString()}`).toBeLessThanOrEqual(20);
    }
    // and no less than the refill allows: the limit is shared, not split
    expect(sent.filter((m) => m.at < seconds(60)).length).toBeGreaterThanOrEqual(15);
    // every message once, in order
    expect(sent.map((m) => m.text)).toEqual(Array.from({ length: 40 }, (_, i) => `通知${i + 1}`));
  });

  it('a "too fast" answer to one instance holds the robot for the other too', async () => {
    platforms[0]!.tooFast = 1;
    await bots[0]!.deliver(); // A is told 130101 on its first send: the robot pauses a minute
    expect(sent).toEqual([]);
    // a message written since, due at once, reaches B
    now = seconds(5);
    await enqueue(['新的通知']);
    for (const s of [5, 30, 55]) {
      now = seconds(s);
      await bots[1]!.deliver();
    }
    expect(sent).toEqual([]);
    // the pause over, the bucket has filled meanwhile
    now = seconds(61);
    await bots[1]!.deliver();
    expect(sent.map((m) => m.by)).toEqual(['B', 'B', 'B', 'B', 'B']);
  });
});
