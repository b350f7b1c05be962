/**
 * The sections of the one routine message a group gets in the morning, most pressing first. A
 * hazard is listed once, in the first section that holds it; later sections add a note to its line.
 */
export const MORNING_SECTIONS = ['overdue', 'escalatedDepartment', 'escalatedLeaders', 'due', 'supervised', 'plan', 'reinspection'] as const;
export type MorningSectionKind = (typeof MORNING_SECTIONS)[number];

/** One hazard's line: its text, and notes other sections added (督办领导, the plan parts missing). */
export interface MorningLine {
  hazardId: number;
  code: string;
  text: string;
  notes: string[];
}

/** Lines shown per section; the rest is counted. */
export const MORNING_LIST_LIMIT = 10;
