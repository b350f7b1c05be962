// `npm run evidence:import`: copies the evidence files of HZ_DATA_DIR/evidence into the PostgreSQL
// database the bot uses (HZ_DATABASE_URL), so that every instance shows them. Idempotent: run it
// again, on each host that kept files, as often as you like; what is there is not copied twice.
// Safe while the bot runs. On SQLite the files are the store: nothing to do.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import type { CliOutput } from './export-cli.ts';
import { closeDatabase, openDatabase } from '../db/database.ts';
import { applyPostgresMigrations } from '../db/migrate.ts';
import { createStore } from '../db/store.ts';
import { importEvidenceFiles } from '../features/import-evidence-files.ts';
import { cliTexts } from '../i18n/cli-texts.ts';

/** `npm run evidence:import` with its environment; returns the exit code (1 when a file was damaged). */
export async function evidenceImportCli(env: NodeJS.ProcessEnv = process.env, console: CliOutput = globalThis.console): Promise<number> {
  const config = loadConfig(env);
  const folder = join(config.dataDir, 'evidence');
  if (!config.databaseUrl) {
    console.log(cliTexts.evidenceImport.sqlite(folder));
    return 0;
  }
  // the table may be newer than the running instances: migrate as a starting bot would (under the lock)
  await applyPostgresMigrations(config.databaseUrl);
  const db = await openDatabase({ url: config.databaseUrl, file: config.dbFile, sync: config.dbSync });
  try {
    const store = createStore(db);
    const result = await importEvidenceFiles(store, config.dataDir);
    console.log(cliTexts.evidenceImport.done(folder, result, await store.evidence.totals()));
    for (const skipped of result.skipped) (skipped.reason === 'damaged' ? console.error : console.log)(cliTexts.evidenceImport.skipped(skipped.file, skipped.reason));
    return result.skipped.some((s) => s.reason === 'damaged') ? 1 : 0;
  } finally {
    await closeDatabase(db);
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) runCli(() => evidenceImportCli());
