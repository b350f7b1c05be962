import { findUnitName } from './parse-credit.ts';
import { monthDayNearest } from './parse-deadline.ts';
import { findHazardCodes } from './normalize.ts';
import { addDays } from '../domain/calendar.ts';
import type { LocalDate } from '../domain/types.ts';

/** What every enforcement command reads first: whom, about which hazards, under which document. */
export interface EnforcementText {
  /** a roster unit named in the text, else the first word (to say it is not in the roster), else null */
  unit: string | null;
  unitInRoster: boolean;
  /** hazard codes named, canonical, in order */
  codes: string[];
  /** 决定书文号: after 文号：, or a number written the way documents are (应急罚〔2026〕12号) */
  decisionNo: string | null;
  /** the text without the unit, codes and document number: dates, amounts, the note */
  rest: string;
}

const DECISION_KEY = /(?:决定书文号|决定书编号|文书编号|决定文号|文号|决定书)\s*[:：=]\s*([^\s，,；;。]+)/;
/** 应急罚〔2026〕12号, 县应急责改〔2026〕3号, 住建罚字[2026]第5号 */
const DECISION_SHAPE = /[\p{Script=Han}A-Za-z]{1,16}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*第?\s*\d{1,6}\s*号/u;
const EDGES = /^[\s,;。，；:：、]+|[\s,;。，；:：、]+$/g;

/** Collapses what is left once fields are cut out: one space between words, no dangling punctuation. */
export function tidy(text: string): string {
  return text.replace(/\s{2,}/g, ' ').replace(/\s*([，,；;。])\s*(?=[，,；;。]|$)/g, '').replace(EDGES, '');
}

/** Reads the unit, hazard codes and document number of `红星化工 YH-0001 文号：应急责改〔2026〕3号 …`. Pure. */
export function parseEnforcementText(text: string, unitNames: readonly string[]): EnforcementText {
  let rest = text;
  const codes = findHazardCodes(text);
  for (const c of [...codes].reverse()) rest = `${rest.slice(0, c.index)} ${rest.slice(c.index + c.length)}`;
  const keyed = DECISION_KEY.exec(rest);
  const shaped = keyed ? null : DECISION_SHAPE.exec(rest);
  const decisionNo = keyed?.[1] ?? shaped?.[0].replace(/\s+/g, '') ?? null;
  const decisionText = keyed?.[0] ?? shaped?.[0];
  if (decisionText) rest = rest.replace(decisionText, ' ');
  const named = findUnitName(rest, unitNames);
  // without a roster name, the first word is what the sender meant as the unit, unless a code stood for it
  const firstWord = tidy(rest).split(/[\s，,]+/)[0] ?? '';
  const unit = named ?? (codes.length === 0 && firstWord ? firstWord : null);
  if (unit) rest = rest.replace(unit, ' ');
  return { unit, unitInRoster: named !== null, codes: codes.map((c) => c.code), decisionNo, rest: tidy(rest) };
}

const DATE = '(\\d{4}\\s*[-./年]\\s*\\d{1,2}\\s*[-./月]\\s*\\d{1,2}\\s*[日号]?|\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]?)';

/** A written date: in full, or month/day taken as the nearest such day (a date just past stays past). */
export function readDate(text: string, today: LocalDate): LocalDate | null {
  const full = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text.trim());
  const short = /^(\d{1,2})\s*月\s*(\d{1,2})/.exec(text.trim());
  if (full) {
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return m >= 1 && m <= 12 && d >= 1 && addDays(date, 0) === date ? date : null;
  }
  return short ? monthDayNearest(today, Number(short[1]), Number(short[2])) : null;
}

/** A 停产整顿 period as written, or why it cannot be read. */
export type SuspensionPeriod =
  | { ok: true; from: LocalDate; until: LocalDate | null; text: string }
  | { ok: false; problem: 'unreadable' | 'until_before_from'; text: string };

