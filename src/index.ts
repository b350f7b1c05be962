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
export { hazardZeroPlugin, type HazardZeroPlugin, type HazardZeroPluginOptions, type HazardZeroHandle } from './app/wechaty-plugin.ts';
export { WechatyChannel, type WechatyChannelOptions } from './channels/wechaty-channel.ts';
export type { Channel, Route } from './core/channel.ts';
export type { Delivery, IncomingAttachment, IncomingMessage, OutgoingFile } from './core/messages.ts';
export { RateLimitedError } from './core/channel.ts';
export type { AppConfig } from './core/config.ts';
export type { Bot } from './app/bot.ts';
export type { OutgoingMessage } from './core/messages.ts';
export type { Group, Person, Platform } from './domain/types.ts';
