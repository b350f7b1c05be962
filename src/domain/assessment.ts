/**
 * Assessment (考核) of units and supervising departments over a period. The counts come from the
 * database (one grouped query); everything here is arithmetic on them, so the formula in
 * docs/governance.md is this file.
 */

/** What one unit's (or department's) hazards add up to over a period. Additive: a department's is the sum of its units'. */
export interface HazardTally {
  /** registered in the period (发现) */
  found: number;
  /** of those, closed by the period's end (销号) */
  closed: number;
  /** of the closed, closed on or before the original deadline, extensions not counted */
  onTime: number;
  /** of those found, the ones closed or past their original deadline: the base of the on-time rate */
  due: number;
  /** days from registration to closing, summed over the closed */
  closeDays: number;
  /** open and past their deadline on the as-of day, whenever found (当前逾期) */
  overdue: number;
  /** rebounds found on re-inspection in the period (反弹) */
  rebounds: number;
  /** major hazards overdue more than the veto threshold on the as-of day */
  vetoItems: number;
  /** of the closed, the ones the unit found itself (来源 企业自查): self-found and self-fixed */
  selfClosed: number;
}

export const EMPTY_TALLY: HazardTally = { found: 0, closed: 0, onTime: 0, due: 0, closeDays: 0, overdue: 0, rebounds: 0, vetoItems: 0, selfClosed: 0 };

/** The assessment rules, from config. */
export interface AssessmentRules {
  /** points for a 100% rate; they add up to the best score */
  weights: { rectification: number; onTime: number; speed: number; selfCheck: number };
  /** points taken per currently overdue hazard and per rebound */
  penalties: { overdue: number; rebound: number };
  /** average days to close at or under which speed earns full points */
  speedTargetDays: number;
  /** a major hazard overdue more than this many days vetoes the unit (一票否决) */
  vetoMajorOverdueDays: number;
}

export interface Assessment extends HazardTally {
  /** closed / found; null when nothing was found */
  rectificationRate: number | null;
  /** onTime / due; null when nothing was due */
  onTimeRate: number | null;
  averageDaysToClose: number | null;
  /** selfClosed / found; null when nothing was found */
  selfCheckRate: number | null;
  veto: boolean;
  score: number;
}

export function sumTallies(tallies: Iterable<HazardTally>): HazardTally {
  const total = { ...EMPTY_TALLY };
  for (const t of tallies) for (const key of Object.keys(total) as (keyof HazardTally)[]) total[key] += t[key];
  return total;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Scores one tally:
 *   R = closed / found, T = onTime / due (each 1 when its base is 0),
 *   S = 1 when the average days to close ≤ the target, else target / average (1 with nothing closed),
 *   F = selfClosed / found (0 when nothing was found): the share found and fixed by the unit itself,
 *   score = wR·R + wT·T + wS·S + wF·F − pOverdue·overdue − pRebound·rebounds, at least 0, one decimal.
 * F is a credit on top (the speech wants 企业自查 encouraged): a unit that finds and fixes all of
 * its own hazards scores up to wF more than one whose hazards were all found by inspectors.
 * A unit with any major hazard overdue past the veto threshold is vetoed: it keeps its score but
 * ranks below every unit that is not.
 */
export function assess(tally: HazardTally, rules: AssessmentRules): Assessment {
  const rectificationRate = tally.found > 0 ? tally.closed / tally.found : null;
  const onTimeRate = tally.due > 0 ? tally.onTime / tally.due : null;
  const averageDaysToClose = tally.closed > 0 ? tally.closeDays / tally.closed : null;
  const selfCheckRate = tally.found > 0 ? tally.selfClosed / tally.found : null;
  const speed = averageDaysToClose === null || averageDaysToClose <= rules.speedTargetDays ? 1 : rules.speedTargetDays / averageDaysToClose;
  const { weights: w, penalties: p } = rules;
  const raw = w.rectification * (rectificationRate ?? 1) + w.onTime * (onTimeRate ?? 1) + w.speed * speed + w.selfCheck * (selfCheckRate ?? 0)
    - p.overdue * tally.overdue - p.rebound * tally.rebounds;
  return {
    ...tally, rectificationRate, onTimeRate, averageDaysToClose, selfCheckRate,
    veto: tally.vetoItems > 0,
    score: Math.max(0, round1(raw)),
  };
}

export interface Ranked<T> {
  rank: number;
  item: T;
  assessment: Assessment;
}

/**
 * Orders assessed items: not vetoed before vetoed, then by score, then by rectification rate;
 * equal (veto, score) share a rank (1, 1, 3). Ties keep the caller's order (by name).
 */
export function rankAssessments<T>(items: ReadonlyArray<{ item: T; assessment: Assessment }>): Ranked<T>[] {
  const sorted = [...items].sort((a, b) =>
    Number(a.assessment.veto) - Number(b.assessment.veto)
    || b.assessment.score - a.assessment.score
    || (b.assessment.rectificationRate ?? 1) - (a.assessment.rectificationRate ?? 1));
  const out: Ranked<T>[] = [];
  sorted.forEach((entry, i) => {
    const prev = out[i - 1];
    const tied = prev && prev.assessment.veto === entry.assessment.veto && prev.assessment.score === entry.assessment.score;
    out.push({ rank: tied ? prev.rank : i + 1, item: entry.item, assessment: entry.assessment });
  });
  return out;
}

/** Whether a tally has anything to assess: units with no hazards in the period and none overdue are left out of a ranking. */
export function hasActivity(tally: HazardTally): boolean {
  return tally.found > 0 || tally.overdue > 0 || tally.rebounds > 0 || tally.vetoItems > 0;
}

/** The rectification rate a unit needs before a briefing may call it 表现较好. */
export const PRAISE_MIN_RECTIFICATION = 0.8;

/**
 * Whether a briefing may name a unit among the good ones: a high rank alone is not enough (when
 * every unit has rectified nothing, the first is still bad). It must have rectified at least
 * {@link PRAISE_MIN_RECTIFICATION} of what it found, have nothing overdue, and not be vetoed.
 */
export function deservesPraise(a: Assessment): boolean {
  return !a.veto && a.overdue === 0 && a.rectificationRate !== null && a.rectificationRate >= PRAISE_MIN_RECTIFICATION;
}
