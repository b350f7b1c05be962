import { addDays } from '../domain/calendar.ts';
import type { LocalDate } from '../domain/types.ts';

/** A plain-language question about the ledger: `红星化工还有几个隐患没整改？`, `这周有哪些快到期的`. */
export interface LedgerQuestion {
  /** roster unit names asked about; none means everything the room may see */
  units: string[];
  major: boolean;
  /** which open hazards: all, waiting for acceptance, overdue, or due by a day */
  which: 'open' | 'pending_review' | 'overdue' | { dueBy: LocalDate; label: string };
}

/** Asking how many or which: a question about the ledger whoever it names. */
const COUNTING = /几个|几项|几条|几处|多少|哪些|哪几|有没有|什么/;
/** A yes-no question: about the ledger only when it names a unit (`红星化工整改完了吗`); `整改完了吗` is between colleagues. */
const YES_NO = /[?？]|吗|呢|怎么样/;
/** The ledger's words: a question with one of them (or a unit's name) is about the ledger. */
const LEDGER_WORDS = /隐患|到期|整改|验收|销号|逾期|超期|督办/;
/** A short message that is only a filter: `重大隐患`, `待验收`, `快到期的`. */
const FILTER_ONLY = /^(?:(?:还有|有)?(?:哪些|什么)?(?:重大隐患|重大|待验收(?:的|隐患)?|快到期(?:的|隐患)?|即将到期(?:的|隐患)?|本周到期(?:的|隐患)?|这周到期(?:的|隐患)?|未销号(?:的|隐患)?|没整改(?:的|隐患)?)[?？]?)$/;
const DUE = /快到期|即将到期|到期|快到时限/;

/** The last day of the week `today` is in (weeks start on Monday). */
function endOfWeek(today: LocalDate): LocalDate {
  const day = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, day === 0 ? 0 : 7 - day);
}

/**
 * Reads a question about the ledger, or returns null for anything else. A unit's name alone
 * (`红星化工`) asks for its open hazards. A message with a hazard code is not a ledger question:
 * the router gives it to the code's commands. Pure.
 */
export function parseLedgerQuestion(text: string, unitNames: readonly string[], today: LocalDate): LedgerQuestion | null {
  const t = text.trim().replace(/[。.!！]+$/, '');
  if (!t || t.length > 40 || /YH\s*-?\s*\d/i.test(t)) return null;
  const units = unitNames.filter((n) => t.includes(n) && !unitNames.some((longer) => longer !== n && longer.includes(n) && t.includes(longer)));
  let rest = t;
  for (const name of units) rest = rest.replace(name, '');
  const bareUnit = units.length > 0 && /^(?:的)?(?:隐患|的隐患|隐患清单|情况)?[?？]?$/.test(rest.trim());
  const asks = LEDGER_WORDS.test(t) && (COUNTING.test(t) || (units.length > 0 && YES_NO.test(t)));
  if (!bareUnit && !asks && !FILTER_ONLY.test(rest.trim())) return null;

  const major = /重大/.test(rest);
  let which: LedgerQuestion['which'] = 'open';
  if (/待验收|等验收|验收的/.test(rest)) which = 'pending_review';
  else if (/逾期|超期|过期/.test(rest)) which = 'overdue';
  else if (DUE.test(rest)) {
    if (/这周|本周|这个星期|本星期/.test(rest)) which = { dueBy: endOfWeek(today), label: '本周到期' };
    else if (/今天/.test(rest)) which = { dueBy: today, label: '今天到期' };
    else if (/下周/.test(rest)) which = { dueBy: addDays(endOfWeek(today), 7), label: '下周末前到期' };
    else which = { dueBy: addDays(today, 7), label: '7天内到期' };
  }
  return { units, major, which };
}
