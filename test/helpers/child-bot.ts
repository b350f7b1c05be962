import { ORG_ROSTER } from './chat.ts';
import { LinePrintingChild } from './line-printing-child.ts';

/** One line the crash-bot fixture printed (see test/fixtures/crash-bot.ts). */
export interface BotLine {
  t: 'ready' | 'send' | 'done' | 'closed';
  pid?: number;
  id?: string;
  during?: string | null;
  /** the outbox entry and part a `send` was (`outbox:12#1/1`) */
  key?: string | null;
  text?: string;
}

/** A message for the child, one JSON line on its stdin. */
export interface ChildMessage {
  id: string;
  group: string | null;
  sender: string;
  text: string;
}

/** The bot running in a child process (test/fixtures/crash-bot.ts) and what it printed so far. */
export class ChildBot extends LinePrintingChild<BotLine> {
  constructor(db: string, options: { roster?: boolean; clock?: string } = {}) {
    super('crash-bot.ts', [db, ...(options.roster ? ['--roster', ORG_ROSTER] : [])], options.clock ? { HZ_CLOCK: options.clock } : {});
  }

  /** Waits for the bot to be up; returns its pid. */
  async ready(): Promise<number> {
    await this.until((lines) => lines.some((l) => l.t === 'ready'));
    return this.lines.find((l) => l.t === 'ready')?.pid ?? 0;
  }

  send(messages: readonly ChildMessage[]): void {
    for (const m of messages) this.proc.stdin.write(`${JSON.stringify({ id: m.id, group: m.group, sender: m.sender, text: m.text })}\n`);
  }

  /** Ends stdin and waits for the clean close. */
  async finish(): Promise<void> {
    this.proc.stdin.end();
    await this.until((lines) => lines.some((l) => l.t === 'closed'));
    await this.exited;
  }
}
