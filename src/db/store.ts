import { transaction, type Db } from './database.ts';
import { createDigestRepository } from './digest-repository.ts';
import { createCreditRepository } from './credit-repository.ts';
import { createDashboardRepository } from './dashboard-repository.ts';
import { createDraftRepository } from './draft-repository.ts';
import { createEnforcementRepository } from './enforcement-repository.ts';
import { createEvidenceRepository } from './evidence-repository.ts';
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
import { createRateBucketRepository } from './rate-bucket-repository.ts';
import { createReminderRepository } from './reminder-repository.ts';
import { createReinspectionRepository } from './reinspection-repository.ts';
import { createRosterRepository } from './roster-repository.ts';
import { createRuntimeRepository } from './runtime-repository.ts';

/**
 * Every repository over the database or one transaction, each made when first used: a message
 * uses a few of them, and making all of them (closures by the hundred) for every message and
 * every delivery pass cost more than some of its queries.
 */
export class Store {
  readonly #db: Db;
  readonly #made = new Map<string, unknown>();

  constructor(db: Db) {
    this.#db = db;
  }

  #once<R>(name: string, create: (db: Db) => R): R {
    let repository = this.#made.get(name) as R | undefined;
    if (repository === undefined) {
      repository = create(this.#db);
      this.#made.set(name, repository);
    }
    return repository;
  }

  get roster(): ReturnType<typeof createRosterRepository> { return this.#once('roster', createRosterRepository); }
  get hazards(): ReturnType<typeof createHazardRepository> { return this.#once('hazards', createHazardRepository); }
  get drafts(): ReturnType<typeof createDraftRepository> { return this.#once('drafts', createDraftRepository); }
  get messages(): ReturnType<typeof createMessageLogRepository> { return this.#once('messages', createMessageLogRepository); }
  get outbox(): ReturnType<typeof createOutboxRepository> { return this.#once('outbox', createOutboxRepository); }
  get reminders(): ReturnType<typeof createReminderRepository> { return this.#once('reminders', createReminderRepository); }
  get digests(): ReturnType<typeof createDigestRepository> { return this.#once('digests', createDigestRepository); }
  get jobRuns(): ReturnType<typeof createJobRunRepository> { return this.#once('jobRuns', createJobRunRepository); }
  get leases(): ReturnType<typeof createLeaseRepository> { return this.#once('leases', createLeaseRepository); }
  get reinspections(): ReturnType<typeof createReinspectionRepository> { return this.#once('reinspections', createReinspectionRepository); }
  get credit(): ReturnType<typeof createCreditRepository> { return this.#once('credit', createCreditRepository); }
  get governance(): ReturnType<typeof createGovernanceRepository> { return this.#once('governance', createGovernanceRepository); }
  get dashboard(): ReturnType<typeof createDashboardRepository> { return this.#once('dashboard', createDashboardRepository); }
  get identity(): ReturnType<typeof createIdentityRepository> { return this.#once('identity', createIdentityRepository); }
  get enforcement(): ReturnType<typeof createEnforcementRepository> { return this.#once('enforcement', createEnforcementRepository); }
  get evidence(): ReturnType<typeof createEvidenceRepository> { return this.#once('evidence', createEvidenceRepository); }
  get problemLists(): ReturnType<typeof createProblemListRepository> { return this.#once('problemLists', createProblemListRepository); }
  get leaders(): ReturnType<typeof createLeaderRepository> { return this.#once('leaders', createLeaderRepository); }
  get runtime(): ReturnType<typeof createRuntimeRepository> { return this.#once('runtime', createRuntimeRepository); }
  get notices(): ReturnType<typeof createNoticeRepository> { return this.#once('notices', createNoticeRepository); }
  get rateBuckets(): ReturnType<typeof createRateBucketRepository> { return this.#once('rateBuckets', createRateBucketRepository); }
}

/** Every repository over the database or one transaction. */
export function createStore(db: Db): Store {
  return new Store(db);
}

/**
 * Runs `work` in one transaction with a store bound to it: all of it lands, or none (see
 * transaction() in database.ts for what each database guarantees). Inside, use only the store:
 * on SQLite the one connection belongs to the transaction until it ends.
 */
export function inTransaction<T>(db: Db, work: (store: Store) => Promise<T>): Promise<T> {
  return transaction(db, (tx) => work(createStore(tx)));
}
