import { mergePlan, missingPlanParts, planRequired, type PlanPart, type PlanParts } from './plan.ts';
import type { Hazard, HazardEvent, HazardEventType, HazardStatus, LocalDate } from './types.ts';

/**
 * The progress a hazard had before its latest completion was submitted: the last progress report,
 * rejection or rebound before that submission (0 when there was none).
 */
export function progressBeforeSubmission(events: ReadonlyArray<Pick<HazardEvent, 'type' | 'data'>>): number {
  const submitted = events.map((e) => e.type).lastIndexOf('submitted');
  for (let i = submitted - 1; i >= 0; i--) {
    const e = events[i];
    if (!e) continue;
    if ((e.type === 'progress' || e.type === 'rejected') && typeof e.data.progress === 'number') return e.data.progress;
    if (e.type === 'rebound' || e.type === 'created') return 0;
  }
  return 0;
}

/**
 * Whether a progress report sent at `sentAt` is older than what the hazard's progress comes from
 * (a report, submission, rejection or rebound sent later): the latest progress follows the time
 * the messages were sent, not the order they were handled in.
 */
export function progressSuperseded(hazard: Pick<Hazard, 'progressAt'>, sentAt: Date): boolean {
  return hazard.progressAt !== null && sentAt.getTime() < hazard.progressAt.getTime();
}

/** What a person asks to do with a hazard. */
export type HazardAction =
  | { type: 'progress'; progress: number }
  | { type: 'submit' }
  | { type: 'accept' }
  | { type: 'reject'; reason: string; /** the progress reported before the completion: the lists show it again */ progressBefore?: number }
  | { type: 'request_extension'; to: LocalDate; reason: string }
  | { type: 'approve_extension' }
  | { type: 'deny_extension'; reason: string }
  | { type: 'supervise'; leader: string | null }
  | { type: 'unsupervise'; reason: string }
  | { type: 'update_plan'; parts: PlanParts }
  | { type: 'add_evidence'; files: number }
  | { type: 'pass_reinspection' }
  | { type: 'rebound'; reason: string; deadline: LocalDate }
  | { type: 'urge' };

/** Why a transition is refused; each has a reply text in i18n. */
export type TransitionRefusal =
  | 'closed'
  | 'awaiting_review'
  | 'not_awaiting_review'
  | 'extension_not_later'
  | 'extension_pending'
  | 'no_extension_pending'
  | 'plan_incomplete'
  | 'evidence_missing'
  | 'already_supervised'
  | 'not_supervised'
  | 'not_closed'
  | 'no_reinspection_due'
  | 'deadline_past'
  | 'no_files'
  | 'sent_before_latest';

/** A refusal and what the reply needs to explain it. */
export interface Refused {
  refused: TransitionRefusal;
  /** plan_incomplete: the parts still missing */
  missing?: readonly PlanPart[];
  /** no_reinspection_due: the next check's day, if one is scheduled */
  nextDueOn?: LocalDate | null;
  /** extension_not_later: the date asked for and the deadline it must pass */
  to?: LocalDate;
  deadline?: LocalDate;
  /** sent_before_latest: which action, when it was sent, and when the newer record it lost to was */
  action?: HazardAction['type'];
  sentAt?: Date;
  latestAt?: Date;
}

/** The hazard fields a transition may change. */
export type HazardChangeSet = Partial<Pick<Hazard,
  'status' | 'progress' | 'progressAt' | 'deadline' | 'extensionTo' | 'extensionReason' | 'closedOn' | 'supervised' | 'supervisingLeader' | 'plan'>>;

export interface TransitionResult {
  /** The fields that change on the hazard. */
  changes: HazardChangeSet;
  event: HazardEventType;
  /** What the event records besides its text. */
  data: Record<string, unknown>;
}

/**
 * Facts the rules need besides the hazard. Each costs the message a query, so the caller reads
 * only those `factsNeeded` names for the action; the others may be left out.
 */
