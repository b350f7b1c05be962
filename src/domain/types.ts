import type { UnitEnforcement } from './enforcement.ts';
import type { HazardSource } from './hazard-source.ts';

/** The roles a roster person can hold. */
export type Role = 'admin' | 'leader' | 'department' | 'contact';
export const ROLES: readonly Role[] = ['admin', 'leader', 'department', 'contact'];

export type UnitKind = 'park' | 'town' | 'department' | 'enterprise' | 'other';
export const UNIT_KINDS: readonly UnitKind[] = ['park', 'town', 'department', 'enterprise', 'other'];

export type GroupPurpose = 'unit' | 'department' | 'leaders' | 'other';

export type HazardLevel = 'general' | 'major';
export type HazardStatus = 'registered' | 'rectifying' | 'pending_review' | 'closed';
/**
 * Every status but closed. Queries name them rather than say "not closed": an index on the status
 * serves `IN (…)`, not `!=` (PostgreSQL scanned all 100,000 hazards for `status != 'closed'`).
 */
export const OPEN_STATUSES: readonly HazardStatus[] = ['registered', 'rectifying', 'pending_review'];

/** The sectors the county names (DOMAIN.md), plus 其他. */
export const CATEGORIES = [
  '危化品',
  '固体危险废物',
  '工业园区',
  '煤矿',
  '非煤矿山',
  '消防',
  '道路交通',
  '建筑施工',
  '其他',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Platform = 'console' | 'wechaty' | 'dingtalk' | 'wecom';

/** A local calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type LocalDate = string;

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  supervisorId: number | null;
  sector: string | null;
  blacklisted: boolean;
}

export interface Person {
  id: number;
  name: string;
  role: Role;
  unitId: number | null;
  wecomId: string | null;
  dingtalkId: string | null;
  wechatId: string | null;
  mobile: string | null;
}

export interface Group {
  id: number;
  name: string;
  unitId: number | null;
  purpose: GroupPurpose;
  wecomId: string | null;
  dingtalkId: string | null;
  wechatId: string | null;
}

export interface Hazard {
  id: number;
  code: string;
  description: string;
  location: string | null;
  category: string;
  level: HazardLevel;
  unitId: number;
  reporterId: number;
  ownerId: number;
  measures: string | null;
  deadline: LocalDate;
  originalDeadline: LocalDate;
  status: HazardStatus;
  progress: number;
  /** when the report (or decision) that set `progress` was sent: null before any */
  progressAt: Date | null;
  sourceGroupId: number | null;
  /** 来源: see hazard-source.ts */
  source: HazardSource;
  /** 督查反馈: the inspecting body and the inspection day */
  sourceBody: string | null;
  sourceDate: LocalDate | null;
  /** 专项整治: the campaign */
  campaignId: number | null;
  extensionTo: LocalDate | null;
  extensionReason: string | null;
  supervised: boolean;
  supervisingLeader: string | null;
  plan: Record<string, string>;
  createdAt: Date;
  closedOn: LocalDate | null;
}

/** A hazard with the names a reply needs. */
export interface HazardView extends Hazard {
  unitName: string;
  unitSupervisorId: number | null;
  ownerName: string;
  reporterName: string;
  /** the unit's confirmed credit-list entries: flags are derived from them on the day shown */
  unitCredit: CreditStanding[];
  /** the unit's 停产整顿 or 关闭取缔 in force, shown beside its name wherever the hazard is */
  unitEnforcement: UnitEnforcement;
}

/** One confirmed entry of a unit on a credit list, as far as a flag needs it. */
export interface CreditStanding {
  list: 'formal' | 'watch';
  /** first day on the list (formal: decision date) */
  from: LocalDate | null;
  /** the day it expires (formal: three years on) */
  expiresOn: LocalDate | null;
  /** early removal day, if any */
  removedOn: LocalDate | null;
}

export type HazardEventType =
  | 'created'
  | 'progress'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_denied'
  | 'reassigned'
  | 'supervised'
  | 'unsupervised'
  | 'plan_updated'
  | 'evidence'
  | 'reinspection_passed'
  | 'rebound'
  | 'urged'
  /** an enforcement decision about this hazard (the record itself is in EnforcementAction) */
  | 'enforcement';

export interface AttachmentInput {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  path: string;
}

export interface HazardEvent {
  id: number;
  hazardId: number;
  type: HazardEventType;
  actorId: number | null;
  actorName: string | null;
  at: Date;
  text: string;
  data: Record<string, unknown>;
  attachments: AttachmentInput[];
}
