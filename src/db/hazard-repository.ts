import { sql, type QueryResult, type SelectQueryBuilder } from 'kysely';
import { compiledOnce } from './compiled-query.ts';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { enforcementStatuses, STATUS_KINDS } from './enforcement-repository.ts';
import type { DB } from './tables.ts';
import { formatHazardCode } from '../parse/normalize.ts';
import { NO_ENFORCEMENT, type UnitEnforcement } from '../domain/enforcement.ts';
import { isHazardSource, type HazardSource } from '../domain/hazard-source.ts';
import {
  OPEN_STATUSES, type AttachmentInput, type CreditStanding, type Hazard, type HazardEvent, type HazardEventType, type HazardLevel, type HazardStatus,
  type HazardView, type LocalDate,
} from '../domain/types.ts';

type StandingRow = { list: string; decidedOn: string | null; expiresOn: string | null; removedOn: string | null };

export function toStanding(r: StandingRow): CreditStanding {
  return { list: r.list === 'formal' ? 'formal' : 'watch', from: r.decidedOn, expiresOn: r.expiresOn, removedOn: r.removedOn };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** `Hazard h` joined with its unit, owner and reporter: the FROM of every hazard view. */
export function viewSource(db: Db) {
  return db.selectFrom('Hazard as h')
    .innerJoin('Unit as u', 'u.id', 'h.unitId')
    .innerJoin('Person as o', 'o.id', 'h.ownerId')
    .innerJoin('Person as r', 'r.id', 'h.reporterId');
}
type ViewSource = ReturnType<typeof viewSource> extends SelectQueryBuilder<infer D, infer T, object> ? SelectQueryBuilder<D, T, object> : never;

const VIEW_COLUMNS = [
  'h.id', 'h.code', 'h.description', 'h.location', 'h.category', 'h.level', 'h.unitId', 'h.reporterId', 'h.ownerId', 'h.measures',
  'h.deadline', 'h.originalDeadline', 'h.status', 'h.progress', 'h.progressAt', 'h.sourceGroupId', 'h.extensionTo', 'h.extensionReason', 'h.supervised',
  'h.supervisingLeader', 'h.plan', 'h.createdAt', 'h.closedOn', 'h.source', 'h.sourceBody', 'h.sourceDate', 'h.campaignId',
  'u.name as unitName', 'u.supervisorId as unitSupervisorId', 'o.name as ownerName', 'r.name as reporterName',
] as const;

/**
 * Runs a hazard-view query (`viewSource` narrowed and ordered by the caller, plus extra columns)
 * and returns each row as a HazardView with its unit's credit standings and enforcement status,
 * read in two more queries.
 */
export async function selectViews<Extra extends object = object>(
  db: Db,
  query: (source: ViewSource) => SelectQueryBuilder<DB & Record<string, never>, never, object> | ViewSource,
  extra: (row: Record<string, unknown>) => Extra = () => ({}) as Extra,
): Promise<Array<HazardView & Extra>> {
  const built = (query(viewSource(db) as ViewSource) as ViewSource).select(VIEW_COLUMNS);
  return withUnitRecords(db, (await built.execute()) as unknown as Array<Record<string, unknown> & ViewRow>, extra);
}

/**
 * Each row as a HazardView with its unit's credit standings and enforcement status, read in two
 * more queries: for every row's unit, or (rows of `viewWithFlags`) only for the units the row says
 * have any.
 */
async function withUnitRecords<Extra extends object = object>(
  db: Db,
  rows: Array<Record<string, unknown> & ViewRow & Partial<UnitFlags>>,
  extra: (row: Record<string, unknown>) => Extra = () => ({}) as Extra,
): Promise<Array<HazardView & Extra>> {
  if (rows.length === 0) return [];
  const unitsWith = (flag: keyof UnitFlags) => [...new Set(rows.filter((r) => r[flag] === undefined || Boolean(r[flag])).map((r) => r.unitId))];
  const creditUnits = unitsWith('unitHasCredit');
  const enforcementUnits = unitsWith('unitHasEnforcement');
  const standings = new Map<number, CreditStanding[]>();
  if (creditUnits.length > 0) {
    const credit = await db.selectFrom('CreditListEntry').select(['unitId', 'list', 'decidedOn', 'expiresOn', 'removedOn'])
      .where('status', '=', 'confirmed').where('unitId', 'in', creditUnits).orderBy('id').execute();
    for (const c of credit) standings.set(c.unitId, [...(standings.get(c.unitId) ?? []), toStanding(c)]);
  }
  const enforcement = enforcementUnits.length > 0 ? await enforcementStatuses(db, enforcementUnits) : new Map<number, UnitEnforcement>();
  return rows.map((r) => ({ ...toView(r, standings.get(r.unitId) ?? [], enforcement.get(r.unitId) ?? NO_ENFORCEMENT), ...extra(r) }));
}

/** Whether the hazard's unit has confirmed credit-list entries, or enforcement records that can set a status. */
interface UnitFlags { unitHasCredit: number; unitHasEnforcement: number }

/**
 * One hazard's view with its unit's flags: most units have neither credit entries nor enforcement
 * records, so the message that reads one hazard reads those only where there are some (the two
 * lookups cost more than the row itself). Lists keep one query for all their units instead.
 */
function viewWithFlags(db: Db) {
  return viewSource(db).select(VIEW_COLUMNS).select((eb) => [
    eb.exists(eb.selectFrom('CreditListEntry as c').select('c.id').whereRef('c.unitId', '=', 'h.unitId').where('c.status', '=', 'confirmed')).as('unitHasCredit'),
    eb.exists(eb.selectFrom('EnforcementAction as a').select('a.id').whereRef('a.unitId', '=', 'h.unitId').where('a.kind', 'in', [...STATUS_KINDS]))
      .as('unitHasEnforcement'),
  ]);
}

// a registration's writes and a report's, compiled once (compiled-query.ts)
const nextCodeNumberQuery = compiledOnce((db: Db) => db.insertInto('Counter').values({ name: 'hazard', value: 1 })
  .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`"Counter"."value" + 1` })).returning('value'));