export interface TransitionFacts {
  today: LocalDate;
  /** when the action was sent (the platform's message time), which may be before it is handled */
  at: Date;
  /** evidence files on the hazard's record, counting those that come with this action */
  evidenceCount?: number;
  /** the follow-up checks (滚动检查) of the latest closing still pending, if any */
  reinspection?: { dueNow: boolean; nextDueOn: LocalDate | null };
}

type TransitionHazard = Pick<Hazard, 'status' | 'progress' | 'progressAt' | 'deadline' | 'extensionTo' | 'level' | 'plan' | 'supervised'>;

/** Which of the facts `transition` reads for this action on this hazard. */
export function factsNeeded(hazard: Pick<Hazard, 'level'>, action: HazardAction): { evidenceCount: boolean; reinspection: boolean } {
  return {
    evidenceCount: action.type === 'accept' && hazard.level === 'major',
    reinspection: action.type === 'pass_reinspection' || action.type === 'rebound',
  };
}

/** A fact the rule reads: left out only when `factsNeeded` and the rules disagree, a bug. */
function fact<T>(value: T | undefined, name: keyof TransitionFacts): T {
  if (value === undefined) throw new Error(`transition needs the fact ${name}, which factsNeeded did not ask for`);
  return value;
}

/** Actions on a closed hazard: the follow-up check and late evidence. Everything else is refused. */
function afterClosing(hazard: TransitionHazard, action: HazardAction, facts: TransitionFacts): TransitionResult | Refused | null {
  switch (action.type) {
    case 'pass_reinspection':
    case 'rebound': {
      if (hazard.status !== 'closed') return { refused: 'not_closed' };
      const reinspection = fact(facts.reinspection, 'reinspection');
      if (!reinspection.dueNow) return { refused: 'no_reinspection_due', nextDueOn: reinspection.nextDueOn };
      if (action.type === 'pass_reinspection') return { changes: {}, event: 'reinspection_passed', data: {} };
      if (action.deadline < facts.today) return { refused: 'deadline_past' };
      // reopened with a new time limit; the original deadline stays on record for the assessment
      return {
        changes: { status: 'rectifying', progress: 0, progressAt: facts.at, closedOn: null, deadline: action.deadline, extensionTo: null, extensionReason: null },
        event: 'rebound',
        data: { reason: action.reason, deadline: action.deadline, from: hazard.deadline },
      };
    }
    case 'add_evidence':
      if (action.files < 1) return { refused: 'no_files' };
      return { changes: {}, event: 'evidence', data: { files: action.files } };
    default:
      return hazard.status === 'closed' ? { refused: 'closed' } : null;
  }
}

/** An action sent before the hazard's standing record, handled after it: refused, nothing written. */
function late(hazard: TransitionHazard, action: HazardAction, facts: TransitionFacts): Refused {
  return { refused: 'sent_before_latest', action: action.type, sentAt: facts.at, ...(hazard.progressAt ? { latestAt: hazard.progressAt } : {}) };
}

/**
 * The hazard lifecycle (DOMAIN.md): registered → rectifying → pending_review → closed, a rejection
 * going back to rectifying, a rebound found on re-inspection reopening a closed one. A major
 * hazard is submitted only with its six-part plan complete and accepted only with evidence.
 * Pure: returns the change and the event, or why it is refused.
 */
