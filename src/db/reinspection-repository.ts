import { fromSqlDate, sqlDate, type Db } from './database.ts';
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

const COLUMNS = ['id', 'hazardId', 'closedOn', 'round', 'dueOn', 'status', 'decidedById', 'decidedAt', 'note'] as const;
type Row = Omit<Reinspection, 'status' | 'decidedAt'> & { status: string; decidedAt: string | null };
const toReinspection = (r: Row): Reinspection => ({ ...r, status: r.status as ReinspectionStatus, decidedAt: fromSqlDate(r.decidedAt) });

/** Follow-up checks of closed hazards: scheduled at acceptance, answered by the supervising department. */
export function createReinspectionRepository(db: Db) {
  return {
    /** Schedules the checks of one closing; scheduling the same closing twice adds nothing. */
    async schedule(hazardId: number, closedOn: LocalDate, rounds: ReadonlyArray<{ round: number; dueOn: LocalDate }>): Promise<void> {
      if (rounds.length === 0) return;
      await db.insertInto('Reinspection').values(rounds.map((r) => ({ hazardId, closedOn, round: r.round, dueOn: r.dueOn })))
        .onConflict((oc) => oc.columns(['hazardId', 'closedOn', 'round']).doNothing()).execute();
    },

    /** The hazard's checks still pending, the earliest first. */
    async pendingFor(hazardId: number): Promise<Reinspection[]> {
      const rows = await db.selectFrom('Reinspection').select(COLUMNS).where('hazardId', '=', hazardId).where('status', '=', 'pending')
        .orderBy('dueOn').orderBy('id').execute();
      return rows.map(toReinspection);
    },

    /**
     * Records the answer to every check of the hazard due by `today` (passing the 90-day check
     * answers a forgotten 30-day one too). A rebound also cancels the checks not yet due: the
     * hazard is open again and gets new ones when it closes again. Returns the rounds answered.
     */
    async decideDue(hazardId: number, today: LocalDate, decision: { status: 'passed' | 'rebound'; byId: number; at: Date; note: string }): Promise<number[]> {
      const due = await db.selectFrom('Reinspection').select(['id', 'round']).where('hazardId', '=', hazardId).where('status', '=', 'pending')
        .where('dueOn', '<=', today).orderBy('dueOn').orderBy('id').execute();
      if (due.length > 0) {
        await db.updateTable('Reinspection')
          .set({ status: decision.status, decidedById: decision.byId, decidedAt: sqlDate(decision.at), note: decision.note })
          .where('id', 'in', due.map((r) => r.id)).execute();
      }
      if (decision.status === 'rebound') {
        await db.updateTable('Reinspection').set({ status: 'cancelled', decidedAt: sqlDate(decision.at) })
          .where('hazardId', '=', hazardId).where('status', '=', 'pending').execute();
      }
      return due.map((r) => r.round);
    },

    /** Every pending check due by `today`, the earliest first: what the department is asked about. */
    async due(today: LocalDate): Promise<Reinspection[]> {
      const rows = await db.selectFrom('Reinspection').select(COLUMNS).where('status', '=', 'pending').where('dueOn', '<=', today)
        .orderBy('dueOn').orderBy('id').execute();
      return rows.map(toReinspection);
    },
  };
}

export type ReinspectionRepository = ReturnType<typeof createReinspectionRepository>;
