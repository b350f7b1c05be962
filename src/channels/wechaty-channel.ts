import { extname } from 'node:path';
import { FileBox } from 'file-box';
import { types, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import { RateLimitedError, type Channel, type Route } from '../core/channel.ts';
import { type Delivery, type IncomingAttachment, type IncomingMessage } from '../core/messages.ts';
import { EvidenceHold } from './evidence-hold.ts';
import { markdownToPlain, stripSelfMention } from './plain-text.ts';
import { RecentIds } from './recent-ids.ts';
import type { Logger } from '../core/logger.ts';
import type { Person } from '../domain/types.ts';

export interface WechatyChannelOptions {
  wechaty: Wechaty;
  log?: Logger;
  /** the time a message is stamped with; the message's own time when absent */
  clock?: () => Date;
  /** a personal account is banned for bulk sending: a gentle pace by default (12 a minute, 3 at once) */
  rate?: { perMinute: number; burst: number };
  /** how long a photo sent alone waits for the sender's next text */
  evidenceHoldMs?: number;
}

/** A WeChat message is long, but a wall of text is not read: cut at about 2,000 Chinese characters. */
export const WECHAT_MAX_BYTES = 6_000;

const MIME_BY_EXT: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp',
  '.pdf': 'application/pdf', '.mp4': 'video/mp4',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The logged-in account, or null (before a puppet is set, asking throws). */
export function currentAccount(wechaty: Wechaty): Contact | null {
  try {
    return wechaty.isLoggedIn ? wechaty.currentUser : null;
  } catch {
    return null;
  }
}

/**
 * What identifies a WeChat account across logins, where the puppet shows it. wechat4u hands out
 * new contact ids at every login; its contact payload carries the 微信号 (`weixin`, often empty on
 * the web protocol) and the 备注 (`alias`), which only the bot's own account can set and which the
 * WeChat server keeps. A room nickname (群昵称) is set by the member and proves nothing.
 */
export async function durableIdOf(contact: Contact): Promise<string | undefined> {
  const weixin = contact.handle() ?? contact.payload?.weixin;
  if (weixin) return `weixin:${weixin}`;
  const remark = (await contact.alias())?.trim();
  return remark ? `remark:${remark}` : undefined;
}

const withDurableId = (durableId: string | undefined) => (durableId ? { durableId } : {});

/** Message types whose file is kept as evidence. */
const FILE_TYPES = new Set([types.Message.Image, types.Message.Attachment, types.Message.Video]);

/**
 * WeChat (personal, through wechaty-puppet-wechat4u) and WeCom accounts (through the puppet
 * service), via a Wechaty the caller built and starts. Ignores the bot's own messages and
 * repeats; a photo sent alone is held for the sender's next text; rooms are found by id and
 * else by topic, because wechat4u ids change on every login.
 */
export class WechatyChannel implements Channel {
  readonly platform = 'wechaty' as const;
  readonly #wechaty: Wechaty;
  readonly #recent = new RecentIds();
  readonly #hold: EvidenceHold;
  readonly #rate: { perMinute: number; burst: number };
  #listener: ((message: Message) => void) | null = null;
  #chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: WechatyChannelOptions) {
    this.#wechaty = options.wechaty;
    this.#hold = new EvidenceHold(options.evidenceHoldMs);
    this.#rate = options.rate ?? { perMinute: 12, burst: 3 };
  }

  async start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    // messages are handled one after another, in arrival order: a photo before its text
    this.#listener = (message) => {
      this.#chain = this.#chain
        .then(() => this.#receive(message, onMessage))
        .catch((error: unknown) => this.options.log?.error({ err: error, messageId: message.id }, 'wechaty message failed'));
    };
    this.#wechaty.on('message', this.#listener);
  }

  async #receive(message: Message, onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    if (message.self()) return;
    const at = this.options.clock?.() ?? message.date();
    if (this.#recent.seen(message.id, at)) return;
    const room = message.room();
    const talker = message.talker();
    const chat = room?.id ?? `dm:${talker.id}`;

    if (FILE_TYPES.has(message.type())) {
      const box = await message.toFileBox();
      const data = await box.toBuffer();
      const mime = box.mediaType && box.mediaType !== 'application/octet-stream' ? box.mediaType : (MIME_BY_EXT[extname(box.name).toLowerCase()] ?? 'application/octet-stream');
      this.#hold.put(chat, talker.id, { name: box.name, mime, data }, at);
      return;
    }
    if (message.type() !== types.Message.Text) return;

    const self = currentAccount(this.#wechaty);
    const selfNames = [self?.name() ?? '', room && self ? ((await room.alias(self)) ?? '') : ''];
    const mentioned = room ? await this.#mentionList(message) : [];
    const attachments: IncomingAttachment[] = this.#hold.take(chat, talker.id, at);
    const text = stripSelfMention(message.text(), selfNames);
    // a personal account sees every message of its groups: only a mention or a private chat is addressed to it
    const addressed = !room || mentioned.some((c) => c.id === self?.id) || text !== message.text().trim();
    await onMessage({
      platform: 'wechaty',
      messageId: message.id,
      group: room ? { id: room.id, name: await room.topic() } : null,
      // the room alias (群昵称) is usually the real name in work groups
      sender: { id: talker.id, name: (room && (await room.alias(talker))) || talker.name(), ...withDurableId(await durableIdOf(talker)) },
      text,
      mentions: mentioned.filter((c) => c.id !== self?.id).map((c) => ({ id: c.id, name: c.name() })),
      attachments,
      at,
      addressed,
    });
  }

  /**
   * The people the puppet says were mentioned (`mentionIdList`). Wechaty's own fallback, which
   * reads `@名字` out of the text, is not used: typed text is no mention. wechat4u fills the list
   * from the text itself (the web protocol carries none), so there a typed @ still counts.
   */
  async #mentionList(message: Message): Promise<Contact[]> {
    const payload = message.payload;
    const ids: readonly string[] = payload && 'mentionIdList' in payload ? (payload.mentionIdList ?? []) : [];
    const contacts = await Promise.all(ids.map((id) => this.#wechaty.Contact.find({ id }).catch(() => undefined)));
    return contacts.filter((c): c is Contact => c !== undefined);
  }

  route(): Route {
    const account = currentAccount(this.#wechaty)?.id ?? 'account';
    return { target: `wechaty:${account}`, ...this.#rate, maxBytes: WECHAT_MAX_BYTES };
  }

  /**
   * The room of a roster group: by its bound id, else by topic (ids change on every wechat4u
   * login) — but only when exactly one room has that topic: anyone can create a room with the
   * leaders' group's name and pull the bot in.
   */
  async findRoom(group: { name: string; wechatId: string | null }): Promise<Room | undefined> {
    if (group.wechatId) {
      const byId = await this.#wechaty.Room.find({ id: group.wechatId }).catch(() => undefined);
      if (byId) return byId;
    }
    const titled = await this.#wechaty.Room.findAll({ topic: group.name });
    if (titled.length > 1) this.options.log?.warn({ group: group.name, rooms: titled.length }, 'several rooms share a roster group\'s topic: none is used');
    return titled.length === 1 ? titled[0] : undefined;
  }

  async #member(room: Room, person: Person): Promise<Contact | undefined> {
    if (person.wechatId) {
      const members = await room.memberAll();
      const byId = members.find((c) => c.id === person.wechatId);
      if (byId) return byId;
    }
    return (await room.member({ roomAlias: person.name })) ?? (await room.member({ name: person.name }));
  }

  /**
   * The contact a private message goes to: by this login's id; else (a wechat4u re-login) by what
   * survives it, the 微信号 or the bot's 备注, as a sender is recognised; else, for a unit contact
   * only, by nickname when exactly one contact wears it. Never by nickname for anyone privileged:
   * a claim code or a county notice must not reach a stranger who took the same name.
   */
  async #contact(person: Person, key: string | undefined): Promise<Contact | undefined> {
    if (person.wechatId) {
      const byId = await this.#wechaty.Contact.find({ id: person.wechatId }).catch(() => undefined);
      if (byId) return byId;
    }
    if (key) {
      for (const contact of await this.#wechaty.Contact.findAll()) {
        if ((await durableIdOf(contact)) === key) return contact;
      }
    }
    if (person.role !== 'contact') return undefined;
    const named = await this.#wechaty.Contact.findAll({ name: person.name });
    return named.length === 1 ? named[0] : undefined;
  }

  async send(delivery: Delivery): Promise<void> {
    // logged out (the phone logged out, the session expired): wait for the new scan, spend no tries
    if (!currentAccount(this.#wechaty)) throw new RateLimitedError('微信账号未登录，等待扫码登录后发送', 30_000, true);
    const text = delivery.markdown ? markdownToPlain(delivery.text) : delivery.text;
    // a file is sent as base64: the FileBox every puppet can carry
    const file = delivery.file ? FileBox.fromBase64(delivery.file.data.toString('base64'), delivery.file.name) : null;
    if (delivery.group) {
      const room = await this.findRoom(delivery.group);
      if (!room) throw new Error(`找不到微信群「${delivery.group.name}」：机器人账号不在群里，或群名与名册不一致`);
      if (text.trim()) {
        const contacts: Contact[] = [];
        const unreachable: string[] = [];
        for (const person of delivery.mentions) {
          const contact = await this.#member(room, person);
          if (contact) contacts.push(contact);
          else unreachable.push(`@${person.name}`);
        }
        // someone not found in the room is still named, so the message reads right
        await room.say([...unreachable, text].join(' '), ...contacts);
      }
      if (file) await room.say(file);
      return;
    }
    if (delivery.person) {
      const contact = await this.#contact(delivery.person, delivery.personKey);
      // the reason reaches the admins (【发送失败】): say what would make the account known again
      if (!contact) throw new Error(`找不到微信联系人「${delivery.person.name}」：本次登录后此人还没发过消息，名册里也没有其微信号、机器人也没给其设备注（为免发给同名的人，不按昵称查找）。请本人先发一条消息`);
      if (text.trim()) await contact.say(text);
      if (file) await contact.say(file);
      return;
    }
    if (delivery.accountId) {
      // a stranger who wrote privately: by this login's id only (after a re-login the reply is moot)
      const contact = await this.#wechaty.Contact.find({ id: delivery.accountId }).catch(() => undefined);
      if (!contact) throw new Error(`找不到微信联系人（${delivery.accountId}）：对方不在名册中，本次登录后已找不到这个账号`);
      if (text.trim()) await contact.say(text);
      return;
    }
    throw new Error('消息没有收件群或收件人');
  }

  canSend(): boolean {
    return currentAccount(this.#wechaty) !== null;
  }

  connectionState(): string {
    return this.canSend() ? 'logged-in' : 'logged-out';
  }

  async stop(): Promise<void> {
    if (this.#listener) this.#wechaty.off('message', this.#listener);
    this.#listener = null;
    await this.#chain;
  }
}