export function transition(hazard: TransitionHazard, action: HazardAction, facts: TransitionFacts): TransitionResult | Refused {
  const early = afterClosing(hazard, action, facts);
  if (early) return early;
  const status: HazardStatus = hazard.status;
  const missing = planRequired(hazard) ? missingPlanParts(hazard.plan) : [];
  switch (action.type) {
    case 'progress':
      if (status === 'pending_review') return { refused: 'awaiting_review' };
      // a report sent before the one the progress comes from, handled after it (the platform
      // delivered it again later): on record in its place in time, the newer progress stands
      if (progressSuperseded(hazard, facts.at)) {
        return { changes: {}, event: 'progress', data: { progress: action.progress, from: hazard.progress, superseded: true } };
      }
      return {
        changes: { status: 'rectifying', progress: action.progress, progressAt: facts.at },
        event: 'progress',
        data: { progress: action.progress, from: hazard.progress },
      };
    case 'submit':
      if (status === 'pending_review') return { refused: 'awaiting_review' };
      // a completion sent before a newer record (a rejection, a report, a rebound), handled after
      // it (the platform delivered it again late): the newer one stands, nothing is submitted
      if (progressSuperseded(hazard, facts.at)) return late(hazard, action, facts);
      if (missing.length > 0) return { refused: 'plan_incomplete', missing };
      return { changes: { status: 'pending_review', progress: 100, progressAt: facts.at }, event: 'submitted', data: { progress: 100 } };
    case 'accept':
      if (status !== 'pending_review') return { refused: 'not_awaiting_review' };
      // a decision sent before the completion now awaiting review (delivered again late, after a
      // rejection and a new completion) is not about it
      if (progressSuperseded(hazard, facts.at)) return late(hazard, action, facts);
      // a hazard submitted before its plan was required still needs it
      if (missing.length > 0) return { refused: 'plan_incomplete', missing };
      if (hazard.level === 'major' && fact(facts.evidenceCount, 'evidenceCount') < 1) return { refused: 'evidence_missing' };
      return { changes: { status: 'closed', closedOn: facts.today }, event: 'accepted', data: {} };
    case 'reject': {
      if (status !== 'pending_review') return { refused: 'not_awaiting_review' };
      if (progressSuperseded(hazard, facts.at)) return late(hazard, action, facts);
      // "整改中100%" after a rejection reads as done: show the progress from before the completion
      const progress = action.progressBefore ?? hazard.progress;
      return { changes: { status: 'rectifying', progress, progressAt: facts.at }, event: 'rejected', data: { reason: action.reason, progress } };
    }
    case 'request_extension':
      if (hazard.extensionTo) return { refused: 'extension_pending' };
      if (action.to <= hazard.deadline) return { refused: 'extension_not_later', to: action.to, deadline: hazard.deadline };
      return {
        changes: { extensionTo: action.to, extensionReason: action.reason },
        event: 'extension_requested',
        data: { to: action.to, from: hazard.deadline, reason: action.reason },
      };
    case 'approve_extension':
      if (!hazard.extensionTo) return { refused: 'no_extension_pending' };
      return {
        changes: { deadline: hazard.extensionTo, extensionTo: null, extensionReason: null },
        event: 'extension_approved',
        data: { from: hazard.deadline, to: hazard.extensionTo },
      };
    case 'deny_extension':
      if (!hazard.extensionTo) return { refused: 'no_extension_pending' };
      return {
        changes: { extensionTo: null, extensionReason: null },
        event: 'extension_denied',
        data: { asked: hazard.extensionTo, reason: action.reason },
      };
    case 'supervise':
      if (hazard.supervised) return { refused: 'already_supervised' };
      return { changes: { supervised: true, supervisingLeader: action.leader }, event: 'supervised', data: { leader: action.leader } };
    case 'unsupervise':
      if (!hazard.supervised) return { refused: 'not_supervised' };
      return { changes: { supervised: false, supervisingLeader: null }, event: 'unsupervised', data: { reason: action.reason } };
    case 'urge':
      // a 催办 changes nothing but the record: who pressed, when
      return { changes: {}, event: 'urged', data: {} };
    case 'update_plan': {
      const plan = mergePlan(hazard.plan, action.parts);
      const stillMissing = planRequired(hazard) ? missingPlanParts(plan) : [];
      return { changes: { plan }, event: 'plan_updated', data: { parts: Object.keys(action.parts), missing: stillMissing } };
    }
    case 'pass_reinspection':
    case 'rebound':
    case 'add_evidence':
      // answered by afterClosing; kept so the switch stays exhaustive
      return { refused: 'not_closed' };
  }
}

export const STATUS_LABELS: Record<HazardStatus, string> = {
  registered: '待整改',
  rectifying: '整改中',
  pending_review: '待验收',
  closed: '已销号',
};

export const LEVEL_LABELS = { general: '一般', major: '重大' } as const;
