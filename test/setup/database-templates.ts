// Runs once per `vitest run`, before any test file: builds one migrated database per provider
// that every test copies instead of migrating its own — an SQLite file (a copy costs ~0.2 ms,
// migrating ~30 ms) and a PostgreSQL template database (CREATE DATABASE … TEMPLATE).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyPostgresMigrations, applySqliteMigrations } from '../../src/db/migrate.ts';
import { adminQuery, databaseUrl, startTestServer, type TestServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a migrated SQLite file to copy, never to open */
    sqliteTemplate: string;
    /** a superuser URL of the test PostgreSQL server, whose `hz_template` database is migrated */
    postgresAdminUrl: string;
  }
}

/** The template database on the test server; nobody connects to it after it is migrated. */
export const POSTGRES_TEMPLATE = 'hz_template';

let dir: string | undefined;
let server: TestServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'hz-template-'));
  const file = join(dir, 'template.db');
  applySqliteMigrations(file);
  project.provide('sqliteTemplate', file);
  // vitest runs this once per project: only the PostgreSQL project starts a server
  if (project.name !== 'postgresql') {
    project.provide('postgresAdminUrl', '');
    return;
  }
  server = await startTestServer();
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE}`);
  await adminQuery(server.adminUrl, `CREATE DATABASE ${POSTGRES_TEMPLATE}`);
  await applyPostgresMigrations(databaseUrl(server.adminUrl, POSTGRES_TEMPLATE));
  project.provide('postgresAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
