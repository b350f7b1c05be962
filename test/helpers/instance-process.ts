import { LinePrintingChild } from './line-printing-child.ts';

/** One bot instance in a child process (test/fixtures/instance-bot.ts). */
export class InstanceProcess extends LinePrintingChild<{ t: string; instance?: string; pid?: number }> {
  constructor(env: NodeJS.ProcessEnv) {
    super('instance-bot.ts', [], env);
  }

  /** The instance id it reports once up. */
  get instance(): string | undefined {
    return this.lines.find((l) => l.t === 'ready')?.instance;
  }

  /** Waits until it is up; returns its instance id. */
  async ready(): Promise<string> {
    await this.until(() => this.instance !== undefined);
    return this.instance ?? '';
  }
}
