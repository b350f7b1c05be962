import { dailyCron, weeklyCron, type ScheduleConfig } from './schedule-config.ts';
import { officialCalendar } from '../domain/work-calendar.ts';
import type { GovernanceConfig } from '../core/config.ts';
import { governanceJobs } from '../jobs/governance-jobs.ts';
import type { ScheduledJob } from '../jobs/job.ts';
import { sendDailyDigest } from '../jobs/send-daily-digest.ts';
import { sendMorningMessage } from '../jobs/send-morning-message.ts';
import { sendWeeklySummary } from '../jobs/send-weekly-summary.ts';

/** Every scheduled job, wired to the configured times; the scheduler runs them in this order when they fall due together. */
export function scheduledJobs(schedule: ScheduleConfig, governance?: GovernanceConfig): ScheduledJob[] {
  const calendar = officialCalendar(schedule);
  return [
    sendMorningMessage({ cron: dailyCron(schedule.morningTime), remindDays: schedule.remindDays, escalation: schedule.escalation, leaderChain: schedule.leaderChain, calendar }),
    sendDailyDigest({ cron: dailyCron(schedule.digestTime), calendar }),
    sendWeeklySummary({ cron: weeklyCron(schedule.weekly) }),
    ...(governance ? governanceJobs(governance) : []),
  ];
}
