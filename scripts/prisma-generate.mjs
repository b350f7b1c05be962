// Writes the Kysely table types (src/db/tables.ts) from prisma/schema.prisma on install. Prisma 7's
// CLI insists on locating its native schema engine even for `generate`, which never runs it; that
// engine cannot be downloaded here, so we point the variable at an existing file (node itself).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
// the prisma-kysely generator is found on PATH, as npm scripts have it
env.PATH = `${join(process.cwd(), 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
env.CHECKPOINT_DISABLE = '1';
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
