import { basename } from 'node:path';
import type { Logger } from '../core/logger.ts';
import { mergeBursts, type Batch } from './merge-burst.ts';
import { RateLimiter, type TargetLimiter } from './rate-limiter.ts';
import type { SerialQueue } from '../core/serial-queue.ts';
import { splitMessage } from './split-message.ts';
import { cardFile } from '../cards/card-files.ts';
import type { CardRenderer } from '../cards/card-renderer.ts';
import { RateLimitedError, type Channel, type Route } from '../core/channel.ts';
import { type Delivery } from '../core/messages.ts';
import { asMarkdown } from '../channels/markdown-text.ts';
import type { Db } from '../db/database.ts';
import type { LeaseFence } from '../db/lease-repository.ts';
import type { OutboxEntry } from '../db/outbox-repository.ts';
import { createStore, inTransaction, type Store } from '../db/store.ts';
import { MARKDOWN_LIMIT_BYTES, neutralize, TEXT_LIMIT_BYTES } from '../i18n/fit.ts';
import { zh } from '../i18n/zh-CN.ts';

export interface DispatcherDeps {
  db: Db;
  queue: SerialQueue;
  channel: Channel;
  log: Logger;
  /** attempts before a reply is marked failed and reported */
  maxAttempts?: number;
  /**
   * the token buckets: in this process's memory by default; several instances on one PostgreSQL
   * share theirs (SharedRateLimiter), so together they keep under a target's limit
   */
  limiter?: TargetLimiter;
  /** attempts before a keyed push (a reminder, a digest) is: about a day at the 10-minute cap */
  maxPushAttempts?: number;
  /** draws the chart cards pushes carry into `dir`; without it they go as text alone */
  cards?: { renderer: CardRenderer; dir: string } | null;
  /**
   * Several instances on one PostgreSQL: this instance claims the messages it sends (for `ms`,
   * renewed before each send) so that each goes out from one instance; without it (SQLite, one
   * process) the dispatcher reads what is due.
   */
  claim?: {
    instance: string;
    ms: number;
    /**
     * A platform one instance at a time is connected to (WeCom's AI bot, a Wechaty login): the
     * lease of that connection and the epoch this instance holds it at, or null when it does not
     * hold it. Only its holder claims and sends, each send checked against the lease in the
     * statement that keeps the claim; absent (DingTalk) every instance sends.
     */
    connection?: () => { lease: string; epoch: number | null } | null;
  } | null;
}

/** Attempts before a message is given up: with the backoff below, about ten minutes of trying. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The job name of the admins' failure notices: their own failure is not reported again. */
export const DELIVERY_FAILED_JOB = 'delivery-failed';

/** Backoff before the next try: 5 s, 10 s, 20 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

/**
 * An outbox entry as the channel gets it. Every text goes out through `neutralize` here, the one
 * door all replies and pushes pass (a job's reminder quotes descriptions as much as a reply
 * does): a `@所有人` or `<@userid>` a user wrote never becomes a platform mention.
 */
async function toDelivery(store: Store, channel: Channel, entry: OutboxEntry): Promise<Delivery> {
  const personKey = entry.personId !== null ? await store.identity.wechatKeyOf(entry.personId) : null;
  return {
    kind: entry.kind,
    group: entry.groupId !== null ? await store.roster.groupById(entry.groupId) : null,
    person: entry.personId !== null ? await store.roster.personById(entry.personId) : null,
    ...(personKey ? { personKey } : {}),
    // a stranger's account is addressed only on its own platform
    ...(entry.account?.platform === channel.platform ? { accountId: entry.account.id } : {}),
    text: neutralize(entry.text),
    mentions: await store.roster.peopleByIds(entry.mentions),
    ...(entry.extra?.markdown ? { markdown: true } : {}),
    ...(entry.extra?.title ? { title: entry.extra.title } : {}),
    ...(entry.extra?.inReplyTo ? { inReplyTo: entry.extra.inReplyTo } : {}),
  };
}

/**
 * The messages one delivery becomes on its route: plain text on a markdown route escaped, the text
 * cut at the route's byte limit on line boundaries into numbered parts (`【通报】（续1）`; mentions
 * ride on the first part), then the file alone. Without a route (console, transcripts, tests) the
 * text is cut at the strictest platform's limit (2,048 bytes, markdown 4,096), so what they show
 * is how a long reply arrives in parts.
 */
