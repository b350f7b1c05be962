import { formatDate, localDate, localTime } from '../domain/calendar.ts';
import { SOURCE_LABELS } from '../domain/hazard-source.ts';
import { STATUS_LABELS } from '../domain/lifecycle.ts';
import { daysOverdue } from '../domain/overdue.ts';
import type { HazardView } from '../domain/types.ts';
import { ECHO, TEXT_LIMIT_BYTES, byteLength, inline } from './fit.ts';

/** One line of the 责任链 record: something someone did, or something the bot told someone. */
export type ChainEntry =
  | { kind: 'event'; at: Date; actorName: string | null; label: string; text: string }
  | { kind: 'notice'; at: Date; where: string; mentionNames: readonly string[]; subject: string; status: 'pending' | 'sent' | 'failed' };

/** The people on a hazard's chain, by name (null: the roster names nobody there). */
export interface ChainPeople {
  supervisorName: string | null;
  inCharge: { name: string; covers: string } | null;
  main: { name: string; covers: string } | null;
}

/** Rows shown in full; a longer record keeps its first and last rows and says how many are between. */
const FIRST_ROWS = 20;
const LAST_ROWS = 40;

const when = (at: Date, now: Date) => `${formatDate(localDate(at), now)} ${localTime(at)}`;
const STATUS_NOTE = { pending: '（待发送）', failed: '（发送失败）', sent: '' } as const;

function entryLine(e: ChainEntry, now: Date): string {
  if (e.kind === 'event') {
    const text = inline(e.text, ECHO.row);
    return `· ${when(e.at, now)} ${e.actorName ?? '系统'} ${e.label}${text ? `：${text}` : ''}`;
  }
  const mentions = e.mentionNames.map((n) => ` @${n}`).join('');
  return `· ${when(e.at, now)} 通知 ${e.where}${mentions}：${e.subject}${STATUS_NOTE[e.status]}`;
}

/** 责任链 YH-0012: the chain and who was told what, when (docs/responsibility-chain.md). */
export const chainTexts = {
  chain: {
    /** The record as messages that each fit the platform's limit: the head, then the rows, continued. */
    render(h: HazardView, people: ChainPeople, entries: readonly ChainEntry[], now: Date): string[] {
      const overdue = daysOverdue(h, now);
      const links = [
        `责任人 ${h.ownerName}`,
        `责任单位 ${h.unitName}`,
        `监管部门 ${people.supervisorName ?? '（无）'}`,
        `分管领导 ${people.inCharge ? `${people.inCharge.name}（${people.inCharge.covers}）` : '（名册未写）'}`,
        `主要领导 ${people.main ? people.main.name : '（名册未写）'}`,
      ];
      const facts = [
        `来源 ${SOURCE_LABELS[h.source]}${h.source === 'self_check' ? '（企业自查自改：本单位自己发现）' : ''}`,
        `时限 ${formatDate(h.deadline, now)}${overdue > 0 ? `，已逾期${overdue}天` : ''}`,
        h.status === 'rectifying' ? `${STATUS_LABELS[h.status]}${h.progress}%` : STATUS_LABELS[h.status],
        ...(h.supervised ? [`督办领导 ${inline(h.supervisingLeader ?? '（未指定）', ECHO.name)}`] : []),
      ];
      const rows = entries.map((e) => entryLine(e, now));
      const shown = rows.length > FIRST_ROWS + LAST_ROWS
        ? [...rows.slice(0, FIRST_ROWS), `……中间 ${rows.length - FIRST_ROWS - LAST_ROWS} 条从略……`, ...rows.slice(-LAST_ROWS)]
        : rows;
      const title = `【责任链】${h.code} ${h.level === 'major' ? '【重大】' : ''}${h.unitName}：${inline(h.description, ECHO.row)}`;
      const head = [title, links.join(' → '), facts.join('｜'), `谁在何时知道（处理记录和机器人发出的通知，共 ${rows.length} 条，按时间）：`];
      const pages: string[][] = [head];
      for (const row of shown.length > 0 ? shown : ['· 暂无']) {
        const page = pages.at(-1) ?? head;
        if (byteLength([...page, row].join('\n')) <= TEXT_LIMIT_BYTES) page.push(row);
        else pages.push([`【责任链】${h.code}（续${pages.length}）`, row]);
      }
      return pages.map((p) => p.join('\n'));
    },
  },
};
