import { defineConfig } from 'prisma/config';

// The runtime connects through the better-sqlite3 adapter (src/db/client.ts) and migrations run
// on the WASM schema engine (src/db/schema-engine.ts); this file only tells the CLI where things are.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations/sqlite' },
});
