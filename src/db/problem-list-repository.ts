import { sql } from 'kysely';
import { compiledOnce } from './compiled-query.ts';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { isHazardSource, type HazardSource } from '../domain/hazard-source.ts';
import {
  EMPTY_PROGRESS, formatBatchCode, type Batch, type BatchItem, type BatchStatus, type Campaign, type ListProgress,
} from '../domain/problem-list.ts';
import type { HazardLevel, LocalDate } from '../domain/types.ts';

export interface NewBatch {
  title: string;
  source: HazardSource;
  sourceBody: string | null;
  sourceDate: LocalDate | null;
  campaignId: number | null;
  fileName: string;
  filePath: string | null;
  createdById: number;
  groupId: number | null;
  at: Date;
}

export type NewBatchItem = Omit<BatchItem, 'id' | 'batchId' | 'hazardId'>;

export interface NewCampaign {
  name: string;
  sectors: string[];
  leadUnitId: number | null;
  startOn: LocalDate | null;
  endOn: LocalDate | null;
  at: Date;
}

/** An imported item still waiting for its owner or deadline. */
export interface PendingItem {
  batchCode: string;
  seq: number;
  unitId: number;
  unitName: string;
  /** the unit of the person who imported the list (who may 补全 it too), or null */
  importerUnitId: number | null;
  description: string;
  ownerName: string | null;
  deadline: LocalDate | null;
}

/** One unit's part of a list. */
export interface UnitProgress extends ListProgress {
  unitId: number | null;
  unitName: string;
}

type BatchRow = {
  id: number; code: string | null; title: string; source: string; sourceBody: string | null; sourceDate: string | null;
  campaignId: number | null; campaignName: string | null; status: string; fileName: string; createdById: number; groupId: number | null;
  createdAt: string; importedAt: string | null;
};

function toBatch(r: BatchRow): Batch {
  return {
    id: r.id, code: r.code, title: r.title, source: isHazardSource(r.source) ? r.source : 'other', sourceBody: r.sourceBody,
    sourceDate: r.sourceDate, campaignId: r.campaignId, campaignName: r.campaignName, status: r.status as BatchStatus,
    fileName: r.fileName, createdById: r.createdById, groupId: r.groupId, createdAt: fromSqlDate(r.createdAt),
    importedAt: r.importedAt === null ? null : fromSqlDate(r.importedAt),
  };
}

