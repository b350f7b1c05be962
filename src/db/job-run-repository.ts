import { fromSqlDate, sqlDate, type Db } from './database.ts';

/** When each scheduled job last ran: what catch-up after downtime starts from. */
export function createJobRunRepository(db: Db) {
  return {
    async lastRunAt(job: string): Promise<Date | null> {
      const row = await db.selectFrom('JobRun').select('lastRunAt').where('job', '=', job).executeTakeFirst();
      return row ? fromSqlDate(row.lastRunAt) : null;
    },
    /** Records a run; an earlier time never moves the record back. */
    async record(job: string, at: Date): Promise<void> {
      const lastRunAt = sqlDate(at);
      // both providers store the same ISO text shape, so text order is time order
      await db.insertInto('JobRun').values({ job, lastRunAt })
        .onConflict((oc) => oc.column('job').doUpdateSet({ lastRunAt }).where('JobRun.lastRunAt', '<', lastRunAt)).execute();
    },
    /**
     * Records that `job` runs for the due time `dueAt` (a cron trigger time); false, and nothing
     * written, when that due time ran before — on this or any other instance, on time or caught up.
     * Run it in the run's transaction: the run and its record land together, and a concurrent run
     * of the same due time waits on the key and then finds it taken.
     */
    async claimDueTime(job: string, dueAt: Date, ranAt: Date, late: boolean, instance: string): Promise<boolean> {
      const result = await db.insertInto('ScheduledRun').values({ job, dueAt: sqlDate(dueAt), ranAt: sqlDate(ranAt), late: late ? 1 : 0, instance })
        .onConflict((oc) => oc.columns(['job', 'dueAt']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    /** The latest run of each job (运行状态), newest first. */
    async latestRuns(): Promise<Array<{ job: string; dueAt: Date; ranAt: Date; late: boolean; instance: string }>> {
      const rows = await db.selectFrom('ScheduledRun as r').select(['r.job', 'r.dueAt', 'r.ranAt', 'r.late', 'r.instance'])
        .where('r.dueAt', '=', (eb) => eb.selectFrom('ScheduledRun as s').select((e) => e.fn.max('s.dueAt').as('m')).whereRef('s.job', '=', 'r.job'))
        .orderBy('r.ranAt', 'desc').execute();
      return rows.map((r) => ({ job: r.job, dueAt: fromSqlDate(r.dueAt), ranAt: fromSqlDate(r.ranAt), late: Number(r.late) === 1, instance: r.instance }));
    },
  };
}

export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
