import type { Store } from '../db/store.ts';
import { EMPTY_PROGRESS, type Batch, type ListProgress } from '../domain/problem-list.ts';
import type { LocalDate } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/** At most this many lists in a digest: the newest; the rest are one command away (问题清单). */
const MAX_LISTS = 3;

/**
 * The lines a digest or weekly summary adds for the 问题清单 still being worked on (some item not
 * closed), newest first, counted over `unitIds` (undefined: the county). Empty when there is none.
 */
export async function activeListLines(store: Store, today: LocalDate, unitIds?: readonly number[]): Promise<string[]> {
  const active: Array<{ batch: Batch; progress: ListProgress }> = [];
  for (const batch of await store.problemLists.imported()) {
    const units = (await store.problemLists.progressByUnit(batch.id, today)).filter((u) => unitIds === undefined || (u.unitId !== null && unitIds.includes(u.unitId)));
    const progress = units.reduce((a, p) => ({ total: a.total + p.total, closed: a.closed + p.closed, overdue: a.overdue + p.overdue, unassigned: a.unassigned + p.unassigned }), EMPTY_PROGRESS);
    if (progress.total > progress.closed) active.push({ batch, progress });
  }
  return active.length === 0 ? [] : zh.problemList.digestLines(active.slice(0, MAX_LISTS), active.length);
}
