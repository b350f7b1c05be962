import { dayjs } from './calendar.ts';
import type { CreditStanding, LocalDate } from './types.ts';
import type { WatchEvidence } from './watch-rules.ts';

/** A unit's flags on a day: on the formal 严重失信主体名单, on the 重点关注 watch list. */
export interface CreditFlags {
  formal: boolean;
  watch: boolean;
}

/**
 * Whether an entry is in force on `today`: from its first day until the day before it expires or
 * is removed. Nothing has to run for an entry to lapse: the flag is read off the dates.
 */
export function inForce(entry: CreditStanding, today: LocalDate): boolean {
  if (entry.from !== null && entry.from > today) return false;
  if (entry.expiresOn !== null && entry.expiresOn <= today) return false;
  if (entry.removedOn !== null && entry.removedOn <= today) return false;
  return true;
}

export function creditFlags(entries: readonly CreditStanding[], today: LocalDate): CreditFlags {
  const live = entries.filter((e) => inForce(e, today));
  return { formal: live.some((e) => e.list === 'formal'), watch: live.some((e) => e.list === 'watch') };
}

/** The day a formal entry lapses: the decision date plus the term (3 years by law). */
export function formalExpiry(decidedOn: LocalDate, termYears: number): LocalDate {
  return dayjs.utc(decidedOn).add(termYears, 'year').format('YYYY-MM-DD');
}

/** One entry of a credit list, as the lists and briefings show it. */
export interface CreditEntry {
  id: number;
  unitId: number;
  unitName: string;
  list: 'formal' | 'watch';
  /** formal: always confirmed; watch: proposed → confirmed | dismissed */
  status: 'proposed' | 'confirmed' | 'dismissed';
  decisionNo: string | null;
  authority: string | null;
  /** formal: the decision date; watch: the day it was confirmed */
  decidedOn: LocalDate | null;
  expiresOn: LocalDate | null;
  removedOn: LocalDate | null;
  reason: string;
  evidence: WatchEvidence[];
  ruleKey: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  note: string | null;
}

/** The standing of an entry, for `inForce`. */
export function standingOf(entry: Pick<CreditEntry, 'list' | 'decidedOn' | 'expiresOn' | 'removedOn'>): CreditStanding {
  return { list: entry.list, from: entry.decidedOn, expiresOn: entry.expiresOn, removedOn: entry.removedOn };
}
