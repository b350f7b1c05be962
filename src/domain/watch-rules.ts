import type { HazardLevel, LocalDate } from './types.ts';

/** The rules that propose a unit for the 重点关注 watch list; 0 or false turns one off. */
export interface WatchRules {
  /** a major hazard overdue more than this many days */
  majorOverdueDays: number;
  /** this many hazards overdue at once */
  overdueCount: number;
  /** a rebound found on re-inspection */
  rebound: boolean;
  /** this many enforcement decisions against a unit within a year (a correction counts once) */
  enforcementCount: number;
  /** a 停产整顿 or 关闭取缔 */
  suspension: boolean;
}

export type WatchRule = 'major_overdue' | 'overdue_count' | 'rebound' | 'enforcement_count' | 'suspension';

/** What the rules look at for one unit on one day. */
export interface UnitWatchFacts {
  unitId: number;
  overdue: ReadonlyArray<{ code: string; level: HazardLevel; daysOverdue: number }>;
  /** rebounds found recently */
  rebounds: ReadonlyArray<{ code: string; on: LocalDate; note: string }>;
  /** enforcement decisions of the last year, oldest first (ZF codes, the decision's name) */
  enforcement?: ReadonlyArray<{ code: string; kind: string; on: LocalDate; severe: boolean }>;
}

/** One piece of evidence shown to leaders with a proposal. */
export interface WatchEvidence {
  code: string;
  level?: HazardLevel;
  daysOverdue?: number;
  on?: LocalDate;
  note?: string;
  /** an enforcement decision's name (停产整顿 …): `code` is then its ZF code */
  kind?: string;
}

export interface WatchProposal {
  unitId: number;
  rule: WatchRule;
  /**
   * What makes the proposal unique, so a dismissed one is not raised again for the same cause:
   * a major hazard once, a count once a month, a rebound once per check.
   */
  ruleKey: string;
  evidence: WatchEvidence[];
}

/** The proposals the rules make on `today`; the caller drops those already made (by ruleKey). Pure. */
export function proposeWatch(facts: readonly UnitWatchFacts[], rules: WatchRules, today: LocalDate): WatchProposal[] {
  const out: WatchProposal[] = [];
  for (const unit of facts) {
    if (rules.majorOverdueDays > 0) {
      for (const h of unit.overdue) {
        if (h.level !== 'major' || h.daysOverdue <= rules.majorOverdueDays) continue;
        out.push({ unitId: unit.unitId, rule: 'major_overdue', ruleKey: `major_overdue:${h.code}`, evidence: [{ code: h.code, level: h.level, daysOverdue: h.daysOverdue }] });
      }
    }
    if (rules.overdueCount > 0 && unit.overdue.length >= rules.overdueCount) {
      out.push({
        unitId: unit.unitId, rule: 'overdue_count', ruleKey: `overdue_count:${today.slice(0, 7)}`,
        evidence: [...unit.overdue].sort((a, b) => b.daysOverdue - a.daysOverdue).map((h) => ({ code: h.code, level: h.level, daysOverdue: h.daysOverdue })),
      });
    }
    if (rules.rebound) {
      for (const r of unit.rebounds) {
        out.push({ unitId: unit.unitId, rule: 'rebound', ruleKey: `rebound:${r.code}:${r.on}`, evidence: [{ code: r.code, on: r.on, note: r.note }] });
      }
    }
    const decisions = unit.enforcement ?? [];
    // keyed by the decision that reached the count: a dismissed proposal comes back only with a new decision
    const latest = decisions.at(-1);
    if (rules.enforcementCount > 0 && latest && decisions.length >= rules.enforcementCount) {
      out.push({ unitId: unit.unitId, rule: 'enforcement_count', ruleKey: `enforcement_count:${latest.code}`, evidence: decisions.map((d) => ({ code: d.code, on: d.on, kind: d.kind })) });
    }
    if (rules.suspension) {
      for (const d of decisions.filter((x) => x.severe)) {
        out.push({ unitId: unit.unitId, rule: 'suspension', ruleKey: `suspension:${d.code}`, evidence: [{ code: d.code, on: d.on, kind: d.kind }] });
      }
    }
  }
  return out;
}

/** The rule a stored ruleKey came from (null for manual entries). */
export function ruleOfKey(ruleKey: string | null): WatchRule | null {
  const rule = ruleKey?.split(':')[0];
  return rule === 'major_overdue' || rule === 'overdue_count' || rule === 'rebound' || rule === 'enforcement_count' || rule === 'suspension' ? rule : null;
}
