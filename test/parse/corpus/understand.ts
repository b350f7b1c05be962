import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandForBareCode, commands } from '../../../commands/index.ts';
import { looksMeantForBot } from '../../../src/parse/looks-meant-for-bot.ts';
import { normalizeText } from '../../../src/parse/normalize.ts';
import { parseExtension, parseReason } from '../../../src/parse/parse-extension.ts';
import { parseProgress } from '../../../src/parse/parse-progress.ts';
import { parseRegistration } from '../../../src/parse/parse-registration.ts';
import { routeMessage } from '../../../src/parse/route.ts';

/** One message of the corpus and what the parse layer must make of it, field by field. */
export interface CorpusRow {
  group: string;
  text: string;
  expect: Record<string, unknown>;
}

export const CORPUS: CorpusRow[] = readFileSync(join(import.meta.dirname, 'messages.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as CorpusRow);

/** The corpus is read as said on Wednesday 2026-12-02 at 10:00 in Shanghai (when #9 item 8 was reported). */
export const CORPUS_NOW = new Date('2026-12-02T02:00:00Z');
/** The units of test/transcripts/org.yaml. */
const UNIT_NAMES = ['应急管理局', '消防救援大队', '住建局', '城关镇', '红星化工', '蓝天物流', '实验小学', '城南建筑工地'];
const BOT_NAMES = ['隐患清零'];

/**
 * What the parse layer makes of a message, as the pipeline runs it: normalize, "meant for the
 * bot?", route against the real commands, then the routed command's field parser.
 */
export function understand(text: string): Record<string, unknown> {
  const t = normalizeText(text);
  const routed = routeMessage(t, commands, commandForBareCode);
  const out: Record<string, unknown> = {
    meant: looksMeantForBot(t, { botNames: BOT_NAMES, commands, unitNames: UNIT_NAMES }).meant,
    command: routed?.command.name ?? null,
    codes: routed?.codes ?? [],
    otherCodes: routed?.otherCodes ?? [],
  };
  if (!routed) return out;
  switch (routed.command.name) {
    case '登记隐患': {
      const f = parseRegistration(routed.rest, { now: CORPUS_NOW, unitNames: UNIT_NAMES });
      Object.assign(out, {
        units: f.units ?? null, description: f.description ?? null, owner: f.owner ?? null, deadline: f.deadline ?? null,
        deadlineText: f.deadlineText ?? null, level: f.level ?? null, location: f.location ?? null, measures: f.measures ?? null,
        supervisor: f.supervisor ?? null, items: f.items?.map((item) => item.description) ?? null,
      });
      break;
    }
    case '进度':
      out.percent = parseProgress(routed.rest).percent;
      break;
    case '申请延期': {
      const e = parseExtension(routed.rest, CORPUS_NOW);
      Object.assign(out, { to: e.to, reason: e.reason, by: e.by ? [e.by.amount, e.by.unit] : null, toText: e.toText ?? null });
      break;
    }
    case '驳回':
    case '不予延期':
      out.reason = parseReason(routed.rest);
      break;
  }
  return out;
}

/** Exact-match accuracy per field and per message over the corpus. */
export function measure(rows: readonly CorpusRow[]): { fields: number; fieldsRight: number; messages: number; messagesRight: number; wrong: Array<{ text: string; field: string; expected: unknown; actual: unknown }> } {
  let fields = 0;
  let fieldsRight = 0;
  let messagesRight = 0;
  const wrong: Array<{ text: string; field: string; expected: unknown; actual: unknown }> = [];
  for (const row of rows) {
    const actual = understand(row.text);
    let allRight = true;
    for (const [field, expected] of Object.entries(row.expect)) {
      fields++;
      if (JSON.stringify(actual[field] ?? null) === JSON.stringify(expected)) fieldsRight++;
      else {
        allRight = false;
        wrong.push({ text: row.text, field, expected, actual: actual[field] ?? null });
      }
    }
    if (allRight) messagesRight++;
  }
  return { fields, fieldsRight, messages: rows.length, messagesRight, wrong };
}
