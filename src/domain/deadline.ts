import { dayjs } from './calendar.ts';
import type { LocalDate } from './types.ts';

/** The furthest a deadline may lie: even relocating a plant is planned within this. */
export const MAX_DEADLINE_YEARS = 5;

/** A deadline further out than {@link MAX_DEADLINE_YEARS} is a typo (9999年, 99年), not a plan. */
export function isDeadlineTooFar(deadline: LocalDate, today: LocalDate): boolean {
  return deadline > dayjs.utc(today).add(MAX_DEADLINE_YEARS, 'year').format('YYYY-MM-DD');
}

/**
 * Deadlines are days or weeks away; one more than this many months ahead is more often a slip
 * (`6月30日` meant as last June's, a wrong year) than a plan, so it is confirmed before saving.
 */
export const CONFIRM_AFTER_MONTHS = 6;

/** Whether a deadline lies more than {@link CONFIRM_AFTER_MONTHS} months after today. */
export function isDeadlineFarAhead(deadline: LocalDate, today: LocalDate): boolean {
  return deadline > dayjs.utc(today).add(CONFIRM_AFTER_MONTHS, 'month').format('YYYY-MM-DD');
}
