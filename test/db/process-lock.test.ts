import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';
import { acquireProcessLock, canonicalDbPath, DatabaseInUseError } from '../../src/db/process-lock.ts';
import { ChildBot } from '../helpers/child-bot.ts';
import { readLedger } from '../helpers/ledger-check.ts';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hz-lock-'));
  db = join(dir, 'ledger.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

const lockOwner = () => JSON.parse(readFileSync(`${db}.lock`, 'utf8')) as { pid: number };
const openBot = (file: string) =>
  createBot({ config: defaultConfig({ dbFile: file, dataDir: join(dir, 'data') }), channel: new RecordingChannel(() => new Date()), log: createLogger('silent') });

describe('the database process lock', () => {
  it('is held by one holder, refused to a second one in the same process, and removed on release', () => {
    const lock = acquireProcessLock(db);
    expect(lock.path).toBe(`${db}.lock`);
    expect(lockOwner()).toMatchObject({ pid: process.pid });
    expect(() => acquireProcessLock(db)).toThrow(DatabaseInUseError);
    lock.release();
    lock.release();
    expect(existsSync(`${db}.lock`)).toBe(false);
    acquireProcessLock(db).release();
  });

  it.each([
    ['a dead process', () => JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z', token: 'old' })],
    ['a bare dead pid', () => String(deadPid())],
    ['an earlier life of this very pid (a restarted container)', () => JSON.stringify({ pid: process.pid, host: hostname(), since: '?', token: 'old' })],
    ['an empty file', () => ''],
    ['garbage', () => '\u0000\u0001不是锁'],
  ])('takes over a stale lock left by %s', (_name, content) => {
    writeFileSync(`${db}.lock`, content());
    const lock = acquireProcessLock(db);
    expect(lockOwner()).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('refuses a lock held on another host, which it cannot check', () => {
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: 4242, host: 'other-host', since: '2026-12-01T00:00:00Z', token: 't' }));
    expect(() => acquireProcessLock(db)).toThrow(/pid 4242.*other-host/);
    expect(readFileSync(`${db}.lock`, 'utf8')).toContain('other-host');
  });

  it('leaves a lock it no longer owns in place on release', () => {
    const lock = acquireProcessLock(db);
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: 4242, host: 'other-host', since: '?', token: 'someone else' }));
    lock.release();
    expect(existsSync(`${db}.lock`)).toBe(true);
  });

  it('needs no lock for an in-memory database', () => {
    const a = acquireProcessLock(':memory:');
    const b = acquireProcessLock(':memory:');
    expect(a.path).toBeNull();
    a.release();
    b.release();
  });
});

describe('a second process on the same database file', () => {
  it('refuses to start with a clear message while the first runs, and the first is unharmed', async () => {
    const child = new ChildBot(db, { roster: true });
    const pid = await child.ready();

    const refused = openBot(db);
    await expect(refused).rejects.toThrow(DatabaseInUseError);
    await expect(refused).rejects.toThrow(`pid ${pid}`);
    await expect(refused).rejects.toThrow(/已被另一个隐患清零进程使用[\s\S]*in use by another Hazard Zero process/);
    // the refused start touched nothing: the lock is still the child's and the child still works
    expect(lockOwner()).toMatchObject({ pid });
    child.send([{ id: 'after', group: '应急管理局监管群', sender: '王建国', text: '登记隐患：红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前' }]);
    await child.finish();
    expect(child.lines.find((l) => l.t === 'send')?.text).toMatch(/^已登记 YH-0001/);
    expect(existsSync(`${db}.lock`)).toBe(false);

    // once the first has stopped, the next one starts on the same, intact ledger
    await (await openBot(db)).close();
    const ledger = readLedger(db);
    expect(ledger.problems).toEqual([]);
    expect(ledger.hazards.map((h) => h.code)).toEqual(['YH-0001']);
  });

  it('starts after the holder was killed with SIGKILL, taking over its lock', async () => {
    const child = new ChildBot(db);
    await child.ready();
    await expect(openBot(db)).rejects.toThrow(DatabaseInUseError);
    await child.kill();
    expect(existsSync(`${db}.lock`)).toBe(true);
    const bot = await openBot(db);
    expect(lockOwner()).toMatchObject({ pid: process.pid });
    await bot.close();
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('refuses a second bot that reaches the same file through a symlink (alias.db → ledger.db)', async () => {
    const alias = join(dir, 'alias.db');
    symlinkSync(db, alias); // dangling until the first bot creates the ledger
    const child = new ChildBot(db, { roster: true });
    const pid = await child.ready();
    await expect(openBot(alias)).rejects.toThrow(`pid ${pid}`);
    // a folder symlink and a relative link lead there too
    symlinkSync(dir, join(dir, 'linked-dir'));
    await expect(openBot(join(dir, 'linked-dir', 'alias.db'))).rejects.toThrow(DatabaseInUseError);
    symlinkSync('ledger.db', join(dir, 'relative.db'));
    await expect(openBot(join(dir, 'relative.db'))).rejects.toThrow(DatabaseInUseError);
    expect(lockOwner()).toMatchObject({ pid });
    expect(existsSync(`${alias}.lock`)).toBe(false);
    await child.finish();
  });

  it('locks the real file of a symlink whose target does not exist yet', async () => {
    const alias = join(dir, 'alias.db');
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real', 'ledger.db'), alias);
    expect(canonicalDbPath(alias)).toBe(join(dir, 'real', 'ledger.db'));
    const first = await openBot(alias);
    expect(existsSync(join(dir, 'real', 'ledger.db.lock'))).toBe(true);
    await expect(openBot(join(dir, 'real', 'ledger.db'))).rejects.toThrow(DatabaseInUseError);
    await first.close();
    symlinkSync(join(dir, 'loop-b.db'), join(dir, 'loop-a.db'));
    symlinkSync(join(dir, 'loop-a.db'), join(dir, 'loop-b.db'));
    expect(() => acquireProcessLock(join(dir, 'loop-a.db'))).toThrow();
  });

  it('refuses a second bot in the same process too', async () => {
    const first = await openBot(db);
    await expect(openBot(db)).rejects.toThrow(DatabaseInUseError);
    await first.close();
    await (await openBot(db)).close();
  });
});
