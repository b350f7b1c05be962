import { createInterface, type Interface } from 'node:readline';
import type { Channel } from '../core/channel.ts';
import type { Delivery, IncomingMessage } from '../core/messages.ts';
import { formatDelivery } from './recording-channel.ts';

const LINE = /^\[(.+?)\]\s*([^:：]+?)\s*[:：]\s?(.*)$/;

/**
 * The terminal as a chat platform: `[群名] 张伟: 登记隐患 …`, replies printed as `→ [群名] …`.
 * After the first line the group and sender are remembered, so the next line can be just the
 * text; a line ending in `\` continues on the next one (multi-line forms).
 */
export class ConsoleChannel implements Channel {
  readonly platform = 'console' as const;
  #rl: Interface | null = null;
  #last: { group: string; sender: string } | null = null;
  #buffer: string[] = [];
  #count = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.#rl = createInterface({ input: this.input, terminal: false });
    // lines are handled one after another, in the order typed
    this.#rl.on('line', (line) => {
      this.#chain = this.#chain.then(() => this.#onLine(line, onMessage)).catch((e: unknown) => this.#print(`（出错：${String(e)}）`));
    });
  }

  async #onLine(line: string, onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    if (line.endsWith('\\')) {
      this.#buffer.push(line.slice(0, -1));
      return;
    }
    const full = [...this.#buffer, line].join('\n');
    this.#buffer = [];
    if (!full.trim()) return;
    const m = LINE.exec(full.split('\n')[0] ?? '');
    let text: string;
    if (m && m[1] && m[2]) {
      this.#last = { group: m[1].trim(), sender: m[2].trim() };
      text = [m[3] ?? '', ...full.split('\n').slice(1)].join('\n');
    } else if (this.#last) {
      text = full;
    } else {
      this.#print('请按「[群名] 姓名: 内容」输入，例：[红星化工安全对接群] 张伟: 我的隐患');
      return;
    }
    this.#count += 1;
    await onMessage({
      platform: 'console', messageId: `console-${Date.now()}-${this.#count}`,
      group: { id: this.#last.group, name: this.#last.group }, sender: { id: this.#last.sender, name: this.#last.sender },
      text, mentions: [], attachments: [], at: this.clock(),
    });
  }

  #print(text: string): void {
    this.output.write(`${text}\n`);
  }

  async send(delivery: Delivery): Promise<void> {
    // a picture (a chart card) is named as one: the terminal shows its path to open
    const kind = delivery.file && /\.png$/i.test(delivery.file) ? '图片' : '文件';
    this.#print(formatDelivery(delivery) + (delivery.file ? `\n  （${kind}：${delivery.file}）` : ''));
  }

  /** Resolves when the input has ended (Ctrl-D or end of a piped file) and every line was handled. */
  async closed(): Promise<void> {
    const rl = this.#rl;
    if (rl) await new Promise<void>((resolve) => rl.once('close', () => resolve()));
    await this.#chain;
  }

  async stop(): Promise<void> {
    this.#rl?.close();
  }
}
