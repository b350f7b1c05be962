import type { DbTx } from './client.ts';
import { statement } from './statements.ts';
import type { LocalDate } from '../domain/types.ts';

export type ReinspectionStatus = 'pending' | 'passed' | 'rebound' | 'cancelled';

/** A follow-up check (滚动检查) of a closed hazard. */
export interface Reinspection {
  id: number;
  hazardId: number;
  closedOn: LocalDate;
  round: number;
  dueOn: LocalDate;
  status: ReinspectionStatus;
  decidedById: number | null;
  decidedAt: Date | null;
  note: string | null;
}

type Row = Omit<Reinspection, 'status'> & { status: string };
const toReinspection = (r: Row): Reinspection => ({ ...r, status: r.status as ReinspectionStatus });

/** Follow-up checks of closed hazards: scheduled at acceptance, answered by the supervising department. */
export function createReinspectionRepository(db: DbTx) {
  return {
    /** Schedules the checks of one closing; scheduling the same closing twice adds nothing. */
    async schedule(hazardId: number, closedOn: LocalDate, rounds: ReadonlyArray<{ round: number; dueOn: LocalDate }>): Promise<void> {
      for (const r of rounds) {
        await db.reinspection.upsert({
          where: { hazardId_closedOn_round: { hazardId, closedOn, round: r.round } },
          create: { hazardId, closedOn, round: r.round, dueOn: r.dueOn },
          update: {},
        });
      }
    },

    /** The hazard's checks still pending, the earliest first. */
    async pendingFor(hazardId: number): Promise<Reinspection[]> {
      const rows = statement(db, `SELECT id, hazardId, closedOn, round, dueOn, status, decidedById, decidedAt, note FROM "Reinspection"
        WHERE hazardId = ? AND status = 'pending' ORDER BY dueOn, id`).all(hazardId) as Array<Omit<Row, 'decidedAt'> & { decidedAt: string | null }>;
      return rows.map((r) => toReinspection({ ...r, decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt) }));
    },

    /**
     * Records the answer to every check of the hazard due by `today` (passing the 90-day check
     * answers a forgotten 30-day one too). A rebound also cancels the checks not yet due: the
     * hazard is open again and gets new ones when it closes again. Returns the rounds answered.
     */
    async decideDue(hazardId: number, today: LocalDate, decision: { status: 'passed' | 'rebound'; byId: number; at: Date; note: string }): Promise<number[]> {
      const due = await db.reinspection.findMany({ where: { hazardId, status: 'pending', dueOn: { lte: today } }, orderBy: { dueOn: 'asc' } });
      await db.reinspection.updateMany({
        where: { id: { in: due.map((r) => r.id) } },
        data: { status: decision.status, decidedById: decision.byId, decidedAt: decision.at, note: decision.note },
      });
      if (decision.status === 'rebound') {
        await db.reinspection.updateMany({ where: { hazardId, status: 'pending' }, data: { status: 'cancelled', decidedAt: decision.at } });
      }
      return due.map((r) => r.round);
    },

    /** Every pending check due by `today`, the earliest first: what the department is asked about. */
    async due(today: LocalDate): Promise<Reinspection[]> {
      const rows = await db.reinspection.findMany({ where: { status: 'pending', dueOn: { lte: today } }, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }] });
      return rows.map(toReinspection);
    },
  };
}

export type ReinspectionRepository = ReturnType<typeof createReinspectionRepository>;
