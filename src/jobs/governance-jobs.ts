import { announceCreditChanges } from './announce-credit-changes.ts';
import type { ScheduledJob } from './job.ts';
import { proposeWatchList } from './propose-watch-list.ts';
import { sendMonthlyBriefing, sendQuarterlyBriefing } from './send-briefings.ts';
import type { GovernanceConfig } from '../core/config.ts';

/**
 * The county-governance jobs, for the scheduler to register (supervision, plan and follow-up-check
 * reminders are sections of the morning message, src/jobs/send-morning-message.ts). The rules some of them
 * apply come from config, so the list is built from it.
 */
export function governanceJobs(governance: GovernanceConfig): ScheduledJob[] {
  return [
    announceCreditChanges,
    proposeWatchList(governance.watch),
    sendMonthlyBriefing(governance),
    sendQuarterlyBriefing(governance),
  ];
}
