import { WSClient } from '@wecom/aibot-node-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WeComChannel } from '../../src/channels/wecom-channel.ts';
import type { Delivery, IncomingMessage } from '../../src/core/messages.ts';
import type { Group } from '../../src/domain/types.ts';
import { startFakeWeCom, type FakeWeCom, type WeComEvent } from '../helpers/fake-wecom.ts';

// A WeCom AI bot answers a question through the request it came with (its req_id), on the
// connection that received it. A reply names the message it answers (Delivery.inReplyTo): it goes
// back as that question's answer, never as the answer to a later question in the same chat; a
// question this connection never saw (received by an instance that died before answering) is
// answered by a push to the chat, once.

const BOT = { botId: 'aibot-hazard-zero', secret: 'test-bot-secret' };
const DEPT = 'wrDEPT0000000000';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const group: Group = { id: 1, name: '应急管理局监管群', unitId: null, purpose: 'department', wecomId: DEPT, dingtalkId: null, wechatId: null };

let fake: FakeWeCom;
const channels: WeComChannel[] = [];

beforeEach(async () => {
  fake = await startFakeWeCom({ ...BOT, webhookKeys: [] });
});

afterEach(async () => {
  for (const c of channels.splice(0)) await c.stop();
  await fake.close();
});

/** A channel on its own long connection, and the messages it received. */
async function connect(): Promise<{ channel: WeComChannel; received: IncomingMessage[] }> {
  const client = new WSClient({ ...BOT, wsUrl: fake.wsUrl, logger: silent, maxReconnectAttempts: 0 });
  const channel = new WeComChannel({ client });
  channels.push(channel);
  const received: IncomingMessage[] = [];
  await channel.start(async (m) => {
    received.push(m);
  });
  return { channel, received };
}

function ask(msgid: string, text: string): string {
  return fake.push('wecom/aibot-text-group.json', { msgid, chatid: DEPT, userid: 'wangjg', text });
}

const answer = (inReplyTo: string, text: string, key: string): Delivery => ({ kind: 'reply', group, person: null, text, mentions: [], inReplyTo, key });
const contentOf = (e: WeComEvent): string => ('body' in e ? (e.body.stream?.content ?? e.body.markdown?.content ?? '') : '');

describe('WeCom: a reply goes to the question it answers', () => {
  it('a question received by a connection that died unanswered is answered by a push; a later question keeps its own answer', async () => {
    const a = await connect();
    ask('msgid-1', '登记隐患：储罐区呼吸阀损坏');
    await vi.waitFor(() => expect(a.received).toHaveLength(1), { timeout: 10_000, interval: 20 });
    // the holder dies with the answer to msgid-1 written but not sent; another connects
    await a.channel.stop();
    const b = await connect();
    const secondReq = ask('msgid-2', '查询 YH-0001');
    await vi.waitFor(() => expect(b.received).toHaveLength(1), { timeout: 10_000, interval: 20 });

    // the older answer goes out first (the outbox's order)
    await b.channel.send(answer('msgid-1', '已登记 YH-0001', 'outbox:1#1/1'));
    await b.channel.send(answer('msgid-2', 'YH-0001 整改中', 'outbox:2#1/1'));
    const sends = fake.sends();
    expect(sends.map((e) => [e.type, contentOf(e)])).toEqual([['push', '已登记 YH-0001'], ['reply', 'YH-0001 整改中']]);
    expect(sends[0]).toMatchObject({ body: { chatid: DEPT, msgtype: 'markdown' } });
    expect(sends[1]).toMatchObject({ reqId: secondReq, body: { stream: { finish: true } } });
  });

  it('answers each of two questions in one chat through its own request, whatever order the answers leave in', async () => {
    const { channel, received } = await connect();
    const first = ask('msgid-1', '查询 YH-0001');
    const second = ask('msgid-2', '查询 YH-0002');
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000, interval: 20 });
    await channel.send(answer('msgid-1', '一号', 'outbox:1#1/1'));
    await channel.send(answer('msgid-2', '二号', 'outbox:2#1/1'));
    // a second reply to the same question (another part) is a push: a request is answered once
    await channel.send(answer('msgid-2', '二号续', 'outbox:3#1/1'));
    expect(fake.sends().map((e) => [e.type, 'reqId' in e ? e.reqId : null, contentOf(e)])).toEqual([
      ['reply', first, '一号'], ['reply', second, '二号'], ['push', null, '二号续'],
    ]);
  });
});
