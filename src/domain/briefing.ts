import type { Assessment, Ranked } from './assessment.ts';
import type { CreditEntry, CreditFlags } from './credit.ts';
import type { EnforcementSummary } from './enforcement-summary.ts';
import type { Parity } from './parity.ts';
import type { Period } from './period.ts';
import type { HazardView, LocalDate } from './types.ts';

/** Major hazards over a period, for 动态清零. */
export interface MajorClearing {
  /** open when the period began */
  carriedOver: number;
  /** registered in the period */
  added: number;
  /** of both, closed in the period */
  cleared: number;
  /** still open at the end, oldest first */
  remaining: HazardView[];
}

/** cleared ÷ (carried over + added); null when there was nothing to clear. */
export function clearingRate(m: Pick<MajorClearing, 'carriedOver' | 'added' | 'cleared'>): number | null {
  const base = m.carriedOver + m.added;
  return base > 0 ? m.cleared / base : null;
}

/** A unit or department as a ranking shows it. */
export interface RankedUnit {
  id: number;
  name: string;
  flags: CreditFlags;
}

/** How credit lists moved in a period. */
export interface CreditChanges {
  formalAdded: CreditEntry[];
  /** formal entries that lapsed (term over) or were removed early in the period */
  formalEnded: Array<{ entry: CreditEntry; on: LocalDate; early: boolean }>;
  watchConfirmed: CreditEntry[];
  /** proposals waiting for an admin */
  watchPending: number;
}

/** Everything a dispatch-meeting briefing (通报) says. */
export interface BriefingFacts {
  period: Period;
  asOf: LocalDate;
  county: Assessment;
  majors: MajorClearing;
  units: Ranked<RankedUnit>[];
  departments: Ranked<RankedUnit>[];
  supervision: { listed: number; closed: number; open: HazardView[] };
  credit: CreditChanges;
  /** a quarter's statistics table is due by this day */
  statisticsDue: LocalDate | null;
  /** enforcement decisions recorded in the period */
  enforcement: EnforcementSummary;
  /** government investment projects beside enterprises (政府类工程一视同仁) */
  parity: Parity;
}

/** Credit-list changes in a period, from all entries. Pure. */
export function creditChanges(entries: readonly CreditEntry[], period: Period, inPeriod: (at: Date) => boolean): CreditChanges {
  const within = (d: LocalDate | null): d is LocalDate => d !== null && d >= period.from && d <= period.to;
  const formal = entries.filter((e) => e.list === 'formal');
  const watch = entries.filter((e) => e.list === 'watch');
  const formalEnded: CreditChanges['formalEnded'] = [];
  for (const e of formal) {
    // whichever comes first ends it
    const early = e.removedOn !== null && (e.expiresOn === null || e.removedOn < e.expiresOn);
    const end = early ? e.removedOn : e.expiresOn;
    if (within(end)) formalEnded.push({ entry: e, on: end, early });
  }
  return {
    formalAdded: formal.filter((e) => within(e.decidedOn)),
    formalEnded,
    watchConfirmed: watch.filter((e) => e.status === 'confirmed' && e.decidedAt !== null && inPeriod(e.decidedAt)),
    watchPending: watch.filter((e) => e.status === 'proposed').length,
  };
}
