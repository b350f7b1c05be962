/**
 * 隐患清零 · Hazard Zero as a package: the Wechaty plugin and the types a host needs.
 *
 * ```ts
 * import { WechatyBuilder } from 'wechaty';
 * import { hazardZeroPlugin } from 'hazard-zero';
 * const bot = WechatyBuilder.build({ name: 'hazard-zero' });
 * bot.use(hazardZeroPlugin({ roster: 'roster.yaml' }));
 * await bot.start();
 * ```
 */
export { hazardZeroPlugin, type HazardZeroPlugin, type HazardZeroPluginOptions, type HazardZeroHandle } from './channels/wechaty-plugin.ts';
export { WechatyChannel, type WechatyChannelOptions } from './channels/wechaty-channel.ts';
export type { Channel, Delivery, IncomingAttachment, IncomingMessage, Route } from './channels/channel.ts';
export { RateLimitedError } from './channels/channel.ts';
export type { AppConfig } from './app/config.ts';
export type { Bot } from './app/bot.ts';
export type { OutgoingMessage } from './db/outbox-repository.ts';
export type { Group, Person, Platform } from './domain/types.ts';
