import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Channel } from '../core/channel.ts';
import type { Delivery, IncomingAttachment, IncomingMessage } from '../core/messages.ts';
import { formatDelivery } from './recording-channel.ts';
import { saveFile } from '../features/save-file.ts';

const LINE = /^\[(.+?)\]\s*([^:：]+?)\s*[:：]\s?(.*)$/;
/** `@图片 PATH`: the terminal's way to send a photo or file, as a message of its own. */
const PHOTO = /^@(?:图片|照片|附件|文件)(?:\s+(.+))?$/;
/** Larger files are not read into memory; the evidence store refuses more than 20 MB anyway. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ConsoleChannelOptions {
  /** where the files the bot sends (exports, chart cards) are written for the user to open: <HZ_DATA_DIR>/exports */
  filesDir: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  clock?: () => Date;
  /** where `@图片 PATH` paths are read from */
  baseDir?: string;
}

/**
 * The terminal as a chat platform: `[群名] 张伟: 登记隐患 …`, replies printed as `→ [群名] …`.
 * After the first line the group and sender are remembered, so the next line can be just the
 * text; a line ending in `\` continues on the next one (multi-line forms). `@图片 PATH` sends the
 * file as a message with no text, the way a phone sends a photo on a platform, so it takes the
 * same evidence path as a platform photo.
 */
export class ConsoleChannel implements Channel {
  readonly platform = 'console' as const;
  #rl: Interface | null = null;
  #last: { group: string; sender: string } | null = null;
  #buffer: string[] = [];
  #count = 0;
  #chain: Promise<void> = Promise.resolve();
  private readonly input: NodeJS.ReadableStream;
  private readonly output: NodeJS.WritableStream;
  private readonly clock: () => Date;
  private readonly baseDir: string;
  private readonly filesDir: string;

  constructor(options: ConsoleChannelOptions) {
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stdout;
    this.clock = options.clock ?? (() => new Date());
    this.baseDir = options.baseDir ?? process.cwd();
    this.filesDir = options.filesDir;
  }

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
    let attachments: IncomingAttachment[] = [];
    const photo = PHOTO.exec(text.trim());
    if (photo) {
      if (!photo[1]) {
        this.#print('（@图片 后面要写文件路径，例：@图片 demo/valve.jpg）');
        return;
      }
      const file = this.#readFile(photo[1].trim());
      if (!file) return;
      attachments = [file];
      text = '';
    }
    this.#count += 1;
    await onMessage({
      platform: 'console', messageId: `console-${Date.now()}-${this.#count}`,
      group: { id: this.#last.group, name: this.#last.group }, sender: { id: this.#last.sender, name: this.#last.sender },
      text, mentions: [], attachments, at: this.clock(),
    });
  }

  #readFile(path: string): IncomingAttachment | null {
    const full = resolve(this.baseDir, path);
    try {
      const size = statSync(full).size;
      if (size > MAX_FILE_BYTES) {
        this.#print(`（文件 ${path} 超过 20MB，没有发送）`);
        return null;
      }
      // the type is read from the bytes by the evidence store, as for every platform
      return { name: basename(full), mime: 'application/octet-stream', data: readFileSync(full) };
    } catch {
      this.#print(`（找不到文件 ${full}，没有发送。路径从 ${this.baseDir} 算起，例：@图片 demo/valve.jpg）`);
      return null;
    }
  }

  #print(text: string): void {
    this.output.write(`${text}\n`);
  }

  async send(delivery: Delivery): Promise<void> {
    const { file } = delivery;
    if (!file) return this.#print(formatDelivery(delivery));
    // the file is written here, by the instance that sends it; the terminal shows its path to
    // open, a picture (a chart card) named as one
    const kind = /\.png$/i.test(file.name) ? '图片' : '文件';
    this.#print(`${formatDelivery(delivery)}\n  （${kind}：${saveFile(this.filesDir, file)}）`);
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
