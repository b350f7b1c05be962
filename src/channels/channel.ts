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
  sender: { id: string; name: string };
  text: string;
  mentions: Array<{ id: string; name: string }>;
  attachments: IncomingAttachment[];
  at: Date;
}

/** One outgoing message with its target resolved against the roster. */
export interface Delivery {
  kind: 'reply' | 'push';
  group: Group | null;
  person: Person | null;
  text: string;
  mentions: Person[];
  markdown?: boolean;
  title?: string;
  /** path of a file to send with it (export) */
  file?: string;
}

/** A chat platform, behind the one small interface the core knows. */
export interface Channel {
  readonly platform: Platform;
  /** Starts receiving; every message goes to `onMessage`. */
  start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /** Sends one message; throws when the platform refused it. */
  send(delivery: Delivery): Promise<void>;
  stop(): Promise<void>;
}
