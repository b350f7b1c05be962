import { addDays } from './calendar.ts';
import type { Hazard, LocalDate } from './types.ts';

/** How closed hazards come back for a follow-up check (滚动检查). */
export interface ReinspectionRules {
  /** share of closed general hazards checked again, 0–1; major ones always are */
  share: number;
  /** days after closing each check is due */
  rounds: readonly number[];
}

/** FNV-1a of the code: the same hazard always draws the same lot, on any machine. */
function lot(code: string): number {
  let hash = 0x811c9dc5;
  for (const ch of code) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/**
 * Whether a closed hazard is drawn for re-inspection. Every major hazard is; a general one is
 * when its code's lot falls under the share, so the draw is fixed, reproducible and auditable
 * (nobody can pick which items escape the check).
 */
export function drawnForReinspection(hazard: Pick<Hazard, 'code' | 'level'>, rules: Pick<ReinspectionRules, 'share'>): boolean {
  if (hazard.level === 'major') return true;
  return lot(hazard.code) < rules.share;
}

/** The checks to schedule when a hazard closes on `closedOn`: none when it is not drawn. */
export function reinspectionsFor(
  hazard: Pick<Hazard, 'code' | 'level'>,
  closedOn: LocalDate,
  rules: ReinspectionRules,
): Array<{ round: number; dueOn: LocalDate }> {
  if (!drawnForReinspection(hazard, rules)) return [];
  return [...new Set(rules.rounds)].sort((a, b) => a - b).map((round) => ({ round, dueOn: addDays(closedOn, round) }));
}