function parseSectors(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** Counts of one group of items: SQL sums of 0/1 flags, the same on both databases. */
function toProgress(r: { total: unknown; closed: unknown; overdue: unknown; unassigned: unknown }): ListProgress {
  return { total: Number(r.total ?? 0), closed: Number(r.closed ?? 0), overdue: Number(r.overdue ?? 0), unassigned: Number(r.unassigned ?? 0) };
}

// every registration reads them to recognise a campaign named in its text (compiled-query.ts)
const campaignsQuery = compiledOnce((db: Db) => db.selectFrom('Campaign as c').leftJoin('Unit as u', 'u.id', 'c.leadUnitId')
  .select(['c.id', 'c.name', 'c.sectors', 'c.leadUnitId', 'u.name as leadUnitName', 'c.startOn', 'c.endOn'])
  .orderBy('c.id', 'desc'));

/** Problem lists (batches), their items, and campaigns (专项整治). */
export function createProblemListRepository(db: Db) {
  const batchColumns = [
    'b.id', 'b.code', 'b.title', 'b.source', 'b.sourceBody', 'b.sourceDate', 'b.campaignId', 'c.name as campaignName', 'b.status',
    'b.fileName', 'b.createdById', 'b.groupId', 'b.createdAt', 'b.importedAt',
  ] as const;
  const batches = () => db.selectFrom('Batch as b').leftJoin('Campaign as c', 'c.id', 'b.campaignId').select(batchColumns);

  /** total / closed / overdue / unassigned over items, grouped by the caller. */
  const progressOf = (today: LocalDate) => db.selectFrom('BatchItem as i').leftJoin('Hazard as h', 'h.id', 'i.hazardId')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(sql`case when h.status = 'closed' then 1 else 0 end`).as('closed'),
      eb.fn.sum<number>(sql`case when h.status <> 'closed' and h.deadline < ${today} then 1 else 0 end`).as('overdue'),
      eb.fn.sum<number>(sql`case when i."hazardId" is null then 1 else 0 end`).as('unassigned'),
    ]);

  /** Campaigns, the newest first. */
  async function campaigns(): Promise<Campaign[]> {
    return (await campaignsQuery(db)).rows.map((r) => ({ ...r, sectors: parseSectors(r.sectors) }));
  }

  async function campaignByName(name: string): Promise<Campaign | null> {
    return (await campaigns()).find((c) => c.name === name) ?? null;
  }

  return {
    /** Keeps a list as a preview: nothing is a hazard until 确认导入. Earlier previews of the sender are dropped. */
    async createPreview(batch: NewBatch, items: readonly NewBatchItem[]): Promise<number> {
      await db.updateTable('Batch').set({ status: 'cancelled' }).where('status', '=', 'preview').where('createdById', '=', batch.createdById).execute();
      const { id } = await db.insertInto('Batch').values({
        title: batch.title, source: batch.source, sourceBody: batch.sourceBody, sourceDate: batch.sourceDate, campaignId: batch.campaignId,
        status: 'preview', fileName: batch.fileName, filePath: batch.filePath, createdById: batch.createdById, groupId: batch.groupId,
        createdAt: sqlDate(batch.at),
      }).returning('id').executeTakeFirstOrThrow();
      // in chunks: PostgreSQL and SQLite cap the parameters of one statement
      for (let i = 0; i < items.length; i += 50) {
        await db.insertInto('BatchItem').values(items.slice(i, i + 50).map((it) => ({
          batchId: id, seq: it.seq, label: it.label, origin: it.origin, unitWritten: it.unitWritten, unitId: it.unitId,
          description: it.description, category: it.category, level: it.level, measures: it.measures, ownerName: it.ownerName, deadline: it.deadline,
        }))).execute();
      }
      return id;
    },

    /** The sender's list waiting for 确认导入, if any. */
    async latestPreview(personId: number): Promise<Batch | null> {
      const row = await batches().where('b.status', '=', 'preview').where('b.createdById', '=', personId).orderBy('b.id', 'desc').limit(1).executeTakeFirst();
      return row ? toBatch(row) : null;
    },

    async cancel(batchId: number): Promise<void> {
      await db.updateTable('Batch').set({ status: 'cancelled' }).where('id', '=', batchId).execute();
    },

    /** Gives a preview its code and marks it imported. */
    async markImported(batchId: number, at: Date): Promise<string> {
      const { value } = await db.insertInto('Counter').values({ name: 'batch', value: 1 })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`"Counter"."value" + 1` })).returning('value').executeTakeFirstOrThrow();
      const code = formatBatchCode(value);
      await db.updateTable('Batch').set({ status: 'imported', code, importedAt: sqlDate(at) }).where('id', '=', batchId).execute();
      return code;
    },

    async byCode(code: string): Promise<Batch | null> {
      const row = await batches().where('b.code', '=', code).executeTakeFirst();
      return row ? toBatch(row) : null;
    },

    /** Imported lists, newest first. */
    async imported(): Promise<Batch[]> {
      return (await batches().where('b.status', '=', 'imported').orderBy('b.id', 'desc').execute()).map(toBatch);
    },

    async items(batchId: number): Promise<BatchItem[]> {
      const rows = await db.selectFrom('BatchItem').selectAll().where('batchId', '=', batchId).orderBy('seq').execute();
      return rows.map((r) => ({ ...r, level: (r.level === 'major' ? 'major' : 'general') as HazardLevel }));
    },

    async item(batchId: number, seq: number): Promise<BatchItem | null> {
      const r = await db.selectFrom('BatchItem').selectAll().where('batchId', '=', batchId).where('seq', '=', seq).executeTakeFirst();
      return r ? { ...r, level: r.level === 'major' ? 'major' : 'general' } : null;
    },

    /**
     * Items of imported lists still 待明确 (no hazard yet: an owner or a deadline was missing),
     * oldest list first, with the importer's unit: what the departments are reminded to complete.
     */
    async pendingItems(): Promise<PendingItem[]> {
      const rows = await db.selectFrom('BatchItem as i').innerJoin('Batch as b', 'b.id', 'i.batchId').innerJoin('Unit as u', 'u.id', 'i.unitId')
        .innerJoin('Person as p', 'p.id', 'b.createdById')
        .select(['b.code as batchCode', 'i.seq', 'i.unitId', 'u.name as unitName', 'p.unitId as importerUnitId', 'i.description', 'i.ownerName', 'i.deadline'])
        .where('b.status', '=', 'imported').where('i.hazardId', 'is', null)
        .orderBy('b.id').orderBy('i.seq').execute();
      return rows.map((r) => ({ ...r, unitId: r.unitId ?? 0, batchCode: r.batchCode ?? '' }));
    },

    async setItemUnit(itemId: number, unitId: number): Promise<void> {
      await db.updateTable('BatchItem').set({ unitId }).where('id', '=', itemId).execute();
    },

    /** The item became this hazard (on import, or once its owner and deadline were named). */
    async linkItem(itemId: number, hazardId: number, fields: { ownerName: string; deadline: LocalDate }): Promise<void> {
      await db.updateTable('BatchItem').set({ hazardId, ownerName: fields.ownerName, deadline: fields.deadline }).where('id', '=', itemId).execute();
    },

    /** A campaign's name by its id (a hazard's 专项整治), or null. */
    async campaignName(campaignId: number): Promise<string | null> {
      return (await db.selectFrom('Campaign').select('name').where('id', '=', campaignId).executeTakeFirst())?.name ?? null;
    },

    /** The batch a hazard came from, with the item's number. */
    async itemOfHazard(hazardId: number): Promise<{ batchCode: string | null; seq: number } | null> {
      const row = await db.selectFrom('BatchItem as i').innerJoin('Batch as b', 'b.id', 'i.batchId').select(['b.code as batchCode', 'i.seq'])
        .where('i.hazardId', '=', hazardId).executeTakeFirst();
      return row ?? null;
    },

    /** Progress of each imported list, on `today`. */
    async progressByBatch(batchIds: readonly number[], today: LocalDate): Promise<Map<number, ListProgress>> {
      const out = new Map<number, ListProgress>();
      if (batchIds.length === 0) return out;
      const rows = await progressOf(today).select('i.batchId').where('i.batchId', 'in', [...batchIds]).groupBy('i.batchId').execute();
      for (const r of rows) out.set(r.batchId, toProgress(r));
      return out;
    },

    /** One list's progress per unit, by unit name. */
    async progressByUnit(batchId: number, today: LocalDate): Promise<UnitProgress[]> {
      const rows = await progressOf(today).leftJoin('Unit as u', 'u.id', 'i.unitId')
        .select(['i.unitId', 'u.name as unitName', 'i.unitWritten']).where('i.batchId', '=', batchId)
        .groupBy(['i.unitId', 'u.name', 'i.unitWritten']).execute();
      const merged = new Map<string, UnitProgress>();
      for (const r of rows) {
        const name = r.unitName ?? r.unitWritten;
        const prev = merged.get(name) ?? { unitId: r.unitId, unitName: name, ...EMPTY_PROGRESS };
        const p = toProgress(r);
        merged.set(name, { ...prev, total: prev.total + p.total, closed: prev.closed + p.closed, overdue: prev.overdue + p.overdue, unassigned: prev.unassigned + p.unassigned });
      }
      return [...merged.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'));
    },

    campaignByName,

    /** Creates a campaign, or changes the facts given for one of that name. */
    async upsertCampaign(input: NewCampaign): Promise<Campaign> {
      const values = { sectors: JSON.stringify(input.sectors), leadUnitId: input.leadUnitId, startOn: input.startOn, endOn: input.endOn };
      await db.insertInto('Campaign').values({ name: input.name, ...values, createdAt: sqlDate(input.at) })
        .onConflict((oc) => oc.column('name').doUpdateSet(values)).execute();
      const found = await campaignByName(input.name);
      if (!found) throw new Error(`campaign ${input.name} not saved`);
      return found;
    },

    campaigns,

    /**
     * A campaign's progress on `today`: its hazards (registered by hand or imported) plus the
     * 待明确 items of its lists, which are not hazards yet.
     */
    async campaignProgress(campaignId: number, today: LocalDate): Promise<ListProgress> {
      const h = await db.selectFrom('Hazard as h').select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(sql`case when h.status = 'closed' then 1 else 0 end`).as('closed'),
        eb.fn.sum<number>(sql`case when h.status <> 'closed' and h.deadline < ${today} then 1 else 0 end`).as('overdue'),
      ]).where('h.campaignId', '=', campaignId).executeTakeFirstOrThrow();
      const pending = await db.selectFrom('BatchItem as i').innerJoin('Batch as b', 'b.id', 'i.batchId')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('b.campaignId', '=', campaignId).where('b.status', '=', 'imported').where('i.hazardId', 'is', null).executeTakeFirstOrThrow();
      const unassigned = Number(pending.n);
      return { total: Number(h.total) + unassigned, closed: Number(h.closed ?? 0), overdue: Number(h.overdue ?? 0), unassigned };
    },
  };
}

export type ProblemListRepository = ReturnType<typeof createProblemListRepository>;
