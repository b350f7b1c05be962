import { leaderTargets, supervisorTargets, targetKey } from './targets.ts';
import type { ScheduledJob } from './job.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { daysBetween, localDate } from '../domain/calendar.ts';
import { zh } from '../i18n/zh-CN.ts';

/**
 * Asks the supervising department to re-check each closed hazard whose follow-up check (30 and
 * 90 days after closing, by default) has come, and asks again every 7 days while unanswered.
 * Units without a supervisor are asked of the leaders' group.
 */
export const requestReinspections: ScheduledJob = {
  name: 'request-reinspections',
  cron: '0 10 * * *',
  async run({ now, store }) {
    const today = localDate(now);
    const due = await store.reinspections.due(today);
    // several rounds due for one hazard (a forgotten 30-day check): ask once, for the latest
    const latest = new Map(due.map((r) => [r.hazardId, r]));
    const hazards = await store.hazards.byIds([...latest.keys()]);
    const out: Array<OutgoingMessage & { dedupeKey: string }> = [];
    for (const h of hazards) {
      const r = latest.get(h.id);
      if (!r || h.status !== 'closed') continue;
      const supervisors = await supervisorTargets(store, h);
      const targets = supervisors.length > 0 ? supervisors : await leaderTargets(store);
      const reviewer = h.unitSupervisorId !== null ? ((await store.roster.unitById(h.unitSupervisorId))?.name ?? '监管部门') : '管理员';
      const week = Math.floor(daysBetween(r.dueOn, today) / 7);
      for (const t of targets) {
        out.push({
          kind: 'push', ...t, mentions: [],
          text: zh.reinspection.request(h, r.round, r.closedOn, reviewer, now),
          dedupeKey: `reinspection:${r.id}:w${week}:${targetKey(t)}`,
        });
      }
    }
    return out;
  },
};
