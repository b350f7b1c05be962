import { parsePastDate } from './parse-period.ts';
import type { LocalDate } from '../domain/types.ts';

type CreditField = 'decisionNo' | 'authority' | 'decidedOn' | 'removedOn' | 'reason' | 'term';

const KEYS: ReadonlyArray<readonly [CreditField, readonly string[]]> = [
  ['decisionNo', ['决定书文号', '决定书编号', '决定文号', '文书编号', '文号', '决定书']],
  ['authority', ['作出决定机关', '决定机关', '认定机关', '作出机关', '认定部门', '机关']],
  ['decidedOn', ['决定日期', '认定日期', '列入日期', '作出日期', '日期']],
  ['removedOn', ['提前移出日期', '提前移出', '移出日期', '移出']],
  ['reason', ['列入原因', '失信行为', '原因', '事由', '理由']],
  ['term', ['公示期限', '有效期', '期限']],
];
const KEY_TO_FIELD = new Map<string, CreditField>(KEYS.flatMap(([f, keys]) => keys.map((k) => [k, f] as const)));
const KEY = new RegExp(`(${[...KEY_TO_FIELD.keys()].sort((a, b) => b.length - a.length).join('|')})\\s*[:=]\\s*`, 'g');

/** A formal credit-list entry as written by an admin. */
export interface FormalEntryText {
  /** the unit as named: a roster name found in the text, else the first word */
  unit: string | null;
  decisionNo: string | null;
  authority: string | null;
  decidedOn: LocalDate | null;
  /** a date was written but not understood */
  decidedOnText: string | null;
  removedOn: LocalDate | null;
  termYears: number | null;
  reason: string;
}

const trim = (s: string) => s.replace(/^[\s,;。，；]+|[\s,;。，；]+$/g, '');

/** The roster unit named in a text, longest name first (红星化工二厂 before 红星化工). */
export function findUnitName(text: string, unitNames: readonly string[]): string | null {
  return [...unitNames].sort((a, b) => b.length - a.length).find((n) => text.includes(n)) ?? null;
}

/**
 * Reads `红星化工 文号：应急罚〔2026〕12号 机关：县应急管理局 日期：2026-11-20 原因：…`: each value runs
 * to the next key. Pure; the unit is matched against the roster names given.
 */
export function parseFormalEntry(text: string, unitNames: readonly string[], today: LocalDate): FormalEntryText {
  const marks = [...text.matchAll(KEY)];
  const values: Partial<Record<CreditField, string>> = {};
  marks.forEach((m, i) => {
    const field = KEY_TO_FIELD.get(m[1] ?? '');
    const value = trim(text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length));
    if (field && value) values[field] = value;
  });
  const head = trim(marks[0] ? text.slice(0, marks[0].index) : text);
  const unit = findUnitName(head, unitNames) ?? findUnitName(text, unitNames) ?? (head.split(/\s+/)[0] || null);
  const decidedOn = values.decidedOn ? parsePastDate(values.decidedOn, today) : null;
  const term = values.term ? /^(\d{1,2})\s*年$/.exec(values.term) : null;
  return {
    unit,
    decisionNo: values.decisionNo ?? null,
    authority: values.authority ?? null,
    decidedOn,
    decidedOnText: values.decidedOn && !decidedOn ? values.decidedOn : null,
    removedOn: values.removedOn ? parseAnyDate(values.removedOn, today) : null,
    termYears: term ? Number(term[1]) : null,
    reason: values.reason ?? '',
  };
}

/** A full date, or a month/day in the past (removal may be planned: write the year then). */
function parseAnyDate(text: string, today: LocalDate): LocalDate | null {
  return parsePastDate(text, today) ?? parsePastDate(text, '9999-12-31');
}

/** `红星化工 2027-06-01 原因` → unit, an optional date, the rest as the note. */
export function parseUnitAction(text: string, unitNames: readonly string[], today: LocalDate): { unit: string | null; date: LocalDate | null; note: string } {
  const unit = findUnitName(text, unitNames) ?? (trim(text).split(/\s+/)[0] || null);
  let rest = unit ? text.replace(unit, ' ') : text;
  const dateMatch = /(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*[日号]?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?)/.exec(rest);
  const date = dateMatch ? parseAnyDate(dateMatch[1] ?? '', today) : null;
  if (dateMatch && date) rest = rest.replace(dateMatch[0], ' ');
  const note = trim(rest.replace(/(原因|理由|说明|日期|移出日期)\s*[:=]?/g, ' ')).replace(/\s{2,}/g, ' ');
  return { unit, date, note };
}
