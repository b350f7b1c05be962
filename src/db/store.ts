import { transaction, type Db } from './database.ts';
import { createDigestRepository } from './digest-repository.ts';
import { createCreditRepository } from './credit-repository.ts';
import { createDashboardRepository } from './dashboard-repository.ts';
import { createDraftRepository } from './draft-repository.ts';
import { createEnforcementRepository } from './enforcement-repository.ts';
import { createGovernanceRepository } from './governance-repository.ts';
import { createHazardRepository } from './hazard-repository.ts';
import { createIdentityRepository } from './identity-repository.ts';
import { createJobRunRepository } from './job-run-repository.ts';
import { createLeaseRepository } from './lease-repository.ts';
import { createLeaderRepository } from './leader-repository.ts';
import { createMessageLogRepository } from './message-log-repository.ts';
import { createNoticeRepository } from './notice-repository.ts';
import { createOutboxRepository } from './outbox-repository.ts';
import { createProblemListRepository } from './problem-list-repository.ts';
import { createReminderRepository } from './reminder-repository.ts';
import { createReinspectionRepository } from './reinspection-repository.ts';
import { createRosterRepository } from './roster-repository.ts';
import { createRuntimeRepository } from './runtime-repository.ts';

/** Every repository over the database or one transaction. */
export function createStore(db: Db) {
  return {
    roster: createRosterRepository(db),
    hazards: createHazardRepository(db),
    drafts: createDraftRepository(db),
    messages: createMessageLogRepository(db),
    outbox: createOutboxRepository(db),
    reminders: createReminderRepository(db),
    digests: createDigestRepository(db),
    jobRuns: createJobRunRepository(db),
    leases: createLeaseRepository(db),
    reinspections: createReinspectionRepository(db),
    credit: createCreditRepository(db),
    governance: createGovernanceRepository(db),
    dashboard: createDashboardRepository(db),
    identity: createIdentityRepository(db),
    enforcement: createEnforcementRepository(db),
    problemLists: createProblemListRepository(db),
    leaders: createLeaderRepository(db),
    runtime: createRuntimeRepository(db),
    notices: createNoticeRepository(db),
  };
}

export type Store = ReturnType<typeof createStore>;

/**
 * Runs `work` in one transaction with a store bound to it: all of it lands, or none (see
 * transaction() in database.ts for what each database guarantees). Inside, use only the store:
 * on SQLite the one connection belongs to the transaction until it ends.
 */
export function inTransaction<T>(db: Db, work: (store: Store) => Promise<T>): Promise<T> {
  return transaction(db, (tx) => work(createStore(tx)));
}
