/**
 * Where a hazard came from (来源). The county treats them differently: an inspection team's list
 * (督查反馈) is reported back item by item, a campaign's (专项整治) counts towards it, and what an
 * enterprise finds in its own self-inspection (企业自查) is credited in the assessment.
 */
import type { Person, Unit } from './types.ts';

export const HAZARD_SOURCES = ['inspection', 'department_check', 'self_check', 'campaign', 'public_report', 'other'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** The names people write and read. */
export const SOURCE_LABELS: Record<HazardSource, string> = {
  inspection: '督查反馈',
  department_check: '部门检查',
  self_check: '企业自查',
  campaign: '专项整治',
  public_report: '群众举报',
  other: '其他',
};

/** What people also write for each source. */
const SOURCE_SYNONYMS: Record<HazardSource, readonly string[]> = {
  inspection: ['督查反馈', '督查', '督导', '暗访', '巡查反馈', '上级督查', '检查反馈'],
  department_check: ['部门检查', '执法检查', '监管检查', '日常检查'],
  self_check: ['企业自查', '自查', '自查自改'],
  campaign: ['专项整治', '专项治理', '专项行动'],
  public_report: ['群众举报', '举报', '投诉', '12350'],
  other: ['其他'],
};

/** Every word that names a source, longest first (for a pattern that must take the whole word). */
export const SOURCE_WORDS: readonly string[] = Object.values(SOURCE_SYNONYMS).flat().sort((a, b) => b.length - a.length);

/** `督查`, `举报` …: the source a word names, or null. */
export function matchSource(text: string): HazardSource | null {
  const t = text.trim();
  for (const source of HAZARD_SOURCES) if (SOURCE_SYNONYMS[source].some((s) => t === s || t.startsWith(s))) return source;
  return null;
}

export function isHazardSource(value: string): value is HazardSource {
  return (HAZARD_SOURCES as readonly string[]).includes(value);
}

/**
 * The source of a hazard registered by hand: a unit's own contact registering in their own unit
 * found it themselves (企业自查); a department's registration is its inspection; anyone else's
 * stays 其他 unless they say.
 */
export function defaultSource(reporter: Pick<Person, 'role' | 'unitId'>, unit: Pick<Unit, 'id'>): HazardSource {
  if (reporter.role === 'contact' && reporter.unitId === unit.id) return 'self_check';
  if (reporter.role === 'department') return 'department_check';
  return 'other';
}