const insertHazardQuery = compiledOnce((db: Db, code: string, description: string, location: string | null, category: string, level: string,
  unitId: number, reporterId: number, ownerId: number, measures: string | null, deadline: string, originalDeadline: string,
  sourceGroupId: number | null, createdAt: string, updatedAt: string, source: string, sourceBody: string | null, sourceDate: string | null,
  campaignId: number | null) =>
  db.insertInto('Hazard').values({
    code, description, location, category, level, unitId, reporterId, ownerId, measures, deadline, originalDeadline, sourceGroupId,
    createdAt, updatedAt, source, sourceBody, sourceDate, campaignId,
  }).returning('id'));
const insertEventQuery = compiledOnce((db: Db, hazardId: number, type: string, actorId: number | null, groupId: number | null, at: string, text: string, data: string) =>
  db.insertInto('HazardEvent').values({ hazardId, type, actorId, groupId, at, text, data }).returning('id'));

type Value = string | number | null;
/** An update of these columns, compiled once per set of columns (a progress report sets the same three each time). */
const updateQueries = new Map<string, (db: Db, hazardId: number, ...values: Value[]) => Promise<QueryResult<unknown>>>();
function updateHazard(db: Db, hazardId: number, set: Record<string, Value>): Promise<QueryResult<unknown>> {
  const columns = Object.keys(set);
  const key = columns.join();
  let query = updateQueries.get(key);
  if (!query) {
    query = compiledOnce((tx: Db, id: number, ...values: Value[]) =>
      tx.updateTable('Hazard').set(Object.fromEntries(columns.map((c, i) => [c, values[i]]))).where('id', '=', id));
    updateQueries.set(key, query);
  }
  return query(db, hazardId, ...columns.map((c) => set[c] ?? null));
}

// the views every report and decision reads, compiled once (compiled-query.ts)
const viewByIdQuery = compiledOnce((db: Db, id: number) => viewWithFlags(db).where('h.id', '=', id));
const viewByCodeQuery = compiledOnce((db: Db, code: string) => viewWithFlags(db).where('h.code', '=', code));

