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

const repositories = {
  roster: createRosterRepository,
  hazards: createHazardRepository,
  drafts: createDraftRepository,
  messages: createMessageLogRepository,
  outbox: createOutboxRepository,
  reminders: createReminderRepository,
  digests: createDigestRepository,
  jobRuns: createJobRunRepository,
  leases: createLeaseRepository,
  reinspections: createReinspectionRepository,
  credit: createCreditRepository,
  governance: createGovernanceRepository,
  dashboard: createDashboardRepository,
  identity: createIdentityRepository,
  enforcement: createEnforcementRepository,
  problemLists: createProblemListRepository,
  leaders: createLeaderRepository,
  runtime: createRuntimeRepository,
  notices: createNoticeRepository,
};

/** Every repository over the database or one transaction. */
export type Store = { readonly [K in keyof typeof repositories]: ReturnType<(typeof repositories)[K]> };

/**
 * Every repository over the database or one transaction, each made when first used: a message
 * uses three or four of the nineteen, and making them all (hundreds of closures) cost ~5 % of a
 * progress report's CPU (BENCHMARKS.md).
 */
export function createStore(db: Db): Store {
  return new LazyStore(db) as unknown as Store;
}

/** The store's repositories as getters on one prototype, each made on first use and kept. */
class LazyStore {
  readonly made: Partial<Record<keyof Store, unknown>> = {};
  constructor(readonly db: Db) {}
}
for (const [name, create] of Object.entries(repositories) as Array<[keyof Store, (db: Db) => unknown]>) {
  Object.defineProperty(LazyStore.prototype, name, {
    enumerable: true,
    get(this: LazyStore) {
      return (this.made[name] ??= create(this.db));
    },
  });
}

/**
 * Runs `work` in one transaction with a store bound to it: all of it lands, or none (see
 * transaction() in database.ts for what each database guarantees). Inside, use only the store:
 * on SQLite the one connection belongs to the transaction until it ends.
 */
export function inTransaction<T>(db: Db, work: (store: Store) => Promise<T>): Promise<T> {
  return transaction(db, (tx) => work(createStore(tx)));
}
