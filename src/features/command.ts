import type { z } from 'zod';
import type { AppConfig } from '../core/config.ts';
import type { IncomingMessage, OutgoingFile } from '../core/messages.ts';
import type { Draft } from '../db/draft-repository.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import type { AttachmentInput, Group, LocalDate, Person, Role } from '../domain/types.ts';

/** What a command's argument schema receives from the router. */
export interface RawArgs {
  code: string | null;
  text: string;
  /** names @-mentioned by the platform (not the bot) */
  mentions: string[];
  now: Date;
}

/** This process, as it knows itself (运行状态). */
export interface ProcessFacts {
  instance: string;
  platform: string;
  connection: string;
  /** messages and jobs queued behind the one in hand */
  queue: number;
}

/** The platform-neutral context every command and middleware sees. */
export interface CommandContext {
  now: Date;
  today: LocalDate;
  sender: Person;
  group: Group | null;
  message: IncomingMessage;
  /** the message's files, already stored as evidence */
  attachments: AttachmentInput[];
  store: Store;
  config: AppConfig;
  commands: readonly Command[];
  /** this process as 运行状态 shows it: its instance id, platform connection and queue */
  runtime?: () => ProcessFacts;
  /**
   * Answers in the group (or chat) the message came from; `extra.file` is sent after the text where
   * the platform can (its bytes go into the outbox with the reply).
   */
  reply(text: string, mentions?: readonly Person[], extra?: ReplyExtra): Promise<void>;
  /** Sends to another group or person (dedupeKey: at most once). */
  push(message: Omit<OutgoingMessage, 'kind'>): Promise<void>;
}

/** What a reply carries besides its text: a file to send after it, a chart card, markdown … */
export type ReplyExtra = Omit<NonNullable<OutgoingMessage['extra']>, 'file'> & { file?: OutgoingFile };

/** The context of a command that also runs for senders the bot cannot name yet (认领): `sender` is null for them. */
export type AnyoneContext = Omit<CommandContext, 'sender'> & { sender: Person | null };

/** A chat command, declared as data (STYLE.md). */
export interface Command<A = unknown> {
  /** the Chinese name shown in 帮助 */
  name: string;
  aliases: readonly string[];
  /** roles allowed; absent means anyone in the roster */
  roles?: readonly Role[];
  /** one line: how to write it */
  usage: string;
  summary: string;
  /** a keyword that may follow other words when a hazard code leads (YH-0012 已换阀门 进度60%) */
  keywordAnywhere?: boolean;
  /** may one message name several codes (`YH-0008、YH-0012 验收通过`): the command runs once per code */
  manyCodes?: boolean;
  /**
   * A line of the short 帮助: an everyday example, for the roles whose daily work it is. Commands
   * without one are listed by `帮助 全部`.
   */
  help?: { example: string; for: readonly Role[] };
  /** short words that name this command only right after a hazard code (`YH-0012 通过`) */
  afterCode?: readonly string[];
  /** words that, as a leading `#tag` or `【tag】`, name this command (`#隐患 …`) */
  tags?: readonly string[];
  /** free-text inspection findings without a keyword are this command */
  findings?: boolean;
  /** section of 帮助 */
  section: '隐患登记' | '整改' | '验收' | '查询' | '设置' | '督办考核' | '执法';
  args: z.ZodType<A, RawArgs>;
  run(ctx: CommandContext, args: A): Promise<void>;
  /** When present, runs instead of `run` for every sender, proven or not (roles are not checked). */
  runForAnyone?(ctx: AnyoneContext, args: A): Promise<void>;
  /** Continues a draft this command left (ask-back) with the sender's next message. */
  resume?(ctx: CommandContext, draft: Draft, text: string): Promise<void>;
  /** What a sender who answers this command's draft after it ran out is told (how to resend). */
  expired?(draft: Draft, minutes: number): string;
}

/** Declares a command with its argument type inferred from its schema. */
export function defineCommand<A>(command: Command<A>): Command {
  return command as unknown as Command;
}
