import { rawTransaction, type Db, type DbTx } from './client.ts';
import { createDigestRepository } from './digest-repository.ts';
import { createCreditRepository } from './credit-repository.ts';
import { createDashboardRepository } from './dashboard-repository.ts';
import { createDraftRepository } from './draft-repository.ts';
import { createGovernanceRepository } from './governance-repository.ts';
import { createHazardRepository } from './hazard-repository.ts';
import { createJobRunRepository } from './job-run-repository.ts';
import { createMessageLogRepository } from './message-log-repository.ts';
import { createOutboxRepository } from './outbox-repository.ts';
import { createReminderRepository } from './reminder-repository.ts';
import { createReinspectionRepository } from './reinspection-repository.ts';
import { createRosterRepository } from './roster-repository.ts';

/** Every repository over one client or transaction. */
export function createStore(db: DbTx) {
  return {
    roster: createRosterRepository(db),
    hazards: createHazardRepository(db),
    drafts: createDraftRepository(db),
    messages: createMessageLogRepository(db),
    outbox: createOutboxRepository(db),
    reminders: createReminderRepository(db),
    digests: createDigestRepository(db),
    jobRuns: createJobRunRepository(db),
    reinspections: createReinspectionRepository(db),
    credit: createCreditRepository(db),
    governance: createGovernanceRepository(db),
    dashboard: createDashboardRepository(db),
  };
}

export type Store = ReturnType<typeof createStore>;

/**
 * Runs `work` in one SQLite transaction with a store bound to it: all of it lands, or none.
 * The transaction is taken on the connection itself (rawTransaction), not with Prisma's
 * $transaction, whose bookkeeping cost more than all of a message's statements together.
 */
export function inTransaction<T>(db: Db, work: (store: Store) => Promise<T>): Promise<T> {
  return rawTransaction(db, () => work(createStore(db)));
}
