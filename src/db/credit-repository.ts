import type { DbTx } from './client.ts';
import { CREDIT_STANDING_SELECT, toStanding } from './hazard-repository.ts';
import type { CreditEntry } from '../domain/credit.ts';
import type { CreditStanding, LocalDate } from '../domain/types.ts';
import type { WatchEvidence, WatchProposal } from '../domain/watch-rules.ts';

type Row = {
  id: number; unitId: number; list: string; status: string; decisionNo: string | null; authority: string | null;
  decidedOn: string | null; expiresOn: string | null; removedOn: string | null; reason: string; evidence: string;
  ruleKey: string | null; createdAt: Date; decidedAt: Date | null; note: string | null; unit: { name: string };
};

function toEntry(r: Row): CreditEntry {
  let evidence: WatchEvidence[] = [];
  try {
    evidence = JSON.parse(r.evidence) as WatchEvidence[];
  } catch {
    // a hand-edited row: show it without evidence
  }
  return {
    id: r.id, unitId: r.unitId, unitName: r.unit.name, list: r.list === 'formal' ? 'formal' : 'watch',
    status: r.status as CreditEntry['status'], decisionNo: r.decisionNo, authority: r.authority, decidedOn: r.decidedOn,
    expiresOn: r.expiresOn, removedOn: r.removedOn, reason: r.reason, evidence, ruleKey: r.ruleKey,
    createdAt: r.createdAt, decidedAt: r.decidedAt, note: r.note,
  };
}

const WITH_UNIT = { unit: { select: { name: true } } } as const;

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

/**
 * The two credit lists: the formal 严重失信主体名单 (records of an authority's decision, entered by
 * an admin) and the 重点关注 watch list (proposed by rules, decided by an admin). Nothing is deleted:
 * removal and dismissal are dates and notes on the record.
 */
export function createCreditRepository(db: DbTx) {
  return {
    async addFormal(input: FormalEntryInput): Promise<CreditEntry> {
      const { at, ...rest } = input;
      return toEntry(await db.creditListEntry.create({
        data: { ...rest, list: 'formal', status: 'confirmed', createdAt: at, decidedAt: at, decidedById: input.enteredById },
        include: WITH_UNIT,
      }));
    },

    /** Entries of one list, oldest first; `open` leaves out dismissed and removed ones. */
    async entries(list: 'formal' | 'watch'): Promise<CreditEntry[]> {
      return (await db.creditListEntry.findMany({ where: { list }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: WITH_UNIT })).map(toEntry);
    },

    async entriesOfUnit(unitId: number, list: 'formal' | 'watch'): Promise<CreditEntry[]> {
      return (await db.creditListEntry.findMany({ where: { unitId, list }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: WITH_UNIT })).map(toEntry);
    },

    /** Sets an early-removal day on entries; returns them as changed. */
    async setRemoved(ids: readonly number[], removedOn: LocalDate, decision: { byId: number; at: Date; note: string }): Promise<CreditEntry[]> {
      await db.creditListEntry.updateMany({
        where: { id: { in: [...ids] } },
        data: { removedOn, decidedById: decision.byId, decidedAt: decision.at, note: decision.note || null },
      });
      return (await db.creditListEntry.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: 'asc' }, include: WITH_UNIT })).map(toEntry);
    },

    /** Whether the rules proposed this before (in any state): a dismissed proposal is not raised again. */
    async proposed(unitId: number, ruleKey: string): Promise<boolean> {
      return (await db.creditListEntry.count({ where: { unitId, ruleKey } })) > 0;
    },

    async propose(proposal: WatchProposal, at: Date): Promise<CreditEntry> {
      return toEntry(await db.creditListEntry.create({
        data: {
          unitId: proposal.unitId, list: 'watch', status: 'proposed', ruleKey: proposal.ruleKey,
          reason: proposal.rule, evidence: JSON.stringify(proposal.evidence), createdAt: at,
        },
        include: WITH_UNIT,
      }));
    },

    /** An admin puts a unit on the watch list directly, with a reason. */
    async addWatch(input: { unitId: number; reason: string; decidedOn: LocalDate; byId: number; at: Date }): Promise<CreditEntry> {
      return toEntry(await db.creditListEntry.create({
        data: {
          unitId: input.unitId, list: 'watch', status: 'confirmed', reason: input.reason, decidedOn: input.decidedOn,
          enteredById: input.byId, decidedById: input.byId, decidedAt: input.at, createdAt: input.at,
        },
        include: WITH_UNIT,
      }));
    },

    /** Confirms or dismisses every proposal waiting for a unit; returns them as decided. */
    async decideProposals(unitId: number, decision: { status: 'confirmed' | 'dismissed'; today: LocalDate; byId: number; at: Date; note: string }): Promise<CreditEntry[]> {
      const waiting = await db.creditListEntry.findMany({ where: { unitId, list: 'watch', status: 'proposed' }, select: { id: true } });
      const ids = waiting.map((w) => w.id);
      await db.creditListEntry.updateMany({
        where: { id: { in: ids } },
        data: {
          status: decision.status, decidedById: decision.byId, decidedAt: decision.at, note: decision.note || null,
          ...(decision.status === 'confirmed' ? { decidedOn: decision.today } : {}),
        },
      });
      return (await db.creditListEntry.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, include: WITH_UNIT })).map(toEntry);
    },

    /** Confirmed entries by unit: rankings and exports flag units with them. */
    async standings(): Promise<Map<number, CreditStanding[]>> {
      const rows = await db.creditListEntry.findMany({ where: { status: 'confirmed' }, select: { unitId: true, ...CREDIT_STANDING_SELECT } });
      const byUnit = new Map<number, CreditStanding[]>();
      for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), toStanding(r)]);
      return byUnit;
    },
  };
}

export type CreditRepository = ReturnType<typeof createCreditRepository>;
