import { Batches, ownerTargets, supervisorTargets, targetKey } from './targets.ts';
import type { ScheduledJob } from './job.ts';
import { localDate } from '../domain/calendar.ts';
import type { HazardView } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/**
 * Every morning, each hazard listed for supervision (挂牌督办) and not yet closed is named to its
 * owner (in the unit's groups) and to the supervising department, one message per group.
 */
export const remindSupervisedHazards: ScheduledJob = {
  name: 'remind-supervised-hazards',
  cron: '0 9 * * *',
  async run({ now, store }) {
    const today = localDate(now);
    const batches = new Batches<HazardView>();
    for (const h of await store.hazards.supervisedOpen()) {
      for (const t of await ownerTargets(store, h)) batches.add(t, h, h.ownerId);
      for (const t of await supervisorTargets(store, h)) batches.add(t, h);
    }
    return batches.messages(
      (items) => zh.supervision.reminder(items, now),
      (t) => `supervision-reminder:${today}:${targetKey(t)}`,
    );
  },
};