interface ViewRow {
  id: number; code: string; description: string; location: string | null; category: string; level: string; unitId: number;
  reporterId: number; ownerId: number; measures: string | null; deadline: string; originalDeadline: string; status: string;
  progress: number; progressAt: string | null; sourceGroupId: number | null; extensionTo: string | null; extensionReason: string | null; supervised: number;
  supervisingLeader: string | null; plan: string; createdAt: string; closedOn: string | null;
  source: string; sourceBody: string | null; sourceDate: string | null; campaignId: number | null;
  unitName: string; unitSupervisorId: number | null; ownerName: string; reporterName: string;
}

function toView(r: ViewRow, unitCredit: CreditStanding[], unitEnforcement: UnitEnforcement): HazardView {
  return {
    id: r.id, code: r.code, description: r.description, location: r.location, category: r.category,
    level: r.level as HazardLevel, unitId: r.unitId, reporterId: r.reporterId, ownerId: r.ownerId,
    measures: r.measures, deadline: r.deadline, originalDeadline: r.originalDeadline,
    status: r.status as HazardStatus, progress: r.progress, progressAt: fromSqlDate(r.progressAt), sourceGroupId: r.sourceGroupId,
    extensionTo: r.extensionTo, extensionReason: r.extensionReason, supervised: Boolean(r.supervised),
    supervisingLeader: r.supervisingLeader, plan: parseJson(r.plan, {}), createdAt: fromSqlDate(r.createdAt), closedOn: r.closedOn,
    source: isHazardSource(r.source) ? r.source : 'other', sourceBody: r.sourceBody, sourceDate: r.sourceDate, campaignId: r.campaignId,
    unitName: r.unitName, unitSupervisorId: r.unitSupervisorId, ownerName: r.ownerName, reporterName: r.reporterName,
    unitCredit, unitEnforcement,
  };
}

export interface NewHazard {
  description: string;
  location: string | null;
  category: string;
  level: HazardLevel;
  unitId: number;
  reporterId: number;
  ownerId: number;
  measures: string | null;
  deadline: LocalDate;
  sourceGroupId: number | null;
  /** 其他 when not given */
  source?: HazardSource;
  sourceBody?: string | null;
  sourceDate?: LocalDate | null;
  campaignId?: number | null;
}

export interface NewEvent {
  type: HazardEventType;
  actorId: number | null;
  /** the group it was said in, if any */
  groupId?: number | null;
  at: Date;
  text: string;
  data?: Record<string, unknown>;
  attachments?: AttachmentInput[];
}

export type HazardChanges = Partial<Pick<Hazard,
  'status' | 'progress' | 'progressAt' | 'deadline' | 'extensionTo' | 'extensionReason' | 'closedOn' | 'ownerId' | 'supervised' | 'supervisingLeader' | 'level'>> & {
  plan?: Record<string, string>;
};

/** Which open hazards a list asks for. */
export interface HazardFilter {
  unitIds?: number[];
  ownerId?: number;
  /** only hazards whose deadline is before this date (overdue on that day) */
  deadlineBefore?: LocalDate;
  /** include closed ones too */
  includeClosed?: boolean;
  limit?: number;
}

