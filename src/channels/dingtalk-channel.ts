import { TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Channel, Route } from '../core/channel.ts';
import type { Delivery, IncomingAttachment, IncomingMessage, OutgoingFile } from '../core/messages.ts';
import { DingTalkOpenApi, type DingTalkApiMessage } from './dingtalk-openapi.ts';
import { customRobotUrl, dingTalkBody, postRobotMessage, type DingTalkMention, type DingTalkWebhook } from './dingtalk-robot-webhook.ts';
import { EvidenceHold } from './evidence-hold.ts';
import { mentionedNames, stripSelfMention } from './plain-text.ts';
import { RecentIds } from './recent-ids.ts';
import type { Logger } from '../core/logger.ts';
import { zh } from '../i18n/zh-CN.ts';

/** What the channel needs of the Stream client (dingtalk-stream's DWClient, or a test's). */
export interface DingTalkStream {
  registerCallbackListener(topic: string, callback: (frame: DWClientDownStream) => void): unknown;
  socketCallBackResponse(messageId: string, result: unknown): void;
  connect(): Promise<void>;
  disconnect(): void;
  /** dingtalk-stream's DWClient keeps these; a test's stream may not */
  readonly connected?: boolean;
  readonly reconnecting?: boolean;
}

/** A robot message as the Stream callback carries it (机器人接收消息), the fields we read. */
export interface DingTalkRobotMessage {
  msgId: string;
  msgtype: 'text' | 'richText' | 'picture' | string;
  conversationId: string;
  /** '1' a private chat, '2' a group */
  conversationType: string;
  conversationTitle?: string;
  senderId: string;
  senderStaffId?: string;
  senderNick: string;
  chatbotUserId: string;
  atUsers?: Array<{ dingtalkId: string; staffId?: string }>;
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
  createAt: number;
  text?: { content: string };
  content?: {
    downloadCode?: string;
    richText?: Array<{ text?: string; downloadCode?: string; type?: string }>;
  };
}

export interface DingTalkChannelOptions {
  stream: DingTalkStream;
  /** the app robot's OpenAPI: downloads, and sends where no webhook serves */
  api: DingTalkOpenApi;
  /** custom robots (自定义机器人) by roster group name: pushes go through them and can mention */
  webhooks?: Readonly<Record<string, DingTalkWebhook>>;
  fetch?: typeof fetch;
  oapiBase?: string;
  /** the robot's display names, removed from texts where DingTalk left them */
  botNames?: readonly string[];
  clock?: () => Date;
  log?: Logger;
}

/** DingTalk robots take 20 messages a minute; a bucket of 5 refilled at 15 a minute stays under it in any minute. */
const ROBOT_RATE = { perMinute: 15, burst: 5 } as const;
/** The OpenAPI's message parameter is capped at 15,000 bytes; the robots take about as much. */
export const DINGTALK_MAX_BYTES = 15_000;
/** A session webhook is not used in its last minute: the send may take that long. */
const SESSION_MARGIN_MS = 60_000;

type Plan =
  | { kind: 'session'; key: string; url: string }
  | { kind: 'webhook'; name: string; webhook: DingTalkWebhook }
  | { kind: 'group-api'; openConversationId: string }
  | { kind: 'user-api'; userId: string }
  | { kind: 'none'; where: string };

/**
 * DingTalk through the app robot's Stream mode (no public address): each callback is
 * acknowledged at once and handled after, repeats within the window are dropped by msgId.
 * Replies go through the message's session webhook while it lives (about 90 minutes); pushes
 * through the group's custom robot (signed), which can mention; the OpenAPI serves where neither
 * does.
 */
