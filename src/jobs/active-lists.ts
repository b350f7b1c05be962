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
  return (await activeLists(store, today))(unitIds);
}

/**
 * `activeListLines` for many scopes, the lists and their progress read once: a job asking per
 * department read them once per department.
 */
export async function activeLists(store: Store, today: LocalDate): Promise<(unitIds?: readonly number[]) => string[]> {
  const lists = await Promise.all((await store.problemLists.imported()).map(async (batch) => ({ batch, units: await store.problemLists.progressByUnit(batch.id, today) })));
  return (unitIds) => {
    const active: Array<{ batch: Batch; progress: ListProgress }> = [];
    for (const { batch, units } of lists) {
      const progress = units.filter((u) => unitIds === undefined || (u.unitId !== null && unitIds.includes(u.unitId)))
        .reduce((a, p) => ({ total: a.total + p.total, closed: a.closed + p.closed, overdue: a.overdue + p.overdue, unassigned: a.unassigned + p.unassigned }), EMPTY_PROGRESS);
      if (progress.total > progress.closed) active.push({ batch, progress });
    }
    return active.length === 0 ? [] : zh.problemList.digestLines(active.slice(0, MAX_LISTS), active.length);
  };
}
