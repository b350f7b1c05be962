import type { Db } from './database.ts';
import { chainLeaders, type ChainLeaders, type ChainSubject, type LeaderCharge } from '../domain/responsibility-chain.ts';

/** A `leaders:` line as the roster import writes it: ids already resolved. */
export interface LeaderChargeInput {
  departmentId: number | null;
  sector: string | null;
  inChargeId: number | null;
  mainId: number | null;
}

/** 分管领导 and 主要领导 by department and sector: whom an escalation names. */
export function createLeaderRepository(db: Db) {
  const rows = () => db.selectFrom('LeaderCharge as c')
    .leftJoin('Unit as d', 'd.id', 'c.departmentId')
    .leftJoin('Person as i', 'i.id', 'c.inChargeId')
    .leftJoin('Person as m', 'm.id', 'c.mainId')
    .select(['c.departmentId', 'd.name as departmentName', 'c.sector', 'c.inChargeId', 'i.name as inChargeName', 'i.role as inChargeRole', 'c.mainId', 'm.name as mainName', 'm.role as mainRole', 'c.position'])
    .orderBy('c.position');
  /**
   * Every line, in the roster's order (a county has a few dozen). A person whose role was changed
   * in chat since (设置角色 刘县长 联系人) is no longer named: only a leader is a leader in charge.
   */
  async function charges(): Promise<LeaderCharge[]> {
    const leader = (id: number | null, name: string | null, role: string | null) => (id !== null && name !== null && role === 'leader' ? { id, name } : null);
    return (await rows().execute()).map((r) => ({
      departmentId: r.departmentId, departmentName: r.departmentName, sector: r.sector,
      inCharge: leader(r.inChargeId, r.inChargeName, r.inChargeRole), main: leader(r.mainId, r.mainName, r.mainRole),
    }));
  }
  return {
    charges,
    /**
     * Loads the lines and the supervision tree once (a job run, a command) and answers for each
     * hazard who its leader in charge and main leader are (the rule: src/domain/responsibility-chain.ts).
     */
    async resolver(): Promise<(subject: ChainSubject) => ChainLeaders> {
      const lines = await charges();
      if (lines.length === 0) return () => ({ inCharge: null, main: null });
      const units = await db.selectFrom('Unit').select(['id', 'supervisorId']).execute();
      const supervisorOf = new Map(units.map((u) => [u.id, u.supervisorId]));
      return (subject) => chainLeaders(subject, lines, (id) => supervisorOf.get(id) ?? null);
    },
    /**
     * Makes the lines exactly these (the roster's section is the whole truth): false, and nothing
     * written, when they already are. Run it in the import's transaction.
     */
    async replaceCharges(lines: readonly LeaderChargeInput[]): Promise<boolean> {
      const current = await db.selectFrom('LeaderCharge').select(['departmentId', 'sector', 'inChargeId', 'mainId']).orderBy('position').execute();
      const same = current.length === lines.length && current.every((c, i) => {
        const l = lines[i];
        return l !== undefined && c.departmentId === l.departmentId && c.sector === l.sector && c.inChargeId === l.inChargeId && c.mainId === l.mainId;
      });
      if (same) return false;
      await db.deleteFrom('LeaderCharge').execute();
      if (lines.length > 0) await db.insertInto('LeaderCharge').values(lines.map((l, position) => ({ ...l, position }))).execute();
      return true;
    },
  };
}

export type LeaderRepository = ReturnType<typeof createLeaderRepository>;
