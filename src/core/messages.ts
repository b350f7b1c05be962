// The messages every layer passes around: what comes in from a platform, what the bot decides
// to say (OutgoingMessage, kept in the outbox) and what a channel is asked to send (Delivery).
import type { CardData } from '../domain/card.ts';
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
  /**
   * Who wrote it. `id` is the platform's account id, the only thing that proves who someone is;
   * `name` is a display name anyone can set. `durableId` is what identifies the account across
   * logins where `id` does not (WeChat via wechat4u: `weixin:<微信号>` or `remark:<备注>`).
   */
  sender: { id: string; name: string; durableId?: string };
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

/**
 * A file the bot sends after a message's text (an export, a chart card): its name as the chat
 * shows it, and its bytes. It travels with the message through the outbox (`OutboxFile`), never
 * as a path, so whichever instance sends the message has it.
 */
export interface OutgoingFile {
  name: string;
  data: Buffer;
}

/** One outgoing message with its target resolved against the roster. */
export interface Delivery {
  kind: 'reply' | 'push';
  group: Group | null;
  person: Person | null;
  /** a private chat with an account the roster does not name: its id on the channel's platform */
  accountId?: string;
  /**
   * What recognises `person`'s WeChat account across wechat4u logins (`weixin:…` 微信号 or
   * `remark:…` the bot's 备注), when known: a private send finds them by it, never by nickname.
   */
  personKey?: string;
  text: string;
  mentions: Person[];
  /**
   * The text is markdown the bot composed, every user-written piece in it escaped
   * (`inlineMarkdown`); without it the text is plain and a markdown route escapes all of it.
   */
  markdown?: boolean;
  title?: string;
  /** a file to send with it (an export, a chart card) */
  file?: OutgoingFile;
  /**
   * The file only shows what the text says (a chart card): where the platform cannot carry it
   * (a DingTalk custom robot takes no upload), the text goes alone, with no 〔附件…〕 notice.
   */
  fileRepeatsText?: boolean;
  /**
   * The platform id of the message this reply answers (`IncomingMessage.messageId`): a platform
   * that answers through the question's own request (WeCom's AI bot) answers that one, never a
   * later question in the same chat; one it never received (another instance did) gets a push.
   */
  inReplyTo?: string;
  /**
   * Which outbox entries and which part this is (`outbox:12#2/3`, `outbox:7+8#1/1` for a merged
   * burst): the same on every try, so a platform with an idempotency key can be given it.
   */
  key?: string;
}

/** What the bot says: a reply in the group it was asked in, or a push to a group or person. */
export interface OutgoingMessage {
  kind: 'reply' | 'push';
  groupId: number | null;
  personId: number | null;
  /**
   * A private chat with an account the roster does not name (groupId and personId null): the
   * stranger told how to be added. Nothing else about the account is kept.
   */
  account?: { platform: Platform; id: string };
  text: string;
  /** person ids to @-mention */
  mentions: number[];
  extra?: {
    markdown?: boolean; late?: boolean; job?: string; title?: string;
    /**
     * the name of the file sent after the text, set by the outbox when it keeps `file`'s bytes
     * (an entry queued before the outbox kept bytes holds a path here, and has none: sent as a notice)
     */
    file?: string;
    /** a reply: the platform id of the message it answers (Delivery.inReplyTo) */
    inReplyTo?: string;
    /** parts of a split message already sent: a retry resumes after them (set by the dispatcher) */
    partsSent?: number;
    /** a chart card sent after the text, drawn by the dispatcher from these figures (frozen when written) */
    card?: CardData;
  };
  /** a push with a key is sent at most once, ever */
  dedupeKey?: string;
  /**
   * A file sent after the text: its bytes are kept beside the outbox row, in the transaction that
   * writes it, and read back only to send it (never in the entries the outbox reads).
   */
  file?: OutgoingFile;
}
