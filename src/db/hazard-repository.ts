import type { DbTx } from './client.ts';
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

/** The ledger: hazards and their immutable history. */
export function createHazardRepository(db: DbTx) {
  async function addEvent(hazardId: number, event: NewEvent): Promise<void> {
    await db.hazardEvent.create({
      data: {
        hazardId, type: event.type, actorId: event.actorId, groupId: event.groupId ?? null, at: event.at, text: event.text,
        data: JSON.stringify(event.data ?? {}),
        attachments: { create: event.attachments ?? [] },
      },
    });
  }

  return {
    /** Registers a hazard with the next code and its `created` event. Call inside a transaction. */
    async create(input: NewHazard, event: Omit<NewEvent, 'type'>): Promise<HazardView> {
      const counter = await db.counter.upsert({
        where: { name: 'hazard' }, create: { name: 'hazard', value: 1 }, update: { value: { increment: 1 } },
      });
      const row = await db.hazard.create({
        data: { ...input, code: formatHazardCode(counter.value), originalDeadline: input.deadline, createdAt: event.at },
        include: VIEW_INCLUDE,
      });
      await addEvent(row.id, { ...event, type: 'created', data: { ...event.data, deadline: input.deadline, level: input.level } });
      return toView(row);
    },

    async byCode(code: string): Promise<HazardView | null> {
      const row = await db.hazard.findUnique({ where: { code }, include: VIEW_INCLUDE });
      return row ? toView(row) : null;
    },

    /** Changes a hazard and records why, as one step of its history. */
    async update(hazardId: number, changes: HazardChanges, event: NewEvent): Promise<HazardView> {
      const { plan, ...rest } = changes;
      // closing stamps the instant; reopening (a rebound) clears it with the closing day
      const closedAt = changes.status === 'closed' ? event.at : changes.closedOn === null ? null : undefined;
      const row = await db.hazard.update({
        where: { id: hazardId },
        data: { ...rest, ...(plan ? { plan: JSON.stringify(plan) } : {}), ...(closedAt !== undefined ? { closedAt } : {}) },
        include: VIEW_INCLUDE,
      });
      await addEvent(hazardId, event);
      return toView(row);
    },

    async events(hazardId: number): Promise<HazardEvent[]> {
      const rows = await db.hazardEvent.findMany({
        where: { hazardId }, orderBy: [{ at: 'asc' }, { id: 'asc' }],
        include: { actor: { select: { name: true } }, attachments: true },
      });
      return rows.map((r) => ({
        id: r.id, hazardId: r.hazardId, type: r.type as HazardEventType, actorId: r.actorId,
        actorName: r.actor?.name ?? null, at: r.at, text: r.text, data: parseJson(r.data, {}),
        attachments: r.attachments.map((a) => ({ name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, path: a.path })),
      }));
    },

    /** How many evidence files the hazard's history holds. */
    async evidenceCount(hazardId: number): Promise<number> {
      return db.attachment.count({ where: { event: { hazardId } } });
    },

    /** The hazard a person last acted on in a group since a moment: where a bare photo belongs. */
    async lastActedOn(actorId: number, groupId: number, since: Date): Promise<HazardView | null> {
      const event = await db.hazardEvent.findFirst({
        where: { actorId, groupId, at: { gte: since } }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { hazardId: true },
      });
      if (!event) return null;
      const row = await db.hazard.findUnique({ where: { id: event.hazardId }, include: VIEW_INCLUDE });
      return row ? toView(row) : null;
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
