import type { Logger } from '../core/logger.ts';
import type { Db } from '../db/database.ts';
import { createLeaseRepository, FencedOutError } from '../db/lease-repository.ts';
import type { Store } from '../db/store.ts';

/** A lease an instance wants, and what it does when it gets and loses it. */
export interface WantedLease {
  name: string;
  /**
   * The lease is this instance's from now on, at `epoch` (start the work only one may do). When
   * it throws, it must leave nothing started: the lease is given up and asked for again later.
   */
  onGain?: (epoch: number) => Promise<void>;
  /** the lease is gone or may be (stop that work at once) */
  onLose?: () => Promise<void>;
}

export interface LeaseKeeperOptions {
  db: Db;
  /** this process, unique per start: `host:pid:random` */
  instance: string;
  ttlMs: number;
  /** how often every wanted lease is taken or renewed; a third of the TTL */
  renewMs: number;
  log: Logger;
  leases: readonly WantedLease[];
  /** what the instance's own heartbeat lease (`instance:<id>`) reports (运行状态) */
  detail?: () => Record<string, unknown>;
}

export interface LeaseKeeper {
  /** the epoch of `name` while this instance holds it, else null */
  epochOf(name: string): number | null;
  /**
   * The fence for transactions only the holder of `name` may commit: call it first inside the
   * transaction; throws FencedOutError when this instance does not hold the lease (any more).
   */
  fence(name: string): (store: Store) => Promise<void>;
  /** Takes or renews every lease once now (the loop does it every renewMs). */
  tick(): Promise<void>;
  /** Stops renewing, runs every onLose, and gives the leases up so others need not wait for them to lapse. */
  stop(): Promise<void>;
}

/** The longest wait before asking again for a lease whose work could not start. */
const MAX_RETRY_MS = 5 * 60_000;

/** The name of an instance's own heartbeat lease. */
export const instanceLease = (instance: string) => `instance:${instance}`;

/**
 * Keeps this instance's leases on PostgreSQL: its heartbeat, and the ones it wants (the scheduler,
 * a single-connection platform). All of them are taken or renewed every `renewMs`; the database
 * says who holds what, by its own clock. A lease this instance cannot renew for `ttlMs − renewMs`
 * (the database unreachable) is given up locally before it lapses there, so a successor never
 * works beside it; its late writes fail on the fence anyway.
 */
export function startLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const { db, instance, ttlMs, renewMs, log } = options;
  const leases = createLeaseRepository(db);
  const held = new Map<string, { epoch: number; renewedAt: number }>();
  // gains and losses run one after another, never overlapping, in the order they happened
  let transitions: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();
  // leases whose work could not start here (a platform connection that never answered): given up,
  // not asked for again before `until`, so another instance may take them meanwhile
  const backingOff = new Map<string, { failures: number; until: number }>();
  const waiting = (name: string) => (backingOff.get(name)?.until ?? 0) > performance.now();

  const transition = (work: () => Promise<void>) => {
    transitions = transitions.then(work).catch((error: unknown) => log.error({ err: error }, 'lease transition failed'));
  };

  function lose(wanted: WantedLease, why: string): void {
    if (!held.delete(wanted.name)) return;
    log.warn({ lease: wanted.name, instance, why }, 'lease lost');
    transition(async () => wanted.onLose?.());
  }

  /** Starts a gained lease's work; work that cannot start gives the lease up for a while. */
  async function gain(wanted: WantedLease, epoch: number): Promise<void> {
    try {
      await wanted.onGain?.(epoch);
      backingOff.delete(wanted.name);
    } catch (error) {
      const failures = (backingOff.get(wanted.name)?.failures ?? 0) + 1;
      const retryInMs = Math.min(ttlMs * 2 ** (failures - 1), MAX_RETRY_MS);
      backingOff.set(wanted.name, { failures, until: performance.now() + retryInMs });
      if (held.get(wanted.name)?.epoch === epoch) held.delete(wanted.name);
      log.error({ err: error, lease: wanted.name, instance, failures, retryInMs }, 'lease work could not start: lease given up, asking again later');
      await leases.release(wanted.name, instance).catch((e: unknown) => log.warn({ err: e, lease: wanted.name }, 'lease release failed'));
    }
  }

  async function renew(wanted: WantedLease, detail: Record<string, unknown>): Promise<void> {
    if (waiting(wanted.name)) return;
    const mine = held.get(wanted.name);
    try {
      const lease = await leases.acquire(wanted.name, instance, ttlMs, detail);
      if (stopped) return;
      if (lease && lease.holder === instance && lease.live) {
        if (mine && mine.epoch === lease.epoch) {
          mine.renewedAt = performance.now();
          return;
        }
        // given up while this renewal was on its way (its work failed to start): give it up again
        if (waiting(wanted.name)) {
          await leases.release(wanted.name, instance);
          return;
        }
        if (mine) lose(wanted, 'epoch changed');
        held.set(wanted.name, { epoch: lease.epoch, renewedAt: performance.now() });
        log.info({ lease: wanted.name, instance, epoch: lease.epoch }, 'lease gained');
        transition(() => gain(wanted, lease.epoch));
      } else if (mine) {
        lose(wanted, `held by ${lease?.holder ?? 'nobody'}`);
      }
    } catch (error) {
      log.warn({ err: error, lease: wanted.name }, 'lease renewal failed');
      if (mine && performance.now() - mine.renewedAt > ttlMs - renewMs) lose(wanted, 'not renewed in time');
    }
  }

  async function tick(): Promise<void> {
    const detail = { ...options.detail?.(), pid: process.pid };
    const all: WantedLease[] = [{ name: instanceLease(instance) }, ...options.leases];
    for (const wanted of all) await renew(wanted, wanted.name === instanceLease(instance) ? detail : {});
  }

  const loop = () => {
    timer = null;
    ticking = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, renewMs);
    });
  };
  loop();

  return {
    epochOf: (name) => held.get(name)?.epoch ?? null,
    fence(name) {
      return async (store) => {
        const epoch = held.get(name)?.epoch;
        if (epoch === undefined) throw new FencedOutError(name, 0);
        await store.leases.fence(name, instance, epoch);
      };
    },
    tick: () => {
      ticking = ticking.then(tick);
      return ticking;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      const names = [...held.keys()];
      for (const wanted of options.leases) lose(wanted, 'shutting down');
      held.clear();
      await transitions;
      for (const name of [...names, instanceLease(instance)]) {
        await leases.release(name, instance).catch((error: unknown) => log.warn({ err: error, lease: name }, 'lease release failed'));
      }
    },
  };
}
