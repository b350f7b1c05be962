import type { DbTx } from './client.ts';
import { sqlDate, statement } from './statements.ts';
import { formatHazardCode } from '../parse/normalize.ts';
import type {
  AttachmentInput, CreditStanding, Hazard, HazardEvent, HazardEventType, HazardLevel, HazardStatus, HazardView, LocalDate,
} from '../domain/types.ts';

/** A confirmed credit-list entry as a flag needs it; shared with the credit repository. */
export const CREDIT_STANDING_SELECT = { list: true, decidedOn: true, expiresOn: true, removedOn: true } as const;
type StandingRow = { list: string; decidedOn: string | null; expiresOn: string | null; removedOn: string | null };

export function toStanding(r: StandingRow): CreditStanding {
  return { list: r.list === 'formal' ? 'formal' : 'watch', from: r.decidedOn, expiresOn: r.expiresOn, removedOn: r.removedOn };
}

/** What a HazardView needs beside the hazard row; shared with the governance repository. */
export const VIEW_INCLUDE = {
  unit: {
    select: {
      name: true, supervisorId: true,
      creditItems: { where: { status: 'confirmed' }, select: CREDIT_STANDING_SELECT },
    },
  },
  owner: { select: { name: true } },
  reporter: { select: { name: true } },
} as const;

type HazardRow = Omit<Hazard, 'level' | 'status' | 'plan'> & { level: string; status: string; plan: string };
type ViewRow = HazardRow & {
  unit: { name: string; supervisorId: number | null; creditItems: StandingRow[] };
  owner: { name: string };
  reporter: { name: string };
};

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toView(r: ViewRow): HazardView {
  return {
    id: r.id, code: r.code, description: r.description, location: r.location, category: r.category,
    level: r.level as HazardLevel, unitId: r.unitId, reporterId: r.reporterId, ownerId: r.ownerId,
    measures: r.measures, deadline: r.deadline, originalDeadline: r.originalDeadline,
    status: r.status as HazardStatus, progress: r.progress, sourceGroupId: r.sourceGroupId,
    extensionTo: r.extensionTo, extensionReason: r.extensionReason, supervised: r.supervised,
    supervisingLeader: r.supervisingLeader, plan: parseJson(r.plan, {}), createdAt: r.createdAt, closedOn: r.closedOn,
    unitName: r.unit.name, unitSupervisorId: r.unit.supervisorId, ownerName: r.owner.name, reporterName: r.reporter.name,
    unitCredit: r.unit.creditItems.map(toStanding),
  };
}

// The per-message path (register, look up, update, history) runs as prepared statements on
// Prisma's own connection (statements.ts): a Prisma query costs ~1 ms here, a statement ~0.01 ms.
// The rows are shaped exactly as Prisma returns them for VIEW_INCLUDE, so toView serves both.
const VIEW_SQL = `SELECT h.id, h.code, h.description, h.location, h.category, h.level, h.unitId, h.reporterId, h.ownerId, h.measures,
  h.deadline, h.originalDeadline, h.status, h.progress, h.sourceGroupId, h.extensionTo, h.extensionReason, h.supervised,
  h.supervisingLeader, h.plan, h.createdAt, h.closedOn,
  u.name AS unitName, u.supervisorId AS unitSupervisorId, o.name AS ownerName, r.name AS reporterName
  FROM "Hazard" h JOIN "Unit" u ON u.id = h.unitId JOIN "Person" o ON o.id = h.ownerId JOIN "Person" r ON r.id = h.reporterId`;
type RawView = Omit<HazardRow, 'supervised' | 'createdAt'> & {
  supervised: number; createdAt: string; unitName: string; unitSupervisorId: number | null; ownerName: string; reporterName: string;
};

function rawView(db: DbTx, where: string, ...params: unknown[]): HazardView | null {
  const r = statement(db, `${VIEW_SQL} WHERE ${where}`).get(...params) as RawView | undefined;
  if (!r) return null;
  const creditItems = statement(db, 'SELECT list, decidedOn, expiresOn, removedOn FROM "CreditListEntry" WHERE unitId = ? AND status = \'confirmed\' ORDER BY id')
    .all(r.unitId) as StandingRow[];
  return toView({
    ...r, supervised: r.supervised !== 0, createdAt: new Date(r.createdAt),
    unit: { name: r.unitName, supervisorId: r.unitSupervisorId, creditItems }, owner: { name: r.ownerName }, reporter: { name: r.reporterName },
  });
}

