import type { DbTx } from './client.ts';

/** When each scheduled job last ran: what catch-up after downtime starts from. */
export function createJobRunRepository(db: DbTx) {
  return {
    async lastRunAt(job: string): Promise<Date | null> {
      return (await db.jobRun.findUnique({ where: { job } }))?.lastRunAt ?? null;
    },
    /** Records a run; an earlier time never moves the record back. */
    async record(job: string, at: Date): Promise<void> {
      const last = await db.jobRun.findUnique({ where: { job } });
      if (!last) await db.jobRun.create({ data: { job, lastRunAt: at } });
      else if (last.lastRunAt < at) await db.jobRun.update({ where: { job }, data: { lastRunAt: at } });
    },
  };
}

export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
