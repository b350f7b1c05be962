import type { HazardEvent, HazardStatus, LocalDate } from './types.ts';

/** An event as this rule reads it. */
type DeadlineEvent = Pick<HazardEvent, 'type' | 'data'>;

/** Whether an event set the time limit: an order (or its correction), an approved extension, a rebound. */
export function setsDeadline(e: DeadlineEvent): boolean {
  return (e.type === 'enforcement' && typeof e.data.deadline === 'string') || e.type === 'extension_approved' || e.type === 'rebound';
}

/** What a 责令限期整改, or a correction of one, does to one hazard's time limit. */
export interface OrderDeadline {
  to: LocalDate;
  /** the time limit before the order (and its corrections) moved it: what a withdrawal gives back */
  beforeOrder: LocalDate;
  /** the correction no longer names the hazard: its time limit goes back */
  restored: boolean;
}

/**
 * The time limit an order sets on an open hazard, or a correction of it sets or gives back. A
 * correction acts only while the corrected order's day is still the one in force: an extension
 * approved or a rebound after it stands. The day given back is the one before the first order of
 * the chain, however many corrections came since. Pure; null when the time limit stays.
 */
export function orderDeadline(input: {
  hazard: { deadline: LocalDate; status: HazardStatus };
  /** the hazard's history, oldest first */
  events: readonly DeadlineEvent[];
  /** the codes of the record being corrected and of those it corrected; empty for a new order */
  corrected: ReadonlySet<string>;
  /** the day the decision orders for this hazard, or null when the correction no longer names it */
  ordered: LocalDate | null;
}): OrderDeadline | null {
  const { hazard, events, corrected, ordered } = input;
  if (hazard.status === 'closed') return null;
  const fromChain = (e: DeadlineEvent) => setsDeadline(e) && e.type === 'enforcement' && corrected.has(String(e.data.enforcement));
  const last = events.findLastIndex(fromChain);
  if (last < 0) {
    // the corrected order never moved this one (or this is a new order): an order like any other
    return ordered !== null && ordered !== hazard.deadline ? { to: ordered, beforeOrder: hazard.deadline, restored: false } : null;
  }
  if (events.slice(last + 1).some(setsDeadline)) return null;
  const data = events[last]?.data ?? {};
  const before = typeof data.beforeOrder === 'string' ? data.beforeOrder : typeof data.previousDeadline === 'string' ? data.previousDeadline : hazard.deadline;
  const to = ordered ?? before;
  return to !== hazard.deadline ? { to, beforeOrder: before, restored: ordered === null } : null;
}