function partsOf(delivery: Delivery, route: Route | null): Delivery[] {
  // a route that shows markdown gets the escaped text, measured and cut as it will be sent
  const { file, ...rest } = route?.markdown && !delivery.markdown ? { ...delivery, text: asMarkdown(delivery), markdown: true } : delivery;
  const limit = route?.maxBytes ?? (rest.markdown ? MARKDOWN_LIMIT_BYTES : TEXT_LIMIT_BYTES);
  const firstLine = rest.text.trimStart().split('\n', 1)[0] ?? '';
  const texts = rest.text.trim() ? splitMessage(rest.text, limit, (n) => zh.delivery.continued(firstLine, n)) : [];
  const parts: Delivery[] = texts.map((text, i) => ({ ...rest, text, mentions: i === 0 ? rest.mentions : [] }));
  const last = parts.at(-1);
  // without a route the file rides on the last part, as a console shows it
  if (file && !route && last) parts[parts.length - 1] = { ...last, file };
  else if (file) parts.push({ ...rest, text: '', mentions: [], file });
  const all = parts.length > 0 ? parts : [delivery];
  return all.map((part, i) => ({ ...part, key: `${delivery.key ?? 'outbox'}#${i + 1}/${all.length}` }));
}

/** Whether the batch's message has a file whose bytes the outbox keeps until it is settled. */
function keepsFile(batch: Batch): boolean {
  return batch.entries.some((e) => e.extra?.file);
}

function where(d: Delivery): string {
  return d.group ? d.group.name : `私聊·${d.person?.name ?? d.accountId ?? '?'}`;
}

