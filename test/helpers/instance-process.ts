import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'instance-bot.ts');

/** One bot instance in a child process (test/fixtures/instance-bot.ts). */
export class InstanceProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly lines: Array<{ t: string; instance?: string; pid?: number }> = [];
  #stderr = '';
  #waiters: Array<() => void> = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { cwd: REPO, env: { ...process.env, ...env } });
    createInterface({ input: this.proc.stdout }).on('line', (raw) => {
      try {
        this.lines.push(JSON.parse(raw) as { t: string });
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

  /** The instance id it reports once up. */
  get instance(): string | undefined {
    return this.lines.find((l) => l.t === 'ready')?.instance;
  }

  async until(test: () => boolean): Promise<void> {
    while (!test()) {
      if (!this.running) throw new Error(`instance exited (${this.proc.exitCode ?? this.proc.signalCode}): ${this.#stderr.slice(-4000)}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Waits until it is up; returns its instance id. */
  async ready(): Promise<string> {
    await this.until(() => this.instance !== undefined);
    return this.instance ?? '';
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.proc.kill(signal);
  }

  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }
}