export class DingTalkChannel implements Channel {
  readonly platform = 'dingtalk' as const;
  readonly #recent = new RecentIds(10 * 60_000);
  readonly #hold = new EvidenceHold();
  /** session webhooks by conversation (`g:<conversationId>`) or person (`u:<userId>`) */
  readonly #sessions = new Map<string, { url: string; expiresAt: number }>();
  readonly #fetch: typeof fetch;
  readonly #oapiBase: string;
  readonly #clock: () => Date;
  #chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: DingTalkChannelOptions) {
    this.#fetch = options.fetch ?? fetch;
    this.#oapiBase = options.oapiBase ?? 'https://oapi.dingtalk.com';
    this.#clock = options.clock ?? (() => new Date());
  }

  async start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.options.stream.registerCallbackListener(TOPIC_ROBOT, (frame) => {
      // acknowledged once handled — its records and replies committed, or answered with a failure
      // notice — never before: a process killed or cut off from the database in between leaves it
      // unacknowledged, and DingTalk delivers it again, maybe to another instance (the database's
      // processed-message log makes that repeat a no-op if it did land).
      this.#chain = this.#chain
        .then(() => this.#receive(frame, onMessage))
        .then(
          () => this.options.stream.socketCallBackResponse(frame.headers.messageId, { status: 'SUCCESS' }),
          (error: unknown) => this.options.log?.error({ err: error, messageId: frame.headers.messageId }, 'dingtalk message failed: left unacknowledged, DingTalk delivers it again'),
        )
        // an acknowledgement on a socket that just closed: DingTalk redelivers, the ledger dedupes
        .catch((error: unknown) => this.options.log?.warn({ err: error }, 'dingtalk ack failed'));
    });
    await this.options.stream.connect();
  }

  async #receive(frame: DWClientDownStream, onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const message = JSON.parse(frame.data) as DingTalkRobotMessage;
    const now = this.#clock();
    if (this.#recent.seen(message.msgId, now)) return;
    try {
      await this.#handle(message, now, onMessage);
    } catch (error) {
      // not handled: the redelivery must not be taken for a repeat
      this.#recent.forget(message.msgId);
      throw error;
    }
  }

  async #handle(message: DingTalkRobotMessage, now: Date, onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const group = message.conversationType === '2';
    const senderId = message.senderStaffId || message.senderId;
    this.#sessions.set(group ? `g:${message.conversationId}` : `u:${senderId}`, { url: message.sessionWebhook, expiresAt: message.sessionWebhookExpiredTime });

    let text = '';
    const files: IncomingAttachment[] = [];
    if (message.msgtype === 'text') text = message.text?.content ?? '';
    else if (message.msgtype === 'richText') {
      for (const item of message.content?.richText ?? []) {
        if (item.text) text += item.text;
        else if (item.downloadCode) files.push(await this.#download(item.downloadCode, `${message.msgId}-${files.length + 1}.jpg`));
      }
    } else if (message.msgtype === 'picture' && message.content?.downloadCode) {
      this.#hold.put(message.conversationId, senderId, await this.#download(message.content.downloadCode, `${message.msgId}.jpg`), now);
      return;
    } else return;

    // ids only, never the text: an admin reads conversation ids and userIds here for the roster
    this.options.log?.info({ conversationId: message.conversationId, title: message.conversationTitle, userId: senderId, msgId: message.msgId }, 'dingtalk message');
    text = stripSelfMention(text, this.options.botNames ?? []);
    // only DingTalk's own list (atUsers) is a mention: an `@张伟` typed into the text is not.
    // The list has ids, not names; the names written in the text label it only when they pair
    // one to one, else the core names each by its id from the roster.
    const others = (message.atUsers ?? []).filter((u) => u.dingtalkId !== message.chatbotUserId);
    const names = mentionedNames(text);
    const paired = names.length === others.length;
    await onMessage({
      platform: 'dingtalk',
      messageId: message.msgId,
      group: group ? { id: message.conversationId, name: message.conversationTitle ?? message.conversationId } : null,
      sender: { id: senderId, name: message.senderNick },
      text,
      mentions: others.map((u, i) => ({ id: u.staffId || u.dingtalkId, name: paired ? (names[i] ?? '') : '' })),
      attachments: [...this.#hold.take(message.conversationId, senderId, now), ...files],
      at: new Date(message.createAt),
      // a DingTalk robot receives group messages only when @-mentioned, and private chats
      addressed: true,
    });
  }

  async #download(downloadCode: string, name: string): Promise<IncomingAttachment> {
    const { data, mime } = await this.options.api.download(downloadCode);
    return { name, mime, data };
  }

  #session(key: string): string | null {
    const s = this.#sessions.get(key);
    return s && s.expiresAt - SESSION_MARGIN_MS > this.#clock().getTime() ? s.url : null;
  }

  /** Which way a delivery goes now (see the class comment for the order). */
  #plan(d: Delivery): Plan {
    if (d.group) {
      const session = d.group.dingtalkId ? this.#session(`g:${d.group.dingtalkId}`) : null;
      const webhook = this.options.webhooks?.[d.group.name];
      const sessionPlan = session && d.group.dingtalkId ? { kind: 'session' as const, key: `g:${d.group.dingtalkId}`, url: session } : null;
      const webhookPlan = webhook ? { kind: 'webhook' as const, name: d.group.name, webhook } : null;
      const first = d.kind === 'reply' ? (sessionPlan ?? webhookPlan) : (webhookPlan ?? sessionPlan);
      if (first) return first;
      if (d.group.dingtalkId) return { kind: 'group-api', openConversationId: d.group.dingtalkId };
      return { kind: 'none', where: d.group.name };
    }
    // a private chat: the roster person's account, or a stranger's who wrote to the bot
    const userId = d.person ? d.person.dingtalkId : (d.accountId ?? null);
    if (userId) {
      const session = this.#session(`u:${userId}`);
      return session ? { kind: 'session', key: `u:${userId}`, url: session } : { kind: 'user-api', userId };
    }
    return { kind: 'none', where: d.person ? `私聊·${d.person.name}` : '?' };
  }

  route(delivery: Delivery): Route {
    const plan = this.#plan(delivery);
    const target = plan.kind === 'session' ? `dingtalk:session:${plan.key}`
      : plan.kind === 'webhook' ? `dingtalk:webhook:${plan.name}`
      : plan.kind === 'group-api' ? `dingtalk:api:${plan.openConversationId}`
      : plan.kind === 'user-api' ? `dingtalk:api:u:${plan.userId}`
      : 'dingtalk:none';
    return { target, ...ROBOT_RATE, maxBytes: DINGTALK_MAX_BYTES };
  }

  async send(delivery: Delivery): Promise<void> {
    const plan = this.#plan(delivery);
    if (plan.kind === 'none') throw new Error(zh.delivery.noRoute(plan.where));
    if (delivery.file && !delivery.text.trim()) return this.#sendFile(delivery, delivery.file);

    const mentions: DingTalkMention[] = delivery.mentions.map((p) => ({ name: p.name, userId: p.dingtalkId, mobile: p.mobile }));
    const look = { ...(delivery.markdown ? { markdown: true } : {}), ...(delivery.title ? { title: delivery.title } : {}) };
    if (plan.kind === 'session') return postRobotMessage(this.#fetch, plan.url, dingTalkBody(delivery.text, mentions, look));
    if (plan.kind === 'webhook') return postRobotMessage(this.#fetch, customRobotUrl(this.#oapiBase, plan.webhook, new Date()), dingTalkBody(delivery.text, mentions, look));

    // the OpenAPI cannot mention: names are written out
    const named = [...delivery.mentions.map((p) => `@${p.name}`), delivery.text].join(' ');
    const message: DingTalkApiMessage = delivery.markdown
      ? { msgKey: 'sampleMarkdown', msgParam: { title: delivery.title ?? '隐患清零', text: named } }
      : { msgKey: 'sampleText', msgParam: { content: named } };
    if (plan.kind === 'group-api') return this.options.api.sendToGroup(plan.openConversationId, message);
    return this.options.api.sendToUsers([plan.userId], message);
  }

  /** Files go as media through the OpenAPI; where it cannot reach, the chat is told instead. */
  async #sendFile(delivery: Delivery, file: OutgoingFile): Promise<void> {
    const { file: _file, ...rest } = delivery;
    const groupId = delivery.group?.dingtalkId;
    const userId = delivery.person?.dingtalkId;
    if (!groupId && !userId) {
      // a custom robot takes images only by a public https URL, which a card file does not have
      if (delivery.fileRepeatsText) return;
      return this.send({ ...rest, text: zh.delivery.fileNotSent(file.name) });
    }
    const message = await this.options.api.fileMessage(file.name, file.data);
    if (groupId) return this.options.api.sendToGroup(groupId, message);
    return this.options.api.sendToUsers([userId ?? ''], message);
  }

  connectionState(): string {
    const { connected, reconnecting } = this.options.stream;
    if (connected === undefined) return 'unknown';
    return connected ? 'connected' : reconnecting ? 'reconnecting' : 'disconnected';
  }

  async stop(): Promise<void> {
    this.options.stream.disconnect();
    await this.#chain;
  }
}
