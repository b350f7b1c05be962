import type { Insertable } from 'kysely';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import type { CreditListEntry } from './tables.ts';
import { toStanding } from './hazard-repository.ts';
import type { CreditEntry } from '../domain/credit.ts';
import type { CreditStanding, LocalDate } from '../domain/types.ts';
import type { WatchEvidence, WatchProposal } from '../domain/watch-rules.ts';

type Row = {
  id: number; unitId: number; list: string; status: string; decisionNo: string | null; authority: string | null;
  decidedOn: string | null; expiresOn: string | null; removedOn: string | null; reason: string; evidence: string;
  ruleKey: string | null; createdAt: string; decidedAt: string | null; note: string | null; unitName: string;
};

function toEntry(r: Row): CreditEntry {
  let evidence: WatchEvidence[] = [];
  try {
    evidence = JSON.parse(r.evidence) as WatchEvidence[];
  } catch {
    // a hand-edited row: show it without evidence
  }
  return {
    id: r.id, unitId: r.unitId, unitName: r.unitName, list: r.list === 'formal' ? 'formal' : 'watch',
    status: r.status as CreditEntry['status'], decisionNo: r.decisionNo, authority: r.authority, decidedOn: r.decidedOn,
    expiresOn: r.expiresOn, removedOn: r.removedOn, reason: r.reason, evidence, ruleKey: r.ruleKey,
    createdAt: fromSqlDate(r.createdAt), decidedAt: fromSqlDate(r.decidedAt), note: r.note,
  };
}

export interface FormalEntryInput {
  unitId: number;
  decisionNo: string;
  authority: string;
  decidedOn: LocalDate;
  expiresOn: LocalDate;
  removedOn: LocalDate | null;
  reason: string;
  enteredById: number;
  at: Date;
}

/** A proposal's identity: a unit and the rule's key (unique together). */
export const proposalKey = (unitId: number, ruleKey: string): string => `${unitId}:${ruleKey}`;

/**
 * The two credit lists: the formal 严重失信主体名单 (records of an authority's decision, entered by
 * an admin) and the 重点关注 watch list (proposed by rules, decided by an admin). Nothing is deleted:
 * removal and dismissal are dates and notes on the record.
 */
