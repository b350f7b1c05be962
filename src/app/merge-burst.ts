import { utf8Bytes } from './split-message.ts';
import type { Delivery } from '../core/messages.ts';
import type { OutboxEntry } from '../db/outbox-repository.ts';

/** Outbox entries that go out as one message. */
export interface Batch {
  entries: OutboxEntry[];
  delivery: Delivery;
}

/** At most this many entries in one merged message. */
export const MAX_MERGED = 20;

/** Entries of one scheduled job to one chat: reminders of the same run, say. */
function burstKey(entry: OutboxEntry): string | null {
  const job = entry.extra?.job;
  if (entry.kind !== 'push' || !job || entry.extra?.file || entry.extra?.card || (entry.extra?.partsSent ?? 0) > 0) return null;
  return `${job}|${entry.groupId ?? ''}|${entry.personId ?? ''}|${entry.extra?.markdown ? 'md' : 'text'}`;
}

/**
 * Merges a burst of same-kind pushes (one job's reminders) to one chat into one message, so a
 * group hears one list instead of ten pings. Order is kept: a merged message takes the place of
 * its first entry. Replies, files and messages of different jobs are never merged, and a merge
 * stops before it would pass `maxBytes` (then the next one starts).
 */
export function mergeBursts(items: ReadonlyArray<{ entry: OutboxEntry; delivery: Delivery }>, maxBytes: (d: Delivery) => number): Batch[] {
  const batches: Batch[] = [];
  const open = new Map<string, Batch>();
  for (const { entry, delivery } of items) {
    const key = burstKey(entry);
    const current = key ? open.get(key) : undefined;
    if (key && current) {
      const text = `${current.delivery.text}\n\n${delivery.text}`;
      if (current.entries.length < MAX_MERGED && utf8Bytes(text) <= maxBytes(current.delivery)) {
        const seen = new Set(current.delivery.mentions.map((p) => p.id));
        current.entries.push(entry);
        current.delivery = { ...current.delivery, text, mentions: [...current.delivery.mentions, ...delivery.mentions.filter((p) => !seen.has(p.id))] };
        continue;
      }
    }
    const batch: Batch = { entries: [entry], delivery };
    batches.push(batch);
    if (key) open.set(key, batch);
  }
  return batches;
}
