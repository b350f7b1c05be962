import { randomUUID } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** A second bot on a database file that another live process already serves. */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
}

/** Who holds a lock: written into `<db>.lock` as JSON. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** tells two holders with the same pid (a restarted container) apart */
  token: string;
}

/** The right to serve one database file, held until released. */
export interface ProcessLock {
  readonly path: string | null;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Lock files held by this process: a second bot in the same process is refused too. */
const held = new Set<string>();

/** The lock file's text, or null when there is none. */
function readLock(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Who a lock's text names; null for an empty or foreign file, which nobody alive wrote. */
function parseOwner(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return { pid: owner.pid, host: owner.host, since: String(owner.since ?? '?'), token: String(owner.token ?? '') };
    }
  } catch {
    // a plain pid written by hand, or garbage: below
  }
  const pid = /^\s*(\d+)\s*$/.exec(text)?.[1];
  return pid ? { pid: Number(pid), host: hostname(), since: '?', token: '' } : null;
}

/**
 * Is the holder still running? A holder on another host cannot be checked, so it counts as alive.
 * Our own pid in a lock we do not hold is a previous life of this container (pid 1 again).
 */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dbFile: string, lockPath: string, owner: Pick<LockOwner, 'pid' | 'host' | 'since'>): DatabaseInUseError {
  const who = `pid ${owner.pid}，主机 ${owner.host}，自 ${owner.since} 起`;
  return new DatabaseInUseError(
    `数据库 ${dbFile} 已被另一个隐患清零进程使用（${who}），本进程不启动，以免两个进程同时写台账、重复发消息。` +
      `请先停止那个进程；如确认它已不在运行，删除 ${lockPath} 后重试。\n` +
      `Database ${dbFile} is in use by another Hazard Zero process (pid ${owner.pid} on ${owner.host}, since ${owner.since}); ` +
      `refusing to start a second one. Stop that process, or delete ${lockPath} if it is certainly gone.`,
  );
}

/** Symlinks followed before giving up, as the kernel does (ELOOP). */
const MAX_LINKS = 40;

/**
 * The file a database path really names: every symlink followed, in the path's folders and at
 * its end, even when the final target does not exist yet (SQLite will create it there). Two
 * names for one file (`alias.db → ledger.db`) give one path, so they share one lock. A hard link
 * is a second real name and is not caught here: don't give a ledger two.
 */
export function canonicalDbPath(dbFile: string): string {
  let path = resolve(dbFile);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    try {
      return realpathSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // the file is not there (yet): a dangling symlink is followed by hand, else its folder is
    let link: string | null = null;
    try {
      if (lstatSync(path).isSymbolicLink()) link = readlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (link === null) {
      mkdirSync(dirname(path), { recursive: true });
      return join(realpathSync(dirname(path)), basename(path));
    }
    path = resolve(dirname(path), link);
  }
  throw new Error(`数据库路径 ${dbFile} 的符号链接太多（循环？）/ too many symbolic links in ${dbFile}`);
}

/**
 * Claims `<dbFile>.lock` for this process, so one database file is served by one bot: SQLite
 * itself would let a second process in, and two bots would answer every message twice and
 * race on the outbox. The file is created atomically with its content (written aside, then
 * hard-linked into place), so a half-written lock never exists; a lock left by a dead process
 * (SIGKILL, power cut) is taken over. The lock sits beside the real file, whatever symlink the
 * path goes through, so `alias.db → ledger.db` is the same ledger. Throws {@link DatabaseInUseError} while a live holder has it.
 */
export function acquireProcessLock(dbFile: string): ProcessLock {
  if (dbFile === ':memory:') return { path: null, release() {} };
  const path = `${canonicalDbPath(dbFile)}.lock`;
  if (held.has(path)) throw inUse(dbFile, path, { pid: process.pid, host: hostname(), since: '本进程 / this process' });

  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomUUID() };
  const mine = JSON.stringify(me);
  const aside = `${path}.${me.token}.tmp`;
  writeFileSync(aside, mine);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(aside, path);
        held.add(path);
        return lockHandle(path, me.token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const before = readLock(path);
      if (before === null) continue; // released meanwhile: try again
      const owner = parseOwner(before);
      if (owner && isAlive(owner)) throw inUse(dbFile, path, owner);
      // stale: replace it, unless someone else replaced it first (then look again)
      if (readLock(path) !== before) continue;
      renameSync(aside, path);
      writeFileSync(aside, mine);
      if (parseOwner(readLock(path) ?? '')?.token === me.token) {
        held.add(path);
        return lockHandle(path, me.token);
      }
    }
    throw inUse(dbFile, path, parseOwner(readLock(path) ?? '') ?? { pid: 0, host: '?', since: '?' });
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      // already gone
    }
  }
}

function lockHandle(path: string, token: string): ProcessLock {
  return {
    path,
    release() {
      if (!held.delete(path)) return;
      if (parseOwner(readLock(path) ?? '')?.token === token) unlinkSync(path);
    },
  };
}
