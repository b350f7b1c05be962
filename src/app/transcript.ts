import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createBot, type Bot } from './bot.ts';
import { defaultConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { readRoster } from '../features/roster-file.ts';
import { UserError } from '../core/user-error.ts';
import type { IncomingAttachment, IncomingMessage } from '../core/messages.ts';
import { RecordingChannel, formatDelivery, type RecordedDelivery } from '../channels/recording-channel.ts';
import { atLocal, isoLocal } from '../domain/calendar.ts';
import { createStore } from '../db/store.ts';
import { isOverdue } from '../domain/overdue.ts';

/** One step of a transcript file. */
export type TranscriptStep =
  | { kind: 'roster'; path: string; line: number }
  | { kind: 'clock'; at: Date; line: number }
  | { kind: 'attach'; path: string; line: number }
  | { kind: 'message'; group: string; sender: string; text: string; line: number };

/** A transcript line the simulator cannot run; the message names the line and how to write it. */
export class TranscriptError extends UserError {
  override name = 'TranscriptError';
}

const MESSAGE = /^\[(.+?)\]\s*([^:：]+?)\s*[:：]\s?(.*)$/;
const MIME_BY_EXT: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/**
 * Reads the transcript format: `# comment`, `@roster FILE`, `@clock YYYY-MM-DD HH:mm`,
 * `@attach FILE` (a file sent with the next message), `[群名] 姓名: text`, and indented lines
 * that continue the message above.
 */
export function parseTranscript(text: string): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*(#|$)/.test(raw) && !/^\s+\S/.test(raw)) return;
    if (/^\s+\S/.test(raw)) {
      const last = steps.at(-1);
      if (last?.kind !== 'message') throw new TranscriptError(`第${line}行：缩进行只能接在一条消息后面`);
      last.text += `\n${raw.trim()}`;
      return;
    }
    const directive = /^@(roster|clock|attach)\s+(.+)$/.exec(raw.trim());
    if (directive) {
      const [, name, arg = ''] = directive;
      if (name === 'clock') {
        if (!/^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?$/.test(arg.trim())) throw new TranscriptError(`第${line}行：@clock 要写成 2026-12-01 09:00`);
        steps.push({ kind: 'clock', at: atLocal(arg.trim().length === 10 ? `${arg.trim()} 00:00` : arg.trim()), line });
      } else steps.push({ kind: name as 'roster' | 'attach', path: arg.trim(), line });
      return;
    }
    const m = MESSAGE.exec(raw);
    if (!m || !m[1] || !m[2]) throw new TranscriptError(`第${line}行：看不懂这一行，消息要写成「[群名] 姓名: 内容」`);
    steps.push({ kind: 'message', group: m[1].trim(), sender: m[2].trim(), text: m[3] ?? '', line });
  });
  return steps;
}

/** One hazard in the simulator's ledger line; other tools read this, keep it stable. */
export interface LedgerRow {
  code: string; unit: string; category: string; level: string; description: string; owner: string;
  deadline: string; originalDeadline: string; status: string; progress: number; overdue: boolean;
}

export interface TranscriptResult {
  deliveries: RecordedDelivery[];
  ledger: LedgerRow[];
}

export interface TranscriptOptions {
  /** database file; a fresh temporary one when absent */
  dbFile?: string;
  /** a PostgreSQL database to run on instead of the file (HZ_DATABASE_URL) */
  databaseUrl?: string | null;
  /** called for every delivery as it happens */
  onDelivery?: (d: RecordedDelivery) => void;
}

