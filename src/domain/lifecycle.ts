import type { Hazard, HazardEventType, HazardStatus, LocalDate } from './types.ts';

/** What a person asks to do with a hazard. */
export type HazardAction =
  | { type: 'progress'; progress: number }
  | { type: 'submit' }
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'request_extension'; to: LocalDate; reason: string }
  | { type: 'approve_extension' }
  | { type: 'deny_extension'; reason: string };

/** Why a transition is refused; each has a reply text in i18n. */
export type TransitionRefusal =
  | 'closed'
  | 'awaiting_review'
  | 'not_awaiting_review'
  | 'extension_not_later'
  | 'extension_pending'
  | 'no_extension_pending';

export interface TransitionResult {
  /** The fields that change on the hazard. */
  changes: Partial<Pick<Hazard, 'status' | 'progress' | 'deadline' | 'extensionTo' | 'extensionReason' | 'closedOn'>>;
  event: HazardEventType;
  /** What the event records besides its text. */
  data: Record<string, unknown>;
}

/** Facts the rules need besides the hazard. */
export interface TransitionFacts {
  today: LocalDate;
}

/**
 * The hazard lifecycle (DOMAIN.md): registered → rectifying → pending_review → closed, a rejection
 * going back to rectifying. Pure: returns the change and the event, or why it is refused.
 */
export function transition(
  hazard: Pick<Hazard, 'status' | 'progress' | 'deadline' | 'extensionTo'>,
  action: HazardAction,
  facts: TransitionFacts,
): TransitionResult | { refused: TransitionRefusal } {
  const status: HazardStatus = hazard.status;
  if (status === 'closed') return { refused: 'closed' };
  switch (action.type) {
    case 'progress':
      if (status === 'pending_review') return { refused: 'awaiting_review' };
      return {
        changes: { status: 'rectifying', progress: action.progress },
        event: 'progress',
        data: { progress: action.progress, from: hazard.progress },
      };
    case 'submit':
      if (status === 'pending_review') return { refused: 'awaiting_review' };
      return { changes: { status: 'pending_review', progress: 100 }, event: 'submitted', data: { progress: 100 } };
    case 'accept':
      if (status !== 'pending_review') return { refused: 'not_awaiting_review' };
      return { changes: { status: 'closed', closedOn: facts.today }, event: 'accepted', data: {} };
    case 'reject':
      if (status !== 'pending_review') return { refused: 'not_awaiting_review' };
      return { changes: { status: 'rectifying' }, event: 'rejected', data: { reason: action.reason } };
    case 'request_extension':
      if (hazard.extensionTo) return { refused: 'extension_pending' };
      if (action.to <= hazard.deadline) return { refused: 'extension_not_later' };
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
  }
}

export const STATUS_LABELS: Record<HazardStatus, string> = {
  registered: '待整改',
  rectifying: '整改中',
  pending_review: '待验收',
  closed: '已销号',
};

export const LEVEL_LABELS = { general: '一般', major: '重大' } as const;
