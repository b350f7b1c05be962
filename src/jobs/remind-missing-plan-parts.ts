import { Batches, ownerTargets, targetKey } from './targets.ts';
import type { ScheduledJob } from './job.ts';
import { localDate } from '../domain/calendar.ts';
import { missingPlanParts } from '../domain/plan.ts';
import type { HazardView } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/** Every morning, owners of open major hazards whose six-part plan is incomplete are told what is missing. */
export const remindMissingPlanParts: ScheduledJob = {
  name: 'remind-missing-plan-parts',
  cron: '30 9 * * *',
  async run({ now, store }) {
    const today = localDate(now);
    const batches = new Batches<HazardView>();
    for (const h of await store.hazards.openMajor()) {
      if (missingPlanParts(h.plan).length === 0) continue;
      for (const t of await ownerTargets(store, h)) batches.add(t, h, h.ownerId);
    }
    return batches.messages(
      (items) => zh.plan.reminder(items, now),
      (t) => `plan-reminder:${today}:${targetKey(t)}`,
    );
  },
};