/** Runs a transcript file through the real bot with a simulated clock. */
export async function runTranscript(file: string, options: TranscriptOptions = {}): Promise<TranscriptResult> {
  const text = readTranscriptFile(file, null, file, '剧本文件').toString('utf8');
  const steps = withFileName(file, () => parseTranscript(text));
  const tmp = options.dbFile ? null : mkdtempSync(join(tmpdir(), 'hz-sim-'));
  const dbFile = options.dbFile ?? join(tmp ?? '', 'simulate.db');
  let now = new Date();
  let bot: Bot | null = null;
  // deliveries carry the bot's time: while it steps through a day, the time each push goes out
  const channel = new RecordingChannel(() => bot?.clock() ?? now, options.onDelivery);
  const config = defaultConfig({ dbFile, databaseUrl: options.databaseUrl ?? null, dataDir: join(dirname(resolve(dbFile)), 'data') });
  bot = await createBot({ config, channel, log: createLogger('silent'), clock: () => now });
  try {
    let pending: IncomingAttachment[] = [];
    let clockSet = false;
    for (const step of steps) {
      const fromTranscript = (p: string) => resolve(dirname(file), p);
      if (step.kind === 'roster') {
        const path = fromTranscript(step.path);
        requireFile(file, step.line, path, '名册文件');
        await bot.importRoster(withFileName(file, () => readRoster(path), step.line));
      }
      if (step.kind === 'attach') {
        const path = fromTranscript(step.path);
        pending.push({ name: basename(path), mime: MIME_BY_EXT[extname(path).toLowerCase()] ?? 'application/octet-stream', data: readTranscriptFile(file, step.line, path, '附件') });
      }
      if (step.kind === 'clock') {
        if (clockSet && step.at < now) throw new TranscriptError(`剧本 ${file} 第${step.line}行：@clock 不能倒退，时间只能往后设`);
        const from = now;
        now = step.at;
        if (clockSet && step.at > from) await bot.advance(from);
        clockSet = true;
      }
      if (step.kind === 'message') {
        const message: IncomingMessage = {
          platform: 'console', messageId: `${basename(file)}:${step.line}`,
          group: { id: step.group, name: step.group }, sender: { id: step.sender, name: step.sender },
          text: step.text, mentions: [], attachments: pending, at: now,
        };
        pending = [];
        await bot.receive(message);
      }
    }
    const ledger = await ledgerRows(bot, now);
    return { deliveries: channel.sent, ledger };
  } finally {
    await bot.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Reads a file a transcript needs; a missing one is named with the transcript line that wants it
 * and where relative paths start (the transcript's folder), instead of a stack.
 */
function readTranscriptFile(transcript: string, line: number | null, path: string, what: string): Buffer {
  requireFile(transcript, line, path, what);
  return readFileSync(path);
}

function requireFile(transcript: string, line: number | null, path: string, what: string): void {
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error(path), { code: 'EISDIR' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR') throw error;
    if (line === null) throw new TranscriptError(`找不到${what} ${path}：请检查路径和文件名（相对路径从当前目录 ${process.cwd()} 算起）。`);
    throw new TranscriptError(`剧本 ${transcript} 第${line}行：找不到${what} ${path}（路径从剧本所在的文件夹算起）：请改正这一行的路径。`);
  }
}

/** Runs `work`; a transcript or roster mistake it throws is said with the transcript's name (and line). */
function withFileName<T>(transcript: string, work: () => T, line?: number): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const where = line === undefined ? `剧本 ${transcript} ` : `剧本 ${transcript} 第${line}行 @roster：`;
    throw new TranscriptError(error.message.split('\n').map((l) => `${where}${l}`).join('\n'));
  }
}

async function ledgerRows(bot: Bot, now: Date): Promise<LedgerRow[]> {
  const hazards = await bot.queue.run(() => createStore(bot.db).hazards.all());
  return hazards.map((h) => ({
    code: h.code, unit: h.unitName, category: h.category, level: h.level, description: h.description, owner: h.ownerName,
    deadline: h.deadline, originalDeadline: h.originalDeadline, status: h.status, progress: h.progress, overdue: isOverdue(h, now),
  }));
}

/**
 * A delivery as the reviewed outputs (`test/transcripts/*.out.txt`) show it, prefixed with its
 * simulated time `MM-DD HH:mm`: what `npm run simulate -- --time FILE` prints.
 */
export function formatTimedDelivery(d: RecordedDelivery): string {
  return `${isoLocal(d.at).slice(5, 16).replace('T', ' ')} ${formatDelivery(d)}`;
}

/** The `--json` line of one delivery. */
export function deliveryJson(d: RecordedDelivery): string {
  return JSON.stringify({
    at: isoLocal(d.at), kind: d.kind, group: d.group?.name ?? null, to: d.group ? null : (d.person?.name ?? null),
    mentions: d.mentions.map((p) => p.name), text: d.text,
  });
}
