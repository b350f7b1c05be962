import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { createStore } from '../../src/db/store.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import type { ScheduledJob } from '../../src/jobs/job.ts';
import { freshLedger, testProvider } from '../helpers/database.ts';

// A new scheduler leader on PostgreSQL first catches up on what it missed, then polls the clock
// for the triggers to come. A trigger that falls while the catch-up runs (taken over at 08:59:59,
// catch-up done at 09:00:01) belongs to the polling: it must start where the catch-up looked, not
// where the clock stood when the catch-up ended (fixed in 82501df). A single bot on SQLite had the
// same race between its catch-up and the start of node-cron. Here the catch-up itself moves the
// bot's clock across 09:00, so the race is taken every time, in one process, by no timing luck.

const dirs: string[] = [];
const bots: Bot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A clock at 08:59:59 and jobs whose catch-up (the one missed at 08:00) takes the clock to 09:00:01. */
function racingDay() {
  const day = {
    now: atLocal('2026-12-01 08:59:59'),
    jobs: [
      { name: 'slow-early-job', cron: '0 8 * * *', run: async () => {
        day.now = atLocal('2026-12-01 09:00:01');
        return [];
      } },
      { name: 'nine-oclock-job', cron: '0 9 * * *', run: async () => [] },
      // a later trigger every version polls for: once it ran, polling has looked past 09:00
      { name: 'one-past-nine-job', cron: '1 9 * * *', run: async () => [] },
    ] as ScheduledJob[],
  };
  return day;
}

describe.runIf(testProvider() === 'sqlite')('a bot starting on SQLite', () => {
  it('runs a trigger that fell while its catch-up ran, on time, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-catch-up-race-'));
    dirs.push(dir);
    const { dbFile } = await freshLedger(dir);
    const day = racingDay();
    const clock = () => day.now;
    const bot = await createBot({ config: defaultConfig({ dbFile, dataDir: join(dir, 'data') }), channel: new RecordingChannel(clock), log: createLogger('silent'), clock, jobs: day.jobs });
    bots.push(bot);
    await bot.start({ deliveryIntervalMs: 200 });
    // node-cron fires by the real clock from its start on: 09:00 of the bot's clock is the start's to run
    const runs = await bot.queue.run(() => createStore(bot.db).jobRuns.latestRuns());
    expect(Object.fromEntries(runs.map((r) => [r.job, { dueAt: r.dueAt, late: r.late }]))).toEqual({
      'slow-early-job': { dueAt: atLocal('2026-12-01 08:00'), late: true },
      'nine-oclock-job': { dueAt: atLocal('2026-12-01 09:00'), late: false },
    });
  });
});

describe.runIf(testProvider() === 'postgresql')('a new scheduler leader', () => {
  it('runs a trigger that fell while its catch-up ran, on time, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-catch-up-race-'));
    dirs.push(dir);
    const { databaseUrl } = await freshLedger(dir);
    const day = racingDay();
    const clock = () => day.now;
    const jobs = day.jobs;
    const config = defaultConfig({
      databaseUrl, dbFile: join(dir, 'unused.db'), dataDir: join(dir, 'data'), instances: { name: 'race', leaseSeconds: 2, claimSeconds: 5 },
    });
    const bot = await createBot({ config, channel: new RecordingChannel(clock), log: createLogger('silent'), clock, jobs });
    bots.push(bot);
    const runs = () => bot.queue.run(() => createStore(bot.db).jobRuns.latestRuns());

    await bot.start({ deliveryIntervalMs: 200 });
    // the lease is gained and the catch-up has run (the clock is past 09:00 now)
    await vi.waitFor(async () => expect((await runs()).map((r) => r.job)).toContain('slow-early-job'), { timeout: 60_000, interval: 50 });
    day.now = atLocal('2026-12-01 09:01:30');
    await vi.waitFor(async () => expect((await runs()).map((r) => r.job)).toContain('one-past-nine-job'), { timeout: 60_000, interval: 50 });

    const byJob = Object.fromEntries((await runs()).map((r) => [r.job, { dueAt: r.dueAt, late: r.late }]));
    expect(byJob).toEqual({
      'slow-early-job': { dueAt: atLocal('2026-12-01 08:00'), late: true },
      'nine-oclock-job': { dueAt: atLocal('2026-12-01 09:00'), late: false },
      'one-past-nine-job': { dueAt: atLocal('2026-12-01 09:01'), late: false },
    });
  });
});
