import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/database-templates.ts'],
    // each test file opens real SQLite files: generous, never timing assertions
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
