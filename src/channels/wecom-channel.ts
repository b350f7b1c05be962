import { extname } from 'node:path';
import { generateReqId, type BaseMessage, type WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { ConnectionTimeoutError, type Channel, type Route } from '../core/channel.ts';
import type { Delivery, IncomingAttachment, IncomingMessage } from '../core/messages.ts';
import { EvidenceHold } from './evidence-hold.ts';
import { asMarkdown } from './markdown-text.ts';
import { stripSelfMention } from './plain-text.ts';
import { RecentIds } from './recent-ids.ts';
import { postWeComWebhook, weComBody, weComFileBody, WECOM_MARKDOWN_BYTES, WECOM_TEXT_BYTES, type WeComMention } from './wecom-robot-webhook.ts';
import type { Logger } from '../core/logger.ts';
import { escapeMarkdown } from '../i18n/fit.ts';
import { zh } from '../i18n/zh-CN.ts';

export interface WeComChannelOptions {
  /** the AI bot's long connection (`new WSClient({ botId, secret })`; `wsUrl` points tests at loopback) */
  client: WSClient;
  /** group robot webhook keys by roster group name: pushes go through them and can mention */
  webhooks?: Readonly<Record<string, string>>;
  fetch?: typeof fetch;
  /** `https://qyapi.weixin.qq.com` unless a test says otherwise */
  webhookBase?: string;
  /** the AI bot's display names, removed from the text (WeCom keeps `@机器人` in it) */
  botNames?: readonly string[];
  clock?: () => Date;
  log?: Logger;
  /** how long one connection try may take to open and subscribe (20 s unless a test says otherwise) */
  connectTimeoutMs?: number;
}

/** A group robot takes 20 a minute: a bucket of 5 refilled at 15 a minute stays under it. */
const ROBOT_RATE = { perMinute: 15, burst: 5 } as const;
/** Room left in a message for `@姓名` tags the channel adds for people WeCom cannot mention. */
const MENTION_ROOM = 96;
/** A stream reply must finish within six minutes of the question: after five, other ways are used. */
const REPLY_WINDOW_MS = 5 * 60_000;
/** A stream reply holds up to 20,480 bytes. */
const STREAM_BYTES = 20_000;
/**
 * A subscription is one round trip once the socket is open; the SDK itself never gives up on an
 * unanswered one (its heartbeat only starts after it), so a try ends here.
 */
const CONNECT_TIMEOUT_MS = 20_000;

type Plan =
  | { kind: 'reply'; msgid: string; frame: WsFrame<BaseMessage> }
  | { kind: 'webhook'; name: string; key: string }
  | { kind: 'push'; chatid: string }
  | { kind: 'none'; where: string };

/**
 * The stream id of a reply: WeCom shows one message per stream id, so a retry of the same part
 * (the first try timed out after WeCom took it) updates that message instead of adding a second.
 * The question's msgid keeps it unique across databases; the outbox key across parts.
 */
function streamIdOf(frame: WsFrame<BaseMessage>, delivery: Delivery): string {
  if (!delivery.key || !frame.body?.msgid) return generateReqId('stream');
  return `stream_${frame.body.msgid}_${delivery.key}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * WeCom through the AI bot (智能机器人) long connection: group messages that @ the bot come in,
 * repeats are dropped by msgid. A reply goes back as the bot's answer to the question while it
 * is fresh; pushes, and replies that must mention someone, go through the group robot webhook
 * (`key`); where a group has no webhook the AI bot pushes markdown itself (no mentions).
 * WeCom gives userids, not names: people are bound by the roster's `wecom:` field.
 */
export class WeComChannel implements Channel {
  readonly platform = 'wecom' as const;
  readonly #recent = new RecentIds(10 * 60_000);
  readonly #hold = new EvidenceHold();
  /**
   * The questions this connection received, by msgid, for the reply window: the first reply naming
   * one answers it through its request; a question not here (another instance received it, or
   * this one before a restart) is answered by a push.
   */
  readonly #questions = new Map<string, { frame: WsFrame<BaseMessage>; at: number; answered: boolean }>();
  readonly #fetch: typeof fetch;
  readonly #base: string;
  readonly #clock: () => Date;
  #chain: Promise<void> = Promise.resolve();
  #listening = false;
  /** the long connection answered its subscription and has not closed since */
  #subscribed = false;
  /** ends a connection try still waiting (a stop during it) */
  #abandon: ((error: Error) => void) | null = null;

  constructor(private readonly options: WeComChannelOptions) {
    this.#fetch = options.fetch ?? fetch;
    this.#base = options.webhookBase ?? 'https://qyapi.weixin.qq.com';
    this.#clock = options.clock ?? (() => new Date());
  }

  async start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const { client } = this.options;
    // a start after a failed one (the lease asked for again) must not handle each message twice
    if (!this.#listening) {
      this.#listening = true;
      client.on('message', (frame) => {
        this.#chain = this.#chain
          .then(() => this.#receive(frame, onMessage))
          .catch((error: unknown) => this.options.log?.error({ err: error, msgid: frame.body?.msgid }, 'wecom message failed'));
      });
      client.on('authenticated', () => {
        this.#subscribed = true;
      });
      client.on('disconnected', () => {
        this.#subscribed = false;
      });
    }
    const timeoutMs = this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        client.off('authenticated', ok);
        client.off('error', fail);
        this.#abandon = null;
        if (!error) return resolve();
        // an open socket whose subscription went unanswered, or the SDK's own retries: end both,
        // so this try holds nothing (another instance may connect instead). The SDK handles the
        // ended socket's close later and would then drop (and reconnect over) a newer socket
        // opened before it: the try ends once that close is in, or after a second without one.
        const closed = new Promise<void>((settle) => {
          const gone = () => {
            clearTimeout(cap);
            settle();
          };
          const cap = setTimeout(() => {
            client.off('disconnected', gone);
            settle();
          }, 1_000);
          client.once('disconnected', gone);
        });
        client.disconnect();
        void closed.then(() => reject(error));
      };
      const ok = () => done();
      // a wrong secret fails every try: say so instead of waiting for ever
      const fail = (error: Error) => {
        if (/Authentication failed/.test(error.message)) done(new Error(`企业微信智能机器人认证失败，请检查 WECOM_BOT_ID / WECOM_BOT_SECRET：${error.message}`));
      };
      const timer = setTimeout(() => done(new ConnectionTimeoutError(`企业微信智能机器人长连接 ${timeoutMs / 1000} 秒内未完成订阅（连接或 aibot_subscribe 无应答）`)), timeoutMs);
      this.#abandon = done;
      client.on('authenticated', ok);
      client.on('error', fail);
      client.connect();
    });
  }

  async #receive(frame: WsFrame<BaseMessage>, onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const body = frame.body;
    if (!body) return;
    const now = this.#clock();
    if (this.#recent.seen(body.msgid, now)) return;
    const group = body.chattype === 'group' && body.chatid ? body.chatid : null;
    const userId = body.from.userid;
    const chat = group ? `g:${group}` : `u:${userId}`;

    let text = '';
    const files: IncomingAttachment[] = [];
    if (body.msgtype === 'text') text = (body['text'] as { content?: string } | undefined)?.content ?? '';
    else if (body.msgtype === 'voice') text = (body['voice'] as { content?: string } | undefined)?.content ?? '';
    else if (body.msgtype === 'mixed') {
      const items = (body['mixed'] as { msg_item?: Array<{ msgtype: string; text?: { content: string }; image?: { url: string; aeskey?: string } }> } | undefined)?.msg_item ?? [];
      for (const item of items) {
        if (item.msgtype === 'text' && item.text) text += item.text.content;
        if (item.msgtype === 'image' && item.image) files.push(await this.#download(item.image.url, item.image.aeskey, `${body.msgid}-${files.length + 1}.jpg`));
      }
    } else if (body.msgtype === 'image') {
      const image = body['image'] as { url: string; aeskey?: string } | undefined;
      if (image) this.#hold.put(chat, userId, await this.#download(image.url, image.aeskey, `${body.msgid}.jpg`), now);
      return;
    } else return;

    this.#remember(body.msgid, frame, now.getTime());
    text = stripSelfMention(text, this.options.botNames ?? []);
    // ids only, never the text: an admin reads chatids and userids here to fill in the roster
    this.options.log?.info({ chatid: group, userid: userId, msgid: body.msgid }, 'wecom message');
    await onMessage({
      platform: 'wecom',
      messageId: body.msgid,
      // WeCom does not say the group's name: a group not in the roster shows up under its chatid
      group: group ? { id: group, name: `企业微信群 ${group}` } : null,
      sender: { id: userId, name: userId },
      text,
      // the AI bot's callback has no mention list, and an `@张伟` typed in the text is no mention
      mentions: [],
      attachments: [...this.#hold.take(chat, userId, now), ...files],
      at: now,
      // a WeCom robot receives group messages only when @-mentioned, and private chats
      addressed: true,
    });
  }

  async #download(url: string, aeskey: string | undefined, fallbackName: string): Promise<IncomingAttachment> {
    const { buffer, filename } = await this.options.client.downloadFile(url, aeskey);
    const name = filename ?? fallbackName;
    const ext = extname(name).toLowerCase();
    const mime = ext === '.png' ? 'image/png' : ext === '.gif' ? 'image/gif' : 'image/jpeg';
    return { name, mime, data: buffer };
  }

  #remember(msgid: string, frame: WsFrame<BaseMessage>, at: number): void {
    // Map keeps arrival order: the oldest go first once past the reply window
    for (const [id, q] of this.#questions) {
      if (at - q.at < REPLY_WINDOW_MS) break;
      this.#questions.delete(id);
    }
    this.#questions.set(msgid, { frame, at, answered: false });
  }

  #question(msgid: string): WsFrame<BaseMessage> | null {
    const q = this.#questions.get(msgid);
    return q && !q.answered && this.#clock().getTime() - q.at < REPLY_WINDOW_MS ? q.frame : null;
  }

  #plan(d: Delivery): Plan {
    // a private chat: the roster person's userid, or a stranger's who wrote to the bot
    const userId = d.person ? d.person.wecomId : (d.accountId ?? null);
    const question = d.kind === 'reply' && !d.file && d.inReplyTo ? this.#question(d.inReplyTo) : null;
    const webhook = d.group ? this.options.webhooks?.[d.group.name] : undefined;
    if (question && d.inReplyTo && (d.mentions.length === 0 || !webhook)) return { kind: 'reply', msgid: d.inReplyTo, frame: question };
    if (webhook && d.group) return { kind: 'webhook', name: d.group.name, key: webhook };
    if (d.group?.wecomId) return { kind: 'push', chatid: d.group.wecomId };
    if (!d.group && userId) return { kind: 'push', chatid: userId };
    return { kind: 'none', where: d.group ? d.group.name : `私聊·${d.person?.name ?? '?'}` };
  }

  route(delivery: Delivery): Route {
    const plan = this.#plan(delivery);
    if (plan.kind === 'reply') return { target: 'wecom:aibot', perMinute: 30, burst: 10, maxBytes: STREAM_BYTES, markdown: true };
    if (plan.kind === 'webhook') {
      return { target: `wecom:webhook:${plan.name}`, ...ROBOT_RATE, maxBytes: (delivery.markdown ? WECOM_MARKDOWN_BYTES : WECOM_TEXT_BYTES) - MENTION_ROOM };
    }
    return { target: plan.kind === 'push' ? `wecom:aibot-push:${plan.chatid}` : 'wecom:none', ...ROBOT_RATE, maxBytes: WECOM_MARKDOWN_BYTES - MENTION_ROOM, markdown: true };
  }

  async send(delivery: Delivery): Promise<void> {
    const plan = this.#plan(delivery);
    if (plan.kind === 'none') throw new Error(zh.delivery.noRoute(plan.where));
    const mentions: WeComMention[] = delivery.mentions.map((p) => ({ name: p.name, userId: p.wecomId, mobile: p.mobile }));
    // the AI bot shows everything as markdown: plain text (user words in it) is escaped here
    const named = [...delivery.mentions.map((p) => `@${escapeMarkdown(p.name)}`), asMarkdown(delivery)].join(' ');

    if (delivery.file && !delivery.text.trim()) {
      const { file, ...rest } = delivery;
      if (plan.kind === 'webhook') return postWeComWebhook(this.#fetch, this.#base, plan.key, await weComFileBody(this.#fetch, this.#base, plan.key, file.name, file.data));
      if (plan.kind === 'push') {
        const image = ['.jpg', '.jpeg', '.png'].includes(extname(file.name).toLowerCase());
        const { media_id } = await this.options.client.uploadMedia(file.data, { type: image ? 'image' : 'file', filename: file.name });
        await this.options.client.sendMediaMessage(plan.chatid, image ? 'image' : 'file', media_id);
        return;
      }
      if (delivery.fileRepeatsText) return;
      return this.send({ ...rest, text: zh.delivery.fileNotSent(file.name) });
    }
    if (plan.kind === 'reply') {
      const question = this.#questions.get(plan.msgid);
      if (question) question.answered = true;
      await this.options.client.replyStream(plan.frame, streamIdOf(plan.frame, delivery), named, true);
      return;
    }
    if (plan.kind === 'webhook') return postWeComWebhook(this.#fetch, this.#base, plan.key, weComBody(delivery.text, mentions, delivery.markdown));
    await this.options.client.sendMessage(plan.chatid, { msgtype: 'markdown', markdown: { content: named } });
  }

  connectionState(): string {
    if (!this.options.client.isConnected) return 'disconnected';
    return this.#subscribed ? 'connected' : 'subscribing';
  }

  async stop(): Promise<void> {
    if (this.#abandon) this.#abandon(new Error('企业微信长连接：停止时连接尚未完成'));
    else this.options.client.disconnect();
    await this.#chain;
  }
}
