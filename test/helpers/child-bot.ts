import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ORG_ROSTER } from './chat.ts';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'crash-bot.ts');

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
export class ChildBot {
  readonly lines: BotLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly proc: ChildProcessWithoutNullStreams;
  #waiters: Array<() => void> = [];
  #stderr = '';

  constructor(db: string, options: { roster?: boolean; clock?: string } = {}) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE, db, ...(options.roster ? ['--roster', ORG_ROSTER] : [])], {
      cwd: REPO, env: { ...process.env, ...(options.clock ? { HZ_CLOCK: options.clock } : {}) },
    });
    createInterface({ input: this.proc.stdout }).on('line', (raw) => {
      this.lines.push(JSON.parse(raw) as BotLine);
      this.#wake();
    });
    this.proc.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => {
      resolve({ code, signal });
      this.#wake();
    }));
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  get stderr(): string {
    return this.#stderr;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Resolves once `test` holds for the lines printed; rejects if the child exits first. */
  async until(test: (lines: readonly BotLine[]) => boolean): Promise<void> {
    while (!test(this.lines)) {
      if (!this.running) throw new Error(`the child bot exited (${this.proc.exitCode ?? this.proc.signalCode}): ${this.#stderr}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
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

  async kill(): Promise<void> {
    this.proc.kill('SIGKILL');
    await this.exited;
  }
}
