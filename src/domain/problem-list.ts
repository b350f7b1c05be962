/**
 * 问题清单 and 专项整治: lists of problems that arrive together and are reported back together.
 * A batch is one imported list; each of its items became a hazard, or waits as 待明确 until the
 * supervising department names its owner and deadline. A campaign groups hazards and lists.
 */
import type { HazardSource } from './hazard-source.ts';
import type { HazardLevel, LocalDate } from './types.ts';

export type BatchStatus = 'preview' | 'imported' | 'cancelled';

export interface Batch {
  id: number;
  /** QD-0001 once imported; null for a preview */
  code: string | null;
  title: string;
  source: HazardSource;
  sourceBody: string | null;
  sourceDate: LocalDate | null;
  campaignId: number | null;
  campaignName: string | null;
  status: BatchStatus;
  fileName: string;
  createdById: number;
  groupId: number | null;
  createdAt: Date;
  importedAt: Date | null;
}

export interface BatchItem {
  id: number;
  batchId: number;
  seq: number;
  label: string;
  origin: string;
  unitWritten: string;
  unitId: number | null;
  description: string;
  category: string | null;
  level: HazardLevel;
  measures: string | null;
  ownerName: string | null;
  deadline: LocalDate | null;
  hazardId: number | null;
}

/** How far a list (or a campaign, or one unit's part of it) has got. */
export interface ListProgress {
  total: number;
  closed: number;
  /** assigned, open, past the deadline on the day asked */
  overdue: number;
  /** 待明确: no owner or deadline yet, so no hazard yet */
  unassigned: number;
}

export const EMPTY_PROGRESS: ListProgress = { total: 0, closed: 0, overdue: 0, unassigned: 0 };

export interface Campaign {
  id: number;
  name: string;
  sectors: string[];
  leadUnitId: number | null;
  leadUnitName: string | null;
  startOn: LocalDate | null;
  endOn: LocalDate | null;
}

/** The list's number as people say it: `QD-0001`, `qd1`, `QD 1`. */
export const BATCH_CODE = /\bQD\s*[-_—–]?\s*(\d{1,6})\b/i;

export function formatBatchCode(n: number): string {
  return `QD-${String(n).padStart(4, '0')}`;
}

/** The batch code a text names, normalized, or null. */
export function findBatchCode(text: string): string | null {
  const m = BATCH_CODE.exec(text);
  return m?.[1] ? formatBatchCode(Number(m[1])) : null;
}

/** What is still missing before an item can become a hazard; empty when it is ready. */
export type ItemGap = 'owner' | 'deadline' | 'ownerUnknown' | 'deadlineUnreadable' | 'deadlinePast';
