import type { Store } from '../db/store.ts';
import type { LocalDate } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/**
 * Gives a job's items their unit's enforcement mark (红星化工〔停产整顿〕) on the day of the run,
 * read once per run: the items of the reminder queries carry the bare roster name.
 */
export async function unitMarker(store: Store, today: LocalDate): Promise<<T extends { unitId: number; unitName: string }>(item: T) => T> {
  const statuses = await store.enforcement.statuses();
  return (item) => {
    const status = statuses.get(item.unitId);
    const mark = status ? zh.enforcement.mark(status, today) : '';
    return mark ? { ...item, unitName: `${item.unitName}${mark}` } : item;
  };
}
