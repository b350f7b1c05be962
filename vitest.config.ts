import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/database-templates.ts'],
    // test files share their worker's module cache: each file no longer re-imports the bot, the
    // parsers and the database layer (measured: 132 s → 47 s of CPU for the suite). A file that
    // changes global state (TZ, fake timers, env) restores it in afterEach/afterAll, as ours do.
    isolate: false,
    // each test file opens real SQLite files: generous, never timing assertions
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
