import type { IncomingAttachment } from '../core/messages.ts';

/**
 * Photos sent on their own, held for the sender's next text in the same chat: people send the
 * photo, then `YH-0012 进度60%`. What is not claimed within `holdMs` is let go (it was not evidence).
 */
export class EvidenceHold {
  readonly #held = new Map<string, Array<{ file: IncomingAttachment; at: number }>>();

  constructor(private readonly holdMs = 10 * 60_000, private readonly maxPerSender = 9) {}

  put(chat: string, sender: string, file: IncomingAttachment, now: Date): void {
    const key = `${chat}\u0000${sender}`;
    const list = (this.#held.get(key) ?? []).filter((h) => now.getTime() - h.at < this.holdMs);
    list.push({ file, at: now.getTime() });
    this.#held.set(key, list.slice(-this.maxPerSender));
  }

  /** The sender's held files in this chat, oldest first; they are given away once. */
  take(chat: string, sender: string, now: Date): IncomingAttachment[] {
    const key = `${chat}\u0000${sender}`;
    const list = this.#held.get(key) ?? [];
    this.#held.delete(key);
    return list.filter((h) => now.getTime() - h.at < this.holdMs).map((h) => h.file);
  }
}
