import type { Logger } from './logger.ts';
import { SerialQueue } from './serial-queue.ts';
import type { Channel, Delivery } from '../channels/channel.ts';
import type { Db } from '../db/client.ts';
import type { OutboxEntry } from '../db/outbox-repository.ts';
import { createStore } from '../db/store.ts';

export interface DispatcherDeps {
  db: Db;
  queue: SerialQueue;
  channel: Channel;
  log: Logger;
  /** attempts before a message is marked failed and reported */
  maxAttempts?: number;
}

/** Backoff before the next try: 5 s, 10 s, 20 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

async function toDelivery(db: Db, entry: OutboxEntry): Promise<Delivery> {
  const store = createStore(db);
  return {
    kind: entry.kind,
    group: entry.groupId !== null ? await store.roster.groupById(entry.groupId) : null,
    person: entry.personId !== null ? await store.roster.personById(entry.personId) : null,
    text: entry.text,
    mentions: await store.roster.peopleByIds(entry.mentions),
    ...(entry.extra?.markdown ? { markdown: true } : {}),
    ...(entry.extra?.title ? { title: entry.extra.title } : {}),
    ...(entry.extra?.file ? { file: entry.extra.file } : {}),
  };
}

/**
 * Sends what the outbox holds, oldest first. A message is marked sent only after the platform
 * took it; a failure is retried with backoff and, after the last try, kept as failed and logged.
 * Passes never overlap: every incoming message starts one, and two passes at once would both
 * read the same pending rows and send each of them twice.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const maxAttempts = deps.maxAttempts ?? 5;
  const passes = new SerialQueue();
  return {
    /** Delivers everything due at `now` (after any pass already running); returns how many were sent. */
    deliverDue: (now: Date): Promise<number> => passes.run(() => deliverPass(now)),
  };

  async function deliverPass(now: Date): Promise<number> {
    const due = await deps.queue.run(() => createStore(deps.db).outbox.due(now));
    let sent = 0;
    for (const entry of due) {
      const delivery = await deps.queue.run(() => toDelivery(deps.db, entry));
      try {
        await deps.channel.send(delivery);
        await deps.queue.run(() => createStore(deps.db).outbox.markSent(entry.id, new Date()));
        sent += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const attempts = entry.attempts + 1;
        await deps.queue.run(() =>
          attempts >= maxAttempts
            ? createStore(deps.db).outbox.markFailed(entry.id, reason)
            : createStore(deps.db).outbox.markRetry(entry.id, reason, new Date(now.getTime() + retryDelayMs(attempts))),
        );
        deps.log.warn({ outboxId: entry.id, attempts, reason }, attempts >= maxAttempts ? 'send failed for good' : 'send failed, will retry');
      }
    }
    return sent;
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
