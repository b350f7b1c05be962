import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { inject } from 'vitest';

/**
 * Puts a freshly migrated, empty ledger at `file` (a copy of the run's template, see
 * test/setup/database-templates.ts) and returns `file`. The bot finds nothing left to migrate.
 */
export function freshDatabase(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(inject('sqliteTemplate'), file);
  return file;
}