function excerpt(text: string, chars = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > chars ? `${flat.slice(0, chars)}…` : flat;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends what the outbox holds, oldest first. A message is marked sent only after the platform
 * took it. Per route target (robot, webhook, account) a token bucket keeps under the platform's
 * limit; a "too fast" answer pauses that target with a growing backoff and costs no attempt.
 * Other failures are retried with backoff; after the last try the message is kept as failed,
 * logged as an error and reported to the admins. Passes never overlap, so nothing is sent twice.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  // a late answer to a chat message confuses; a late reminder is still worth having, so keyed pushes keep trying
  const maxPushAttempts = deps.maxPushAttempts ?? 150;
  const limiter = deps.limiter ?? new RateLimiter();
  const { channel, log } = deps;
  const run = <T>(work: (store: Store) => Promise<T>) => deps.queue.run(() => work(createStore(deps.db)));
  let chain: Promise<unknown> = Promise.resolve();

  async function saveProgress(store: Store, batch: Batch, done: number): Promise<void> {
    const only = batch.entries.length === 1 ? batch.entries[0] : undefined;
    if (only && done > (only.extra?.partsSent ?? 0)) await store.outbox.markProgress(only.id, done);
  }

  /**
   * The platform took part `done` of `total`: writes that down at once — the whole message sent
   * after its last part, else how many parts went out — so a restart repeats neither a part nor
   * the message. The write goes straight to the database, not behind the queue: it waits only for
   * a transaction that holds the connection (the driver's own lock), never for whole handlers or
   * jobs queued meanwhile. What is left is the platform's answer in flight and this one statement:
   * a kill in between sends that one part again (docs/operations.md).
   */
  async function recordSent(batch: Batch, done: number, total: number, now: Date): Promise<void> {
    const outbox = createStore(deps.db).outbox;
    const only = batch.entries.length === 1 ? batch.entries[0] : undefined;
    // the pass's time, from the bot's clock: a simulated day stamps simulated times
    if (done >= total) await markSent(batch, now);
    else if (only) await outbox.markProgress(only.id, done);
  }

  /**
   * Marks the batch sent, if it is still this instance's; a file's bytes are dropped with the mark,
   * in one transaction. A message another instance took over keeps them: that one sends it again.
   */
  async function markSent(batch: Batch, now: Date): Promise<void> {
    const ids = batch.entries.map((e) => e.id);
    const claim = deps.claim;
    const mark = async (outbox: Store['outbox']): Promise<boolean> => {
      const mine = claim ? await outbox.markSentClaimed(ids, now, claim.instance) : (await outbox.markSent(ids, now), true);
      if (mine && keepsFile(batch)) await outbox.dropFiles(ids);
      return mine;
    };
    const mine = keepsFile(batch) ? await inTransaction(deps.db, (store) => mark(store.outbox)) : await mark(createStore(deps.db).outbox);
    if (!mine) {
      // the send took longer than the claim and another instance took the message over
      log.error({ outboxIds: ids, to: where(batch.delivery) }, 'claim lapsed while sending: the message may go out twice');
    }
  }

  /**
   * Right before a send: whether this instance still holds the batch (always on one process).
   * After a pause past the claim another instance may have taken it: then it is theirs to send.
   */
  async function stillMine(batch: Batch): Promise<boolean> {
    if (!deps.claim) return true;
    const { instance, ms } = deps.claim;
    const fence = connectionFence();
    if (fence === null) return false;
    const mine = await createStore(deps.db).outbox.holdClaim(batch.entries.map((e) => e.id), instance, ms, fence);
    if (!mine) log.warn({ outboxIds: batch.entries.map((e) => e.id) }, 'claim taken over by another instance: not sending');
    return mine;
  }

  /**
   * The fence of a single-connection platform's sends: undefined where there is none (one process,
   * DingTalk), null while this instance does not hold the connection (a standby sends nothing).
   */
  function connectionFence(): LeaseFence | null | undefined {
    const held = deps.claim?.connection?.();
    if (!deps.claim || !held) return undefined;
    return held.epoch === null ? null : { lease: held.lease, holder: deps.claim.instance, epoch: held.epoch };
  }

  async function reportFailure(store: Store, batch: Batch, reason: string, attempts: number, now: Date): Promise<void> {
    const first = batch.entries[0];
    if (!first || first.extra?.job === DELIVERY_FAILED_JOB) return;
    const text = zh.delivery.failed(where(batch.delivery), excerpt(batch.delivery.text), attempts, reason);
    const admins = (await store.roster.people()).filter((p) => p.role === 'admin');
    const to = admins.length > 0
      ? admins.map((p) => ({ groupId: null, personId: p.id, key: `p${p.id}` }))
      : (await store.roster.groupsByPurpose('leaders')).map((g) => ({ groupId: g.id, personId: null, key: `g${g.id}` }));
    for (const t of to) {
      await store.outbox.enqueue({
        kind: 'push', groupId: t.groupId, personId: t.personId, text, mentions: [],
        extra: { job: DELIVERY_FAILED_JOB }, dedupeKey: `${DELIVERY_FAILED_JOB}:${first.id}:${t.key}`,
      }, now);
    }
  }

  /**
   * The file a batch sends after its text, just before it is sent: an export's bytes from the
   * outbox (whichever instance wrote it), or a push's card, drawn here (outside the queue, so chat
   * messages are not held up). One batch's file at a time is in memory. A card that cannot be
   * drawn costs the picture, never the text; bytes missing from the outbox (an entry queued
   * before the outbox kept them) become a notice after the text.
   */
  async function withFile(batch: Batch): Promise<Delivery> {
    const [entry] = batch.entries;
    const { delivery } = batch;
    // files and cards are never merged: a batch that has one is one entry
    if (!entry || batch.entries.length > 1) return delivery;
    const name = entry.extra?.file;
    if (name) {
      const data = await createStore(deps.db).outbox.fileBytes(entry.id);
      if (data) return { ...delivery, file: { name, data } };
      log.error({ outboxId: entry.id, file: name }, 'file bytes not in the outbox: the text goes with a notice');
      return { ...delivery, text: `${delivery.text}\n${zh.delivery.fileNotSent(basename(name))}` };
    }
    const card = entry.extra?.card;
    if (!card || !deps.cards) return delivery;
    try {
      return { ...delivery, file: await cardFile(deps.cards.renderer, deps.cards.dir, card), fileRepeatsText: true };
    } catch (error) {
      log.error({ err: error, outboxId: entry.id }, 'chart card could not be drawn: text only');
      return delivery;
    }
  }

  async function pass(now: Date): Promise<number> {
    // a logged-out account takes nothing: the messages wait, untouched, for the login
    if (channel.canSend?.() === false) return 0;
    const fence = connectionFence();
    if (fence === null) return 0;
    const read = await run(async (store) => {
      const due = deps.claim ? await store.outbox.claimDue(now, deps.claim.instance, deps.claim.ms, 100, fence) : await store.outbox.due(now);
      const out: Array<{ entry: OutboxEntry; delivery: Delivery }> = [];
      for (const entry of due) out.push({ entry, delivery: await toDelivery(store, channel, entry) });
      return out;
    });
    if (read.length === 0) return 0;
    const routeOf = (d: Delivery): Route | null => channel.route?.(d) ?? null;
    const batches = mergeBursts(read, (d) => routeOf(d)?.maxBytes || Number.POSITIVE_INFINITY);
    // a target that must wait holds back every later message to it: order is kept per target
    const held = new Map<string, Date>();
    let sent = 0;

    for (const merged of batches) {
      // the route may depend on the file (WeCom answers a question in its stream, a file elsewhere)
      const batch: Batch = { ...merged, delivery: await withFile(merged) };
      const route = routeOf(batch.delivery);
      const target = route?.target ?? channel.platform;
      const heldUntil = held.get(target);
      if (heldUntil) {
        await run(async (store) => {
          for (const e of batch.entries) await store.outbox.defer(e.id, heldUntil);
        });
        continue;
      }
      const parts = partsOf({ ...batch.delivery, key: `outbox:${batch.entries.map((e) => e.id).join('+')}` }, route);
      const start = batch.entries.length === 1 ? Math.min(batch.entries[0]?.extra?.partsSent ?? 0, parts.length) : 0;
      let done = start;
      let outcome: 'sent' | 'held' | 'failed' = 'sent';

      for (let i = start; i < parts.length; i++) {
        const part = parts[i];
        if (!part) continue;
        if (route) {
          const wait = await limiter.take(target, route, now);
          if (wait > 0) {
            const at = new Date(now.getTime() + wait);
            held.set(target, at);
            await run(async (store) => {
              await saveProgress(store, batch, done);
              for (const e of batch.entries) await store.outbox.defer(e.id, at);
            });
            outcome = 'held';
            break;
          }
        }
        if (!(await stillMine(batch))) {
          outcome = 'held';
          break;
        }
        try {
          await channel.send(part);
          done = i + 1;
          if (route) await limiter.succeeded(target);
        } catch (error) {
          const reason = reasonOf(error);
          if (error instanceof RateLimitedError && route) {
            const at = await limiter.pause(target, route, now, error.retryAfterMs, error.steady);
            held.set(target, at);
            await run(async (store) => {
              await saveProgress(store, batch, done);
              for (const e of batch.entries) await store.outbox.defer(e.id, at, reason);
            });
            log.warn({ target, until: at.toISOString(), outboxIds: batch.entries.map((e) => e.id) }, 'rate limited: target paused');
            outcome = 'held';
            break;
          }
          const attempts = Math.max(...batch.entries.map((e) => e.attempts)) + 1;
          const final = attempts >= (batch.entries.some((e) => e.dedupeKey) ? maxPushAttempts : maxAttempts);
          const settle = async (store: Store) => {
            await saveProgress(store, batch, done);
            for (const e of batch.entries) {
              if (final) await store.outbox.markFailed(e.id, reason);
              else await store.outbox.markRetry(e.id, reason, new Date(now.getTime() + retryDelayMs(attempts)));
            }
            if (final) await reportFailure(store, batch, reason, attempts, now);
            // given up: its file's bytes go, with the mark
            if (final && keepsFile(batch)) await store.outbox.dropFiles(batch.entries.map((e) => e.id));
          };
          await (final && keepsFile(batch) ? deps.queue.run(() => inTransaction(deps.db, settle)) : run(settle));
          const fields = { outboxIds: batch.entries.map((e) => e.id), to: where(batch.delivery), attempts, reason };
          if (final) log.error(fields, 'send failed for good; reported to the admins');
          else log.warn(fields, 'send failed, will retry');
          outcome = 'failed';
          break;
        }
        await recordSent(batch, done, parts.length, now);
      }

      if (outcome === 'sent') {
        // nothing was left to send (every part went out before a restart): only the mark was missing
        if (start >= parts.length) await run(() => markSent(batch, now));
        sent += batch.entries.length;
      }
    }
    return sent;
  }

  return {
    /** Delivers everything due at `now`; returns how many outbox messages were sent. Calls queue up, never overlap. */
    deliverDue(now: Date): Promise<number> {
      const result = chain.then(() => pass(now));
      chain = result.catch(() => undefined);
      return result;
    },
    limiter,
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
