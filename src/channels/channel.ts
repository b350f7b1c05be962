import type { Group, Person, Platform } from '../domain/types.ts';

/** A file or photo that came with a message (evidence). */
export interface IncomingAttachment {
  name: string;
  mime: string;
  data: Buffer;
}

/** One chat message as every platform adapter hands it to the core. */
export interface IncomingMessage {
  platform: Platform;
  /** the platform's message id: a message seen twice has effect once */
  messageId: string;
  /** the conversation: its platform id and display name; null for a private chat */
  group: { id: string; name: string } | null;
  sender: { id: string; name: string };
  text: string;
  mentions: Array<{ id: string; name: string }>;
  attachments: IncomingAttachment[];
  at: Date;
  /**
   * The bot was @-mentioned (or this is a private chat with it): whatever it says, it gets an
   * answer. Robots that only receive such messages (DingTalk, WeCom) always set it.
   */
  addressed?: boolean;
}

/** One outgoing message with its target resolved against the roster. */
export interface Delivery {
  kind: 'reply' | 'push';
  group: Group | null;
  person: Person | null;
  text: string;
  mentions: Person[];
  markdown?: boolean;
  title?: string;
  /** path of a file to send with it (export) */
  file?: string;
}

/**
 * How a delivery travels: which robot, webhook or account carries it (the key its rate limit is
 * kept under) and how much one message may hold there.
 */
export interface Route {
  /** one robot, webhook or account: `dingtalk:webhook:红星化工安全对接群` */
  target: string;
  /** the token bucket: refill per minute and size; the pair stays under the platform's limit */
  perMinute: number;
  burst: number;
  /** the longest text one message may carry, in UTF-8 bytes */
  maxBytes: number;
}

/**
 * The target cannot take messages now: the platform said "too fast" (DingTalk 130101, WeCom
 * 45009), or the account is logged out. The target pauses and nothing is lost or counted as a
 * failed try. `steady` pauses exactly `retryAfterMs` each time instead of backing off (a logged-out
 * account is polled, not punished).
 */
export class RateLimitedError extends Error {
  constructor(message: string, readonly retryAfterMs?: number, readonly steady = false) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** A chat platform, behind the one small interface the core knows. */
export interface Channel {
  readonly platform: Platform;
  /** Starts receiving; every message goes to `onMessage`. */
  start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /**
   * Sends one message; throws when the platform refused it (RateLimitedError when too fast).
   * The dispatcher has already cut the text to the route's `maxBytes`; a delivery with a file
   * and empty text is the file alone.
   */
  send(delivery: Delivery): Promise<void>;
  /** Where this delivery would go now; absent means one unlimited route (console, tests). */
  route?(delivery: Delivery): Route;
  stop(): Promise<void>;
}
