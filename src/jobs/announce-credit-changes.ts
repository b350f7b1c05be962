import { leaderTargets, targetKey } from './targets.ts';
import type { ScheduledJob } from './job.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import { zh } from '../i18n/zh-CN.ts';

/** An ending older than this is not announced (first start on an old database). */
const LOOKBACK_DAYS = 7;

/**
 * Tells the leaders when a formal credit-list entry ends: its three-year term is over, or the
 * early-removal day an admin entered has come. The flag itself needs no job: it is read off the
 * dates wherever the unit is shown.
 */
export const announceCreditChanges: ScheduledJob = {
  name: 'announce-credit-changes',
  cron: '0 8 * * *',
  async run({ now, store }) {
    const today = localDate(now);
    const since = addDays(today, -LOOKBACK_DAYS);
    const targets = await leaderTargets(store);
    const out: Array<OutgoingMessage & { dedupeKey: string }> = [];
    for (const e of await store.credit.entries('formal')) {
      const early = e.removedOn !== null && (e.expiresOn === null || e.removedOn < e.expiresOn);
      const end = early ? e.removedOn : e.expiresOn;
      if (end === null || end > today || end < since) continue;
      const text = zh.credit.formalEnded(e, end, early, now);
      for (const t of targets) out.push({ kind: 'push', ...t, mentions: [], text, dedupeKey: `credit-ended:${e.id}:${targetKey(t)}` });
    }
    return out;
  },
};