/** The hazard columns `update` may change, as SQL values. */
function sqlValue(value: unknown): unknown {
  if (value instanceof Date) return sqlDate(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
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
  'status' | 'progress' | 'deadline' | 'extensionTo' | 'extensionReason' | 'closedOn' | 'ownerId' | 'supervised' | 'supervisingLeader' | 'level'>> & {
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

function whereOf(filter: Omit<HazardFilter, 'limit'>) {
  return {
    ...(filter.includeClosed ? {} : { status: { not: 'closed' } }),
    ...(filter.unitIds ? { unitId: { in: filter.unitIds } } : {}),
    ...(filter.ownerId !== undefined ? { ownerId: filter.ownerId } : {}),
    ...(filter.deadlineBefore ? { deadline: { lt: filter.deadlineBefore } } : {}),
  };
}

const HAZARD_COLUMNS = new Set(['status', 'progress', 'deadline', 'extensionTo', 'extensionReason', 'closedOn', 'closedAt', 'ownerId',
  'supervised', 'supervisingLeader', 'level', 'plan']);

/** The ledger: hazards and their immutable history. */
export function createHazardRepository(db: DbTx) {
  function addEvent(hazardId: number, event: NewEvent): void {
    const { lastInsertRowid } = statement(db, 'INSERT INTO "HazardEvent" (hazardId, type, actorId, groupId, at, text, data) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hazardId, event.type, event.actorId, event.groupId ?? null, sqlDate(event.at), event.text, JSON.stringify(event.data ?? {}));
    for (const a of event.attachments ?? []) {
      statement(db, 'INSERT INTO "Attachment" (eventId, name, mime, size, sha256, path) VALUES (?, ?, ?, ?, ?, ?)')
        .run(lastInsertRowid, a.name, a.mime, a.size, a.sha256, a.path);
    }
  }

  function viewById(id: number): HazardView {
    const view = rawView(db, 'h.id = ?', id);
    if (!view) throw new Error(`hazard ${id} not found`);
    return view;
  }

  return {
    /** Registers a hazard with the next code and its `created` event. Call inside a transaction. */
    async create(input: NewHazard, event: Omit<NewEvent, 'type'>): Promise<HazardView> {
      const { value } = statement(db, `INSERT INTO "Counter" (name, value) VALUES ('hazard', 1)
        ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`).get() as { value: number };
      // updatedAt is stamped with the wall clock, as Prisma's @updatedAt does
      const { lastInsertRowid } = statement(db, `INSERT INTO "Hazard" (code, description, location, category, level, unitId, reporterId, ownerId,
        measures, deadline, originalDeadline, sourceGroupId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        formatHazardCode(value), input.description, input.location, input.category, input.level, input.unitId, input.reporterId, input.ownerId,
        input.measures, input.deadline, input.deadline, input.sourceGroupId, sqlDate(event.at), sqlDate(new Date()),
      );
      const id = Number(lastInsertRowid);
      addEvent(id, { ...event, type: 'created', data: { ...event.data, deadline: input.deadline, level: input.level } });
      return viewById(id);
    },

    async byCode(code: string): Promise<HazardView | null> {
      return rawView(db, 'h.code = ?', code);
    },

    /** Changes a hazard and records why, as one step of its history. */
    async update(hazardId: number, changes: HazardChanges, event: NewEvent): Promise<HazardView> {
      const { plan, ...rest } = changes;
      // closing stamps the instant; reopening (a rebound) clears it with the closing day
      const closedAt = changes.status === 'closed' ? event.at : changes.closedOn === null ? null : undefined;
      const set: Record<string, unknown> = { ...rest, ...(plan ? { plan: JSON.stringify(plan) } : {}), ...(closedAt !== undefined ? { closedAt } : {}) };
      // only known column names reach the SQL text; undefined means "unchanged", as in Prisma
      const columns = Object.keys(set).filter((c) => set[c] !== undefined && HAZARD_COLUMNS.has(c)).sort();
      const { changes: updated } = statement(db, `UPDATE "Hazard" SET ${[...columns, 'updatedAt'].map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`)
        .run(...columns.map((c) => sqlValue(set[c])), sqlDate(new Date()), hazardId);
      if (updated === 0) throw new Error(`hazard ${hazardId} not found`);
      addEvent(hazardId, event);
      return viewById(hazardId);
    },

    async events(hazardId: number): Promise<HazardEvent[]> {
      const rows = statement(db, `SELECT e.id, e.hazardId, e.type, e.actorId, p.name AS actorName, e.at, e.text, e.data
        FROM "HazardEvent" e LEFT JOIN "Person" p ON p.id = e.actorId WHERE e.hazardId = ? ORDER BY e.at, e.id`).all(hazardId) as Array<{
        id: number; hazardId: number; type: string; actorId: number | null; actorName: string | null; at: string; text: string; data: string;
      }>;
      const files = new Map<number, AttachmentInput[]>();
      for (const a of statement(db, `SELECT a.eventId, a.name, a.mime, a.size, a.sha256, a.path FROM "Attachment" a
        JOIN "HazardEvent" e ON e.id = a.eventId WHERE e.hazardId = ? ORDER BY a.id`).all(hazardId) as Array<AttachmentInput & { eventId: number }>) {
        const list = files.get(a.eventId) ?? [];
        list.push({ name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, path: a.path });
        files.set(a.eventId, list);
      }
      return rows.map((r) => ({
        id: r.id, hazardId: r.hazardId, type: r.type as HazardEventType, actorId: r.actorId,
        actorName: r.actorName, at: new Date(r.at), text: r.text, data: parseJson(r.data, {}), attachments: files.get(r.id) ?? [],
      }));
    },

    /** How many evidence files the hazard's history holds. */
    async evidenceCount(hazardId: number): Promise<number> {
      return (statement(db, 'SELECT count(*) AS n FROM "Attachment" a JOIN "HazardEvent" e ON e.id = a.eventId WHERE e.hazardId = ?').get(hazardId) as { n: number }).n;
    },

    /** The newest attachment record's id (0 for none): files recorded after it are a message's own. */
    async lastAttachmentId(): Promise<number> {
      return (statement(db, 'SELECT coalesce(max(id), 0) AS id FROM "Attachment"').get() as { id: number }).id;
    },

    /** The evidence paths recorded after attachment `afterId`. */
    async attachmentPathsAfter(afterId: number): Promise<Set<string>> {
      const rows = statement(db, 'SELECT path FROM "Attachment" WHERE id > ?').all(afterId) as Array<{ path: string }>;
      return new Set(rows.map((r) => r.path));
    },

    /** The hazard a person last acted on in a group since a moment: where a bare photo belongs. */
    async lastActedOn(actorId: number, groupId: number, since: Date): Promise<HazardView | null> {
      const event = statement(db, 'SELECT hazardId FROM "HazardEvent" WHERE actorId = ? AND groupId = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 1')
        .get(actorId, groupId, sqlDate(since)) as { hazardId: number } | undefined;
      return event ? rawView(db, 'h.id = ?', event.hazardId) : null;
    },

    /** Hazards by id, in id order. */
    async byIds(ids: readonly number[]): Promise<HazardView[]> {
      if (ids.length === 0) return [];
      return (await db.hazard.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: 'asc' }, include: VIEW_INCLUDE })).map(toView);
    },

    /** Open hazards listed for supervision (挂牌督办), oldest first. */
    async supervisedOpen(): Promise<HazardView[]> {
      return (await db.hazard.findMany({ where: { supervised: true, status: { not: 'closed' } }, orderBy: { id: 'asc' }, include: VIEW_INCLUDE })).map(toView);
    },

    /** Open major hazards, oldest first: the plan reminders look at their parts. */
    async openMajor(): Promise<HazardView[]> {
      return (await db.hazard.findMany({ where: { level: 'major', status: { not: 'closed' } }, orderBy: { id: 'asc' }, include: VIEW_INCLUDE })).map(toView);
    },

    /** Hazards by filter, the most urgent deadline first. */
    async list(filter: HazardFilter): Promise<HazardView[]> {
      const rows = await db.hazard.findMany({
        where: whereOf(filter),
        orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
        take: filter.limit,
        include: VIEW_INCLUDE,
      });
      return rows.map(toView);
    },

    async count(filter: Omit<HazardFilter, 'limit'>): Promise<number> {
      return db.hazard.count({
        where: whereOf(filter),
      });
    },

    /** Every hazard, compact, for the ledger export of the transcript runner. */
    async all(): Promise<HazardView[]> {
      return (await db.hazard.findMany({ orderBy: { id: 'asc' }, include: VIEW_INCLUDE })).map(toView);
    },
  };
}

export type HazardRepository = ReturnType<typeof createHazardRepository>;