const RANGE = new RegExp(`(?:自|从)?\\s*${DATE}\\s*(?:起)?\\s*(?:至|到|~|～|—|－|-)\\s*${DATE}(?:止)?`);
const FROM = new RegExp(`(?:自|从)\\s*${DATE}\\s*(?:起)?|${DATE}\\s*起`);
const UNTIL = new RegExp(`(?:至|到|截至|截止)\\s*${DATE}(?:止)?|${DATE}\\s*(?:前|止)`);
const DURATION = /(?:期限|为期|停产|整顿)?\s*(\d{1,3})\s*(天|日|个月)(?![\d])/;

/**
 * Reads when a 停产整顿 runs: `12月5日至12月31日`, `自12月5日起`, `至12月31日`, `停产整顿30天`;
 * without any, from today until lifted (`至整改验收合格` says the same). Pure.
 */
export function parseSuspensionPeriod(text: string, today: LocalDate): SuspensionPeriod {
  const range = RANGE.exec(text);
  if (range) {
    const from = readDate(range[1] ?? '', today);
    const until = readDate(range[2] ?? '', today);
    if (!from || !until) return { ok: false, problem: 'unreadable', text: range[0] };
    return until < from ? { ok: false, problem: 'until_before_from', text: range[0] } : { ok: true, from, until, text: range[0] };
  }
  const fromMatch = FROM.exec(text);
  const from = fromMatch ? readDate(fromMatch[1] ?? fromMatch[2] ?? '', today) : today;
  if (!from) return { ok: false, problem: 'unreadable', text: fromMatch?.[0] ?? '' };
  const rest = fromMatch ? text.replace(fromMatch[0], ' ') : text;
  const untilMatch = UNTIL.exec(rest);
  if (untilMatch) {
    const until = readDate(untilMatch[1] ?? untilMatch[2] ?? '', today);
    if (!until) return { ok: false, problem: 'unreadable', text: untilMatch[0] };
    const text = [fromMatch?.[0], untilMatch[0]].filter(Boolean).join(' ');
    return until < from ? { ok: false, problem: 'until_before_from', text } : { ok: true, from, until, text };
  }
  const duration = DURATION.exec(rest);
  if (duration) {
    const n = Number(duration[1]);
    const until = duration[2] === '个月' ? addMonths(from, n) : addDays(from, n - 1);
    return { ok: true, from, until, text: [fromMatch?.[0], duration[0]].filter(Boolean).join(' ') };
  }
  return { ok: true, from, until: null, text: fromMatch?.[0] ?? '' };
}

function addMonths(date: LocalDate, n: number): LocalDate {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const month = m - 1 + n;
  const year = y + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return addDays(`${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`, -1);
}

/** Who a case goes to: `至县公安局`, `移送机关：县纪委监委`, or a body named in the text (…公安局, …纪委监委). */
const TRANSFER_KEY = /(?:移送|移交)(?:机关|单位|部门)?\s*[:：]\s*([^\s，,；;。]+)|(?:^|[\s，,])(?:移送|移交)?\s*(?:至|到|给)\s*([^\s，,；;。]+)/;
const BODY = /([\p{Script=Han}]{1,14}?(?:公安分局|公安局|公安机关|派出所|纪委监委|纪检监察机关|纪委|监委|检察院|人民法院|法院|管理局|监督局|委员会|局|大队|支队))(?=$|[\s，,；;。处查立依])/u;

/** The body a case is transferred to, and the text it was written as; null when none is named. Pure. */
export function parseTransferTarget(text: string): { to: string; text: string } | null {
  const keyed = TRANSFER_KEY.exec(text);
  const to = keyed?.[1] ?? keyed?.[2];
  if (keyed && to) return { to: to.replace(/(?:处理|查处|立案)$/, ''), text: keyed[0] };
  const body = BODY.exec(text);
  return body?.[1] ? { to: body[1], text: body[1] } : null;
}
