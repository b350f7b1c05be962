// The channel port and the message types live in src/core; kept here so adapters' imports hold.
export type { Channel, Route } from '../core/channel.ts';
export { RateLimitedError } from '../core/channel.ts';
export type { Delivery, IncomingAttachment, IncomingMessage } from '../core/messages.ts';
