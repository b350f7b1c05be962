import { defineConfig } from 'vitest/config';

// The data-touching suites (repositories, the message pipeline, jobs, transcripts) run on both
// databases; everything runs on SQLite. `npx vitest run --project sqlite` runs SQLite alone.
const onBothProviders = ['test/db/postgres-schema.test.ts', 'test/cards/chart-card.test.ts', 'test/dashboard/dashboard-link.test.ts', 'test/db/**/*.test.ts', 'test/app/**/*.test.ts', 'test/jobs/**/*.test.ts', 'test/transcripts/**/*.test.ts'];
// these test SQLite's own file, process lock and crash recovery, or spawn a bot on a file
const sqliteOnly = ['test/db/process-lock.test.ts', 'test/db/transaction.test.ts', 'test/db/migrations.test.ts', 'test/db/backup.test.ts', 'test/db/tables-in-step.test.ts', 'test/db/planner-statistics.test.ts',
  'test/app/crash-safety.test.ts', 'test/app/outbox-crash.test.ts', 'test/app/transcripts.test.ts', 'test/app/live-schedule.test.ts'];

const shared = {
  globalSetup: ['test/setup/database-templates.ts'],
  // test files share their worker's module cache: each file no longer re-imports the bot, the
  // parsers and the database layer (measured: 132 s → 47 s of CPU for the suite). A file that
  // changes global state (TZ, fake timers, env) restores it in afterEach/afterAll, as ours do.
  isolate: false,
  // each test file opens real databases and some spawn CLIs: a guard against hangs, never a timing
  // assertion. Generous, because on a loaded 2-core machine a spawned CLI test took 33 s.
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'], env: { HZ_TEST_PROVIDER: 'sqlite' } } },
      { test: { ...shared, name: 'postgresql', include: onBothProviders, exclude: sqliteOnly, env: { HZ_TEST_PROVIDER: 'postgresql' } } },
    ],
  },
});
