// The port every chat platform's adapter implements; the core knows nothing else of them.
import type { Platform } from '../domain/types.ts';
import type { Delivery, IncomingMessage } from './messages.ts';

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
  /**
   * The platform shows every text on this route as markdown (WeCom's stream replies and AI bot
   * pushes): a plain delivery is escaped (`escapeMarkdown`) before it is measured and cut.
   */
  markdown?: boolean;
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

/**
 * A connection try that got no answer in time (a socket that opened but whose login or
 * subscription was never answered, or no socket at all). Not a refusal: trying again later may work.
 */
export class ConnectionTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionTimeoutError';
  }
}

/** A chat platform, behind the one small interface the core knows. */
export interface Channel {
  readonly platform: Platform;
  /**
   * Starts receiving; every message goes to `onMessage`. Throws when it cannot connect
   * (ConnectionTimeoutError: nothing answered in time), holding no connection then; it may be
   * called again after such a throw.
   */
  start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /**
   * Sends one message; throws when the platform refused it (RateLimitedError when too fast).
   * The dispatcher has already cut the text to the route's `maxBytes`; a delivery with a file
   * and empty text is the file alone.
   */
  send(delivery: Delivery): Promise<void>;
  /** Where this delivery would go now; absent means one unlimited route (console, tests). */
  route?(delivery: Delivery): Route;
  /**
   * False while the platform can take no message at all (a WeChat account logged out): a delivery
   * pass then leaves the outbox untouched until it can. Absent means always true.
   */
  canSend?(): boolean;
  /** How the connection to the platform stands now, in a word or two (运行状态): connected, reconnecting … */
  connectionState?(): string;
  stop(): Promise<void>;
}
