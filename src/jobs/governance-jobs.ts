import { announceCreditChanges } from './announce-credit-changes.ts';
import type { ScheduledJob } from './job.ts';
import { proposeWatchList } from './propose-watch-list.ts';
import { remindMissingPlanParts } from './remind-missing-plan-parts.ts';
import { remindSupervisedHazards } from './remind-supervised-hazards.ts';
import { requestReinspections } from './request-reinspections.ts';
import { sendMonthlyBriefing, sendQuarterlyBriefing } from './send-briefings.ts';
import type { GovernanceConfig } from '../core/config.ts';

/**
 * The county-governance jobs, for the scheduler to register. The rules some of them
 * apply come from config, so the list is built from it.
 */
export function governanceJobs(governance: GovernanceConfig): ScheduledJob[] {
  return [
    announceCreditChanges,
    proposeWatchList(governance.watch),
    remindSupervisedHazards,
    remindMissingPlanParts,
    requestReinspections,
    sendMonthlyBriefing(governance),
    sendQuarterlyBriefing(governance),
  ];
}