/** The ledger: hazards and their immutable history. */
export function createHazardRepository(db: Db) {
  function filtered<Q extends SelectQueryBuilder<DB & { h: DB['Hazard'] }, 'h', object>>(query: Q, filter: Omit<HazardFilter, 'limit'>): Q {
    let q = query;
    if (!filter.includeClosed) q = q.where('h.status', '!=', 'closed') as Q;
    if (filter.unitIds) q = (filter.unitIds.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('h.unitId', 'in', filter.unitIds)) as Q;
    if (filter.ownerId !== undefined) q = q.where('h.ownerId', '=', filter.ownerId) as Q;
    if (filter.deadlineBefore) q = q.where('h.deadline', '<', filter.deadlineBefore) as Q;
    return q;
  }

  async function addEvent(hazardId: number, event: NewEvent): Promise<void> {
    const [row] = (await insertEventQuery(db, hazardId, event.type, event.actorId, event.groupId ?? null, sqlDate(event.at), event.text, JSON.stringify(event.data ?? {}))).rows;
    if (!row) throw new Error(`event of hazard ${hazardId} not written`);
    const { id } = row;
    const attachments = event.attachments ?? [];
    if (attachments.length > 0) {
      await db.insertInto('Attachment').values(attachments.map((a) => ({ eventId: id, name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, path: a.path }))).execute();
    }
  }

  async function viewById(id: number): Promise<HazardView> {
    const [view] = await withUnitRecords(db, (await viewByIdQuery(db, id)).rows as unknown as Array<Record<string, unknown> & ViewRow>);
    if (!view) throw new Error(`hazard ${id} not found`);
    return view;
  }

  return {
    /** Registers a hazard with the next code and its `created` event. Call inside a transaction. */
    async create(input: NewHazard, event: Omit<NewEvent, 'type'>): Promise<HazardView> {
      // one statement takes the next number: concurrent registrations never share a code
      const [counter] = (await nextCodeNumberQuery(db)).rows;
      if (!counter) throw new Error('hazard counter not advanced');
      const at = sqlDate(event.at);
      const [hazard] = (await insertHazardQuery(db, formatHazardCode(counter.value), input.description, input.location, input.category, input.level,
        input.unitId, input.reporterId, input.ownerId, input.measures, input.deadline, input.deadline, input.sourceGroupId, at, at,
        input.source ?? 'other', input.sourceBody ?? null, input.sourceDate ?? null, input.campaignId ?? null)).rows;
      if (!hazard) throw new Error('hazard not written');
      const { id } = hazard;
      await addEvent(id, { ...event, type: 'created', data: { ...event.data, deadline: input.deadline, level: input.level, source: input.source ?? 'other' } });
      return viewById(id);
    },

    async byCode(code: string): Promise<HazardView | null> {
      const [view] = await withUnitRecords(db, (await viewByCodeQuery(db, code)).rows as unknown as Array<Record<string, unknown> & ViewRow>);
      return view ?? null;
    },

    /**
     * Changes a hazard and records why, as one step of its history (stamped with the event's time);
     * returns the changed view. `before`: the view this transaction read and nothing changed since;
     * the result is then that view with the changes instead of a second read (a new owner's name
     * is read all the same).
     */
    async update(hazardId: number, changes: HazardChanges, event: NewEvent, before?: HazardView): Promise<HazardView> {
      const { plan, supervised, progressAt, ...rest } = changes;
      // closing stamps the instant; reopening (a rebound) clears it with the closing day
      const closedAt = changes.status === 'closed' ? sqlDate(event.at) : changes.closedOn === null ? null : undefined;
      const set = Object.fromEntries(Object.entries({
        ...rest,
        ...(supervised !== undefined ? { supervised: supervised ? 1 : 0 } : {}),
        ...(plan ? { plan: JSON.stringify(plan) } : {}),
        ...(progressAt ? { progressAt: sqlDate(progressAt) } : {}),
        ...(closedAt !== undefined ? { closedAt } : {}),
      }).filter(([, v]) => v !== undefined)) as Record<string, Value>;
      const result = await updateHazard(db, hazardId, { ...set, updatedAt: sqlDate(event.at) });
      if (Number(result.numAffectedRows ?? 0n) === 0) throw new Error(`hazard ${hazardId} not found`);
      await addEvent(hazardId, event);
      const changed = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as HazardChanges;
      if (before?.id !== hazardId || (changed.ownerId !== undefined && changed.ownerId !== before.ownerId)) return viewById(hazardId);
      return { ...before, ...changed };
    },

    async events(hazardId: number): Promise<HazardEvent[]> {
      const rows = await db.selectFrom('HazardEvent as e').leftJoin('Person as p', 'p.id', 'e.actorId')
        .select(['e.id', 'e.hazardId', 'e.type', 'e.actorId', 'p.name as actorName', 'e.at', 'e.text', 'e.data'])
        .where('e.hazardId', '=', hazardId).orderBy('e.at').orderBy('e.id').execute();
      const files = new Map<number, AttachmentInput[]>();
      const attachments = await db.selectFrom('Attachment as a').innerJoin('HazardEvent as e', 'e.id', 'a.eventId')
        .select(['a.eventId', 'a.name', 'a.mime', 'a.size', 'a.sha256', 'a.path']).where('e.hazardId', '=', hazardId).orderBy('a.id').execute();
      for (const a of attachments) {
        const list = files.get(a.eventId) ?? [];
        list.push({ name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, path: a.path });
        files.set(a.eventId, list);
      }
      return rows.map((r) => ({
        id: r.id, hazardId: r.hazardId, type: r.type as HazardEventType, actorId: r.actorId,
        actorName: r.actorName, at: fromSqlDate(r.at), text: r.text, data: parseJson(r.data, {}), attachments: files.get(r.id) ?? [],
      }));
    },

    /** How many evidence files the hazard's history holds. */
    async evidenceCount(hazardId: number): Promise<number> {
      const { n } = await db.selectFrom('Attachment as a').innerJoin('HazardEvent as e', 'e.id', 'a.eventId')
        .select((eb) => eb.fn.countAll<number>().as('n')).where('e.hazardId', '=', hazardId).executeTakeFirstOrThrow();
      return Number(n);
    },

    /** The newest attachment record's id (0 for none): files recorded after it are a message's own. */
    async lastAttachmentId(): Promise<number> {
      const row = await db.selectFrom('Attachment').select((eb) => eb.fn.max<number>('id').as('id')).executeTakeFirst();
      return Number(row?.id ?? 0);
    },

    /** The evidence paths recorded after attachment `afterId`. */
    async attachmentPathsAfter(afterId: number): Promise<Set<string>> {
      const rows = await db.selectFrom('Attachment').select('path').where('id', '>', afterId).execute();
      return new Set(rows.map((r) => r.path));
    },

    /** The hazard a person last acted on in a group since a moment: where a bare photo belongs. */
    async lastActedOn(actorId: number, groupId: number, since: Date): Promise<HazardView | null> {
      const event = await db.selectFrom('HazardEvent').select('hazardId')
        .where('actorId', '=', actorId).where('groupId', '=', groupId).where('at', '>=', sqlDate(since))
        .orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return event ? viewById(event.hazardId) : null;
    },

    /** Hazards by id, in id order. */
    async byIds(ids: readonly number[]): Promise<HazardView[]> {
      if (ids.length === 0) return [];
      return selectViews(db, (q) => q.where('h.id', 'in', [...ids]).orderBy('h.id'));
    },

    /** Open hazards listed for supervision (挂牌督办), oldest first. */
    async supervisedOpen(): Promise<HazardView[]> {
      return selectViews(db, (q) => q.where('h.supervised', '=', 1).where('h.status', 'in', OPEN_STATUSES).orderBy('h.id'));
    },

    /** Open major hazards, oldest first: the plan reminders look at their parts. */
    async openMajor(): Promise<HazardView[]> {
      return selectViews(db, (q) => q.where('h.level', '=', 'major').where('h.status', 'in', OPEN_STATUSES).orderBy('h.id'));
    },

    /** Hazards by filter, the most urgent deadline first. */
    async list(filter: HazardFilter): Promise<HazardView[]> {
      return selectViews(db, (q) => {
        const ordered = filtered(q, filter).orderBy('h.deadline').orderBy('h.id');
        return filter.limit === undefined ? ordered : ordered.limit(filter.limit);
      });
    },

    async count(filter: Omit<HazardFilter, 'limit'>): Promise<number> {
      const { n } = await filtered(db.selectFrom('Hazard as h'), filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },

    /** Every hazard, compact, for the ledger export of the transcript runner. */
    async all(): Promise<HazardView[]> {
      return selectViews(db, (q) => q.orderBy('h.id'));
    },
  };
}

export type HazardRepository = ReturnType<typeof createHazardRepository>;
