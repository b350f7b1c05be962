import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = join(import.meta.dirname, '..', '..');

/** A test fixture run in a child process (tsx) that prints one JSON object a line on stdout. */
export class LinePrintingChild<Line> {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly lines: Line[] = [];
  #stderr = '';
  #waiters: Array<() => void> = [];

  constructor(fixture: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test', 'fixtures', fixture), ...args], { cwd: REPO, env: { ...process.env, ...env } });
    createInterface({ input: this.proc.stdout }).on('line', (raw) => {
      try {
        this.lines.push(JSON.parse(raw) as Line);
      } catch {
        // a stray line from a library: not ours
      }
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
  async until(test: (lines: readonly Line[]) => boolean): Promise<void> {
    while (!test(this.lines)) {
      if (!this.running) throw new Error(`the child exited (${this.proc.exitCode ?? this.proc.signalCode}): ${this.#stderr.slice(-4000)}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.proc.kill(signal);
  }

  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }
}
