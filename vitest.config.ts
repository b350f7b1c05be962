import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // each test file opens real SQLite files and a WASM engine: generous, never timing assertions
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
