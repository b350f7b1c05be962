import type { Hazard } from './types.ts';

/**
 * The six parts a major-hazard plan (重大事故隐患治理方案) must have, in the regulation's order:
 * goals and tasks, methods and measures, funds and materials, responsible body and people,
 * time limit and requirements, safety measures and emergency plan.
 */
export const PLAN_PARTS = ['goals', 'methods', 'funds', 'organization', 'timeline', 'safety'] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

export type PlanParts = Partial<Record<PlanPart, string>>;

function isPart(key: string): key is PlanPart {
  return (PLAN_PARTS as readonly string[]).includes(key);
}

/** The parts of a plan not yet written (a blank value counts as missing), in regulation order. */
export function missingPlanParts(plan: Readonly<Record<string, string>>): PlanPart[] {
  return PLAN_PARTS.filter((p) => !plan[p]?.trim());
}

/** Only a major hazard is bound to the six-part plan; a general one may carry parts freely. */
export function planRequired(hazard: Pick<Hazard, 'level'>): boolean {
  return hazard.level === 'major';
}

/** A plan with new parts written over the old ones; unknown keys are dropped. */
export function mergePlan(plan: Readonly<Record<string, string>>, parts: PlanParts): Record<PlanPart, string> {
  const merged: Partial<Record<PlanPart, string>> = {};
  for (const [key, value] of Object.entries(plan)) if (isPart(key) && value.trim()) merged[key] = value;
  for (const [key, value] of Object.entries(parts)) if (isPart(key) && value?.trim()) merged[key] = value.trim();
  return merged as Record<PlanPart, string>;
}
