import { dayjs } from './calendar.ts';
import type { LocalDate } from './types.ts';

/** The furthest a deadline may lie: even relocating a plant is planned within this. */
export const MAX_DEADLINE_YEARS = 5;

/** A deadline further out than {@link MAX_DEADLINE_YEARS} is a typo (9999年, 99年), not a plan. */
export function isDeadlineTooFar(deadline: LocalDate, today: LocalDate): boolean {
  return deadline > dayjs.utc(today).add(MAX_DEADLINE_YEARS, 'year').format('YYYY-MM-DD');
}