export function createCreditRepository(db: Db) {
  const entries = () => db.selectFrom('CreditListEntry as c').innerJoin('Unit as u', 'u.id', 'c.unitId').select([
    'c.id', 'c.unitId', 'c.list', 'c.status', 'c.decisionNo', 'c.authority', 'c.decidedOn', 'c.expiresOn', 'c.removedOn', 'c.reason',
    'c.evidence', 'c.ruleKey', 'c.createdAt', 'c.decidedAt', 'c.note', 'u.name as unitName',
  ]);
  const byIds = async (ids: readonly number[]): Promise<CreditEntry[]> =>
    ids.length === 0 ? [] : (await entries().where('c.id', 'in', [...ids]).orderBy('c.id').execute()).map(toEntry);
  async function insert(values: Omit<Insertable<CreditListEntry>, 'createdAt' | 'updatedAt'>, at: Date): Promise<CreditEntry> {
    const stamp = sqlDate(at);
    const { id } = await db.insertInto('CreditListEntry').values({ ...values, createdAt: stamp, updatedAt: stamp })
      .returning('id').executeTakeFirstOrThrow();
    const [entry] = await byIds([id]);
    if (!entry) throw new Error(`credit entry ${id} not found`);
    return entry;
  }

  return {
    async addFormal(input: FormalEntryInput): Promise<CreditEntry> {
      const { at, ...rest } = input;
      return insert({ ...rest, list: 'formal', status: 'confirmed', decidedAt: sqlDate(at), decidedById: input.enteredById }, at);
    },

    /** Entries of one list, oldest first; `open` leaves out dismissed and removed ones. */
    async entries(list: 'formal' | 'watch'): Promise<CreditEntry[]> {
      return (await entries().where('c.list', '=', list).orderBy('c.createdAt').orderBy('c.id').execute()).map(toEntry);
    },

    async entriesOfUnit(unitId: number, list: 'formal' | 'watch'): Promise<CreditEntry[]> {
      return (await entries().where('c.unitId', '=', unitId).where('c.list', '=', list).orderBy('c.createdAt').orderBy('c.id').execute()).map(toEntry);
    },

    /** Sets an early-removal day on entries; returns them as changed. */
    async setRemoved(ids: readonly number[], removedOn: LocalDate, decision: { byId: number; at: Date; note: string }): Promise<CreditEntry[]> {
      if (ids.length === 0) return [];
      await db.updateTable('CreditListEntry')
        .set({ removedOn, decidedById: decision.byId, decidedAt: sqlDate(decision.at), note: decision.note || null, updatedAt: sqlDate(decision.at) })
        .where('id', 'in', [...ids]).execute();
      return byIds(ids);
    },

    /**
     * Which of these the rules proposed before (in any state), as `proposalKey`s: a dismissed
     * proposal is not raised again. One statement for a run's proposals (one each was 177 at
     * 100,000 hazards).
     */
    async proposed(proposals: ReadonlyArray<{ unitId: number; ruleKey: string }>): Promise<Set<string>> {
      if (proposals.length === 0) return new Set();
      const rows = await db.selectFrom('CreditListEntry').select(['unitId', 'ruleKey'])
        .where('unitId', 'in', [...new Set(proposals.map((p) => p.unitId))]).where('ruleKey', 'in', [...new Set(proposals.map((p) => p.ruleKey))]).execute();
      return new Set(rows.flatMap((r) => (r.ruleKey === null ? [] : [proposalKey(r.unitId, r.ruleKey)])));
    },

    async propose(proposal: WatchProposal, at: Date): Promise<CreditEntry> {
      return insert({
        unitId: proposal.unitId, list: 'watch', status: 'proposed', ruleKey: proposal.ruleKey,
        reason: proposal.rule, evidence: JSON.stringify(proposal.evidence),
      }, at);
    },

    /** An admin puts a unit on the watch list directly, with a reason. */
    async addWatch(input: { unitId: number; reason: string; decidedOn: LocalDate; byId: number; at: Date }): Promise<CreditEntry> {
      return insert({
        unitId: input.unitId, list: 'watch', status: 'confirmed', reason: input.reason, decidedOn: input.decidedOn,
        enteredById: input.byId, decidedById: input.byId, decidedAt: sqlDate(input.at),
      }, input.at);
    },

    /** Confirms or dismisses every proposal waiting for a unit; returns them as decided. */
    async decideProposals(unitId: number, decision: { status: 'confirmed' | 'dismissed'; today: LocalDate; byId: number; at: Date; note: string }): Promise<CreditEntry[]> {
      const waiting = await db.selectFrom('CreditListEntry').select('id').where('unitId', '=', unitId).where('list', '=', 'watch').where('status', '=', 'proposed').execute();
      const ids = waiting.map((w) => w.id);
      if (ids.length === 0) return [];
      await db.updateTable('CreditListEntry').set({
        status: decision.status, decidedById: decision.byId, decidedAt: sqlDate(decision.at), note: decision.note || null, updatedAt: sqlDate(decision.at),
        ...(decision.status === 'confirmed' ? { decidedOn: decision.today } : {}),
      }).where('id', 'in', ids).execute();
      return byIds(ids);
    },

    /** Confirmed entries by unit: rankings and exports flag units with them. */
    async standings(): Promise<Map<number, CreditStanding[]>> {
      const rows = await db.selectFrom('CreditListEntry').select(['unitId', 'list', 'decidedOn', 'expiresOn', 'removedOn'])
        .where('status', '=', 'confirmed').orderBy('id').execute();
      const byUnit = new Map<number, CreditStanding[]>();
      for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), toStanding(r)]);
      return byUnit;
    },
  };
}

export type CreditRepository = ReturnType<typeof createCreditRepository>;
