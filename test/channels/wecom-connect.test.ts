import { WSClient } from '@wecom/aibot-node-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WeComChannel } from '../../src/channels/wecom-channel.ts';
import { ConnectionTimeoutError } from '../../src/core/channel.ts';
import type { IncomingMessage } from '../../src/core/messages.ts';
import { startFakeWeCom, type FakeWeCom } from '../helpers/fake-wecom.ts';

// A WeCom long connection whose socket opens but whose subscription is never answered: the SDK
// would wait for ever (its heartbeat starts only once subscribed). A try ends after its timeout
// and holds nothing, so the caller can try again, or let another instance connect
// (test/app/connection-handover.test.ts runs that with processes on PostgreSQL).

const BOT = { botId: 'aibot-hazard-zero', secret: 'test-bot-secret' };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let fake: FakeWeCom;
let client: WSClient;
let channel: WeComChannel;
const received: IncomingMessage[] = [];
const onMessage = async (message: IncomingMessage) => {
  received.push(message);
};

beforeEach(async () => {
  received.length = 0;
  fake = await startFakeWeCom({ ...BOT, webhookKeys: [] });
  client = new WSClient({ ...BOT, wsUrl: fake.wsUrl, logger: silent, maxReconnectAttempts: -1 });
  channel = new WeComChannel({ client, connectTimeoutMs: 300 });
});

afterEach(async () => {
  await channel.stop();
  await fake.close();
});

describe('WeCom: a connection try nobody answers', () => {
  it('ends after its timeout with the socket closed; the next try connects and each message is handled once', async () => {
    fake.mute = true;
    await expect(channel.start(onMessage)).rejects.toThrow(ConnectionTimeoutError);
    // the socket had opened and sent its subscription, which went unanswered; now it is closed
    expect(fake.events).toContainEqual({ type: 'unanswered', cmd: 'aibot_subscribe' });
    expect(client.isConnected).toBe(false);
    expect(channel.connectionState()).toBe('disconnected');

    fake.mute = false;
    await channel.start(onMessage);
    expect(channel.connectionState()).toBe('connected');
    fake.push('wecom/aibot-text-group.json', { msgid: 'msgid-1', chatid: 'wrDEPT0000000000', userid: 'wangjg', text: '帮助' });
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 20 });
    // a second message proves the first was not queued twice behind it
    fake.push('wecom/aibot-text-group.json', { msgid: 'msgid-2', chatid: 'wrDEPT0000000000', userid: 'wangjg', text: '帮助' });
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000, interval: 20 });
    expect(received.map((m) => m.messageId)).toEqual(['msgid-1', 'msgid-2']);
  });

  it('a stop during a try ends the try at once', async () => {
    channel = new WeComChannel({ client, connectTimeoutMs: 60_000 });
    fake.mute = true;
    const starting = channel.start(onMessage);
    await vi.waitFor(() => expect(fake.events).toContainEqual({ type: 'unanswered', cmd: 'aibot_subscribe' }), { timeout: 10_000, interval: 20 });
    await channel.stop();
    await expect(starting).rejects.toThrow('停止');
    expect(client.isConnected).toBe(false);
  });
});
