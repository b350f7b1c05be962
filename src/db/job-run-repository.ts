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
  };
}

export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
