import type { GovernanceConfig } from '../core/config.ts';
import type { Store } from '../db/store.ts';
import { assess, hasActivity, rankAssessments, sumTallies, type Assessment, type HazardTally, type Ranked } from '../domain/assessment.ts';
import { creditChanges, type BriefingFacts, type RankedUnit } from '../domain/briefing.ts';
import { creditFlags } from '../domain/credit.ts';
import { summarizeEnforcement } from '../domain/enforcement-summary.ts';
import { projectParity, type Parity } from '../domain/parity.ts';
import { addDays, atLocal } from '../domain/calendar.ts';
import { asOfDay, statisticsDueOn, type Period } from '../domain/period.ts';
import type { LocalDate } from '../domain/types.ts';

export interface AssessmentReport {
  period: Period;
  asOf: LocalDate;
  county: Assessment;
  units: Ranked<RankedUnit>[];
  departments: Ranked<RankedUnit>[];
}

/**
 * Assesses every unit with activity in the period, and every supervising department over the units
 * it supervises and its own hazards (its tally is the sum of theirs); the two are ranked apart. Shared by 排名, the briefings and the export.
 */
export async function assessmentReport(store: Store, period: Period, today: LocalDate, governance: GovernanceConfig): Promise<AssessmentReport> {
  const rules = governance.assessment;
  const asOf = asOfDay(period, today);
  const tallies = await store.governance.tallies(period, asOf, rules.vetoMajorOverdueDays);
  const units = await store.roster.units();
  const standings = await store.credit.standings();
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN');
  const item = (u: { id: number; name: string }): RankedUnit => ({ id: u.id, name: u.name, flags: creditFlags(standings.get(u.id) ?? [], asOf) });

  // a unit that supervises others is ranked among the departments only, its own hazards counted there:
  // a department between two enterprises in one ranking would push their ranks apart
  const supervising = new Set(units.flatMap((u) => (u.supervisorId === null ? [] : [u.supervisorId])));
  const unitRows = [...units].sort(byName).flatMap((u) => {
    const tally = tallies.get(u.id);
    return !supervising.has(u.id) && tally && hasActivity(tally) ? [{ item: item(u), assessment: assess(tally, rules) }] : [];
  });
  const departmentRows = [...units].sort(byName).flatMap((d) => {
    if (!supervising.has(d.id)) return [];
    const own = [d, ...units.filter((u) => u.supervisorId === d.id)];
    const tally = sumTallies(own.map((u) => tallies.get(u.id)).filter((t): t is HazardTally => t !== undefined));
    return hasActivity(tally) ? [{ item: item(d), assessment: assess(tally, rules) }] : [];
  });
  return {
    period, asOf,
    county: assess(sumTallies(tallies.values()), rules),
    units: rankAssessments(unitRows),
    departments: rankAssessments(departmentRows),
  };
}

/**
 * Government investment projects beside enterprises over a period, within a scope (undefined: the
 * county): the same tallies the assessment uses, summed per side.
 */
export async function parityReport(store: Store, period: Period, asOf: LocalDate, governance: GovernanceConfig, scope?: readonly number[]): Promise<Parity> {
  const tallies = await store.governance.tallies(period, asOf, governance.assessment.vetoMajorOverdueDays);
  const projects = await store.roster.governmentProjects();
  const units = (await store.roster.units())
    .filter((u) => scope === undefined || scope.includes(u.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    .map((u) => ({ id: u.id, name: u.name, side: projects.has(u.id) ? 'government' as const : u.kind === 'enterprise' ? 'enterprise' as const : null }));
  return projectParity(units, tallies);
}

/** Everything a briefing (通报) of a period says, read on `today`. */
export async function briefingFacts(store: Store, period: Period, today: LocalDate, governance: GovernanceConfig): Promise<BriefingFacts> {
  const report = await assessmentReport(store, period, today, governance);
  const clearing = await store.governance.majorClearing(period, report.asOf);
  const supervision = await store.governance.supervisionCounts(period);
  const open = await store.hazards.byIds(await store.governance.supervisedOpenIdsAt(report.asOf));
  const start = atLocal(`${period.from} 00:00`);
  const end = atLocal(`${addDays(period.to, 1)} 00:00`);
  const entries = [...(await store.credit.entries('formal')), ...(await store.credit.entries('watch'))];
  return {
    period, asOf: report.asOf, county: report.county,
    majors: { carriedOver: clearing.carriedOver, added: clearing.added, cleared: clearing.cleared, remaining: await store.hazards.byIds(clearing.remainingIds) },
    units: report.units,
    departments: report.departments,
    supervision: { ...supervision, open },
    credit: creditChanges(entries, period, (at) => at >= start && at < end),
    statisticsDue: period.kind === 'quarter' ? statisticsDueOn(period) : null,
    enforcement: summarizeEnforcement(await store.enforcement.between(start, end)),
    parity: await parityReport(store, period, report.asOf, governance),
  };
}
