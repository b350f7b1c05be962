import type { HazardEvent, HazardEventType, HazardStatus, LocalDate } from './types.ts';

/** What a hazard's history says its lifecycle fields must be. */
export interface ReplayedHazard {
  status: HazardStatus;
  progress: number;
  deadline: LocalDate;
  extensionTo: LocalDate | null;
}

/** Why a history cannot be replayed: the ledger is not consistent. */
export class ReplayError extends Error {}

/** An event as replay reads it; with `at` (the time its message was sent) the progress follows time, as the bot keeps it. */
type ReplayEvent = Pick<HazardEvent, 'type' | 'data'> & { at?: Date };

/** Events that set the progress, and so the time the progress comes from. */
const SETS_PROGRESS = new Set<HazardEventType>(['progress', 'submitted', 'rejected', 'rebound']);

const str = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new ReplayError(`${what}: expected a date string, got ${JSON.stringify(value)}`);
  return value;
};

/**
 * What each event does to the lifecycle fields. Mirrors `transition` in lifecycle.ts, but reads
 * only the event's own record, so a hazard row that disagrees with its history shows up.
 * Events that do not move the lifecycle (督办, 方案, 证据, 复查通过) leave it as it is; a rebound
 * reopens the hazard with the new time limit it records.
 */
const EFFECTS: Record<Exclude<HazardEventType, 'created'>, (h: ReplayedHazard, e: ReplayEvent) => ReplayedHazard> = {
  progress: (h, e) => ({ ...h, status: 'rectifying', progress: typeof e.data.progress === 'number' ? e.data.progress : h.progress }),
  submitted: (h) => ({ ...h, status: 'pending_review', progress: 100 }),
  accepted: (h) => ({ ...h, status: 'closed' }),
  // since a rejection shows the progress from before the completion, it records that progress
  rejected: (h, e) => ({ ...h, status: 'rectifying', progress: typeof e.data.progress === 'number' ? e.data.progress : h.progress }),
  extension_requested: (h, e) => ({ ...h, extensionTo: str(e.data.to, 'extension_requested.to') }),
  extension_approved: (h, e) => ({ ...h, deadline: str(e.data.to, 'extension_approved.to'), extensionTo: null }),
  extension_denied: (h) => ({ ...h, extensionTo: null }),
  reassigned: (h) => h,
  supervised: (h) => h,
  unsupervised: (h) => h,
  plan_updated: (h) => h,
  evidence: (h) => h,
  reinspection_passed: (h) => h,
  urged: (h) => h,
  // 责令限期整改 sets the time limit it orders, and its correction sets the corrected day or gives the
  // earlier one back (both record it as `deadline`); other decisions leave the lifecycle as it is
  enforcement: (h, e) => (typeof e.data.deadline === 'string' ? { ...h, deadline: e.data.deadline } : h),
  // a rebound found on re-inspection reopens the hazard with a new time limit
  rebound: (h, e) => ({ status: 'rectifying', progress: 0, deadline: str(e.data.deadline, 'rebound.deadline'), extensionTo: null }),
};

/**
 * Replays a hazard's events in the order they were recorded into the lifecycle fields they imply;
 * given their times, a progress report older than the progress already standing changes nothing. The history must
 * start with exactly one `created`; throws {@link ReplayError} when it does not.
 */
export function replayEvents(events: readonly ReplayEvent[]): ReplayedHazard {
  const [first, ...rest] = events;
  if (!first || first.type !== 'created') throw new ReplayError(`history must start with "created", got ${first ? `"${first.type}"` : 'nothing'}`);
  let state: ReplayedHazard = { status: 'registered', progress: 0, deadline: str(first.data.deadline, 'created.deadline'), extensionTo: null };
  let progressAt: Date | undefined;
  for (const event of rest) {
    if (event.type === 'created') throw new ReplayError('a second "created" event');
    const effect = EFFECTS[event.type] as (typeof EFFECTS)[keyof typeof EFFECTS] | undefined;
    if (!effect) throw new ReplayError(`unknown event type "${String(event.type)}"`);
    // a report sent before the one the progress comes from (handled later, a redelivery) is on record only
    if (event.type === 'progress' && event.at && progressAt && event.at < progressAt) continue;
    state = effect(state, event);
    if (SETS_PROGRESS.has(event.type) && event.at) progressAt = event.at;
  }
  return state;
}

/** The status a hazard's events give (DOMAIN.md's lifecycle). */
export function statusFromEvents(events: readonly ReplayEvent[]): HazardStatus {
  return replayEvents(events).status;
}
