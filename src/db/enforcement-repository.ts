import { sql } from 'kysely';
import { fromSqlDate, sqlDate, type Db } from './database.ts';
import { NO_ENFORCEMENT, suspendedOn, unitEnforcement, type EnforcementKind, type EnforcementRecord, type UnitEnforcement } from '../domain/enforcement.ts';
import type { AttachmentInput, LocalDate } from '../domain/types.ts';

/** A record as the commands hand it over; the code, time and actor make it a ledger entry. */
export interface NewEnforcement {
  unitId: number;
  kind: EnforcementKind;
  hazardIds: number[];
  decisionNo: string | null;
  deadline?: LocalDate | null;
  amountYuan?: number | null;
  fromDate?: LocalDate | null;
  untilDate?: LocalDate | null;
  transferTo?: string | null;
  liftsId?: number | null;
  correctsId?: number | null;
  note: string;
  actorId: number;
  groupId: number | null;
  at: Date;
  attachments: AttachmentInput[];
}

function parseIds(text: string): number[] {
  try {
    const ids = JSON.parse(text) as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

/** The kinds of record that can change a unit's status: decisions to stop or close, their corrections, and lifts. */
export const STATUS_KINDS: readonly EnforcementKind[] = ['suspend', 'close', 'lift'];

/** The status columns `unitEnforcement` reads, for many units in one query. */
async function statusRows(db: Db, unitIds: readonly number[] | undefined) {
  let q = db.selectFrom('EnforcementAction')
    .select(['id', 'unitId', 'code', 'kind', 'correctsId', 'liftsId', 'fromDate', 'untilDate', 'at'])
    .where('kind', 'in', [...STATUS_KINDS]);
  if (unitIds) q = unitIds.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('unitId', 'in', [...unitIds]);
  return q.orderBy('id').execute();
}

/** Every unit's enforcement status, or the given units': only units with something in force appear. */
export async function enforcementStatuses(db: Db, unitIds?: readonly number[], without: number | null = null): Promise<Map<number, UnitEnforcement>> {
  const byUnit = new Map<number, Array<Awaited<ReturnType<typeof statusRows>>[number]>>();
  for (const r of await statusRows(db, unitIds)) if (r.id !== without) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const out = new Map<number, UnitEnforcement>();
  for (const [unitId, rows] of byUnit) {
    const status = unitEnforcement(rows.map((r) => ({ ...r, kind: r.kind as EnforcementKind, at: fromSqlDate(r.at) })));
    if (status.suspension || status.closedOn) out.set(unitId, status);
  }
  return out;
}

/**
 * 执法记录: enforcement decisions against units, append-only. Nothing here updates or deletes a
 * record: a correction and a lift are records of their own that name the one they concern.
 */
export function createEnforcementRepository(db: Db) {
  const base = () => db.selectFrom('EnforcementAction as a')
    .innerJoin('Unit as u', 'u.id', 'a.unitId')
    .innerJoin('Person as p', 'p.id', 'a.actorId')
    .select([
      'a.id', 'a.code', 'a.unitId', 'u.name as unitName', 'a.kind', 'a.hazardIds', 'a.decisionNo', 'a.deadline', 'a.amountYuan',
      'a.fromDate', 'a.untilDate', 'a.transferTo', 'a.liftsId', 'a.correctsId', 'a.note', 'a.actorId', 'p.name as actorName', 'a.groupId', 'a.at',
    ]);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

  async function toRecords(rows: Row[]): Promise<EnforcementRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const files = new Map<number, AttachmentInput[]>();
    for (const a of await db.selectFrom('EnforcementAttachment').select(['actionId', 'name', 'mime', 'size', 'sha256', 'path']).where('actionId', 'in', ids).orderBy('id').execute()) {
      files.set(a.actionId, [...(files.get(a.actionId) ?? []), { name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, path: a.path }]);
    }
    const hazardIds = [...new Set(rows.flatMap((r) => parseIds(r.hazardIds)))];
    const codes = new Map<number, string>();
    if (hazardIds.length > 0) for (const h of await db.selectFrom('Hazard').select(['id', 'code']).where('id', 'in', hazardIds).execute()) codes.set(h.id, h.code);
    return rows.map((r) => {
      const ids = parseIds(r.hazardIds);
      return {
        id: r.id, code: r.code, unitId: r.unitId, unitName: r.unitName, kind: r.kind as EnforcementKind, hazardIds: ids,
        hazardCodes: ids.map((id) => codes.get(id) ?? `#${id}`), decisionNo: r.decisionNo, deadline: r.deadline, amountYuan: r.amountYuan,
        fromDate: r.fromDate, untilDate: r.untilDate, transferTo: r.transferTo, liftsId: r.liftsId, correctsId: r.correctsId, note: r.note,
        actorId: r.actorId, actorName: r.actorName, groupId: r.groupId, at: fromSqlDate(r.at), attachments: files.get(r.id) ?? [],
      };
    });
  }

  async function addAttachments(actionId: number, attachments: readonly AttachmentInput[]): Promise<void> {
    if (attachments.length === 0) return;
    await db.insertInto('EnforcementAttachment')
      .values(attachments.map((a) => ({ actionId, name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, path: a.path }))).execute();
  }

  return {
    /** Records a decision (or a lift) with the next ZF code and its evidence. Call inside the message's transaction. */
    async record(input: NewEnforcement): Promise<EnforcementRecord> {
      const { value } = await db.insertInto('Counter').values({ name: 'enforcement', value: 1 })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`"Counter"."value" + 1` })).returning('value').executeTakeFirstOrThrow();
      const { id } = await db.insertInto('EnforcementAction').values({
        code: `ZF-${String(value).padStart(4, '0')}`, unitId: input.unitId, kind: input.kind, hazardIds: JSON.stringify(input.hazardIds),
        decisionNo: input.decisionNo, deadline: input.deadline ?? null, amountYuan: input.amountYuan ?? null, fromDate: input.fromDate ?? null,
        untilDate: input.untilDate ?? null, transferTo: input.transferTo ?? null, liftsId: input.liftsId ?? null, correctsId: input.correctsId ?? null,
        note: input.note, actorId: input.actorId, groupId: input.groupId, at: sqlDate(input.at),
      }).returning('id').executeTakeFirstOrThrow();
      await addAttachments(id, input.attachments);
      const [record] = await toRecords(await base().where('a.id', '=', id).execute());
      if (!record) throw new Error(`enforcement record ${id} not found`);
      return record;
    },

    /** Evidence sent after a record (the decision document photographed next): added to it, the record itself unchanged. */
    async addEvidence(actionId: number, attachments: readonly AttachmentInput[]): Promise<number> {
      await addAttachments(actionId, attachments);
      const { n } = await db.selectFrom('EnforcementAttachment').select((eb) => eb.fn.countAll<number>().as('n')).where('actionId', '=', actionId).executeTakeFirstOrThrow();
      return Number(n);
    },

    async byCode(code: string): Promise<EnforcementRecord | null> {
      const [record] = await toRecords(await base().where('a.code', '=', code).execute());
      return record ?? null;
    },

    /** A unit's records, oldest first (corrected ones included: the list says what replaced them). */
    async ofUnit(unitId: number): Promise<EnforcementRecord[]> {
      return toRecords(await base().where('a.unitId', '=', unitId).orderBy('a.at').orderBy('a.id').execute());
    },

    /** Records about a hazard, oldest first. */
    async ofHazard(hazardId: number): Promise<EnforcementRecord[]> {
      // hazardIds is a JSON array: match the id as an element, not as a digit run of another id
      const like = (pattern: string) => sql<boolean>`${sql.ref('a.hazardIds')} like ${pattern}`;
      const rows = await base().where((eb) => eb.or([like(`[${hazardId}]`), like(`[${hazardId},%`), like(`%,${hazardId},%`), like(`%,${hazardId}]`)]))
        .orderBy('a.at').orderBy('a.id').execute();
      return toRecords(rows);
    },

    /** Records made in [from, to), oldest first: the briefing's period. */
    async between(from: Date, to: Date): Promise<EnforcementRecord[]> {
      return toRecords(await base().where('a.at', '>=', sqlDate(from)).where('a.at', '<', sqlDate(to)).orderBy('a.at').orderBy('a.id').execute());
    },

    /** The record a person made in a group since a moment, the newest: where a document sent next belongs. */
    async lastRecordedBy(actorId: number, groupId: number, since: Date): Promise<EnforcementRecord | null> {
      const rows = await base().where('a.actorId', '=', actorId).where('a.groupId', '=', groupId).where('a.at', '>=', sqlDate(since))
        .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(1).execute();
      const [record] = await toRecords(rows);
      return record ?? null;
    },

    /** The status of one unit (nothing in force: NO_ENFORCEMENT), leaving out one record (the one being corrected). */
    async statusOf(unitId: number, without: number | null = null): Promise<UnitEnforcement> {
      return (await enforcementStatuses(db, [unitId], without)).get(unitId) ?? NO_ENFORCEMENT;
    },

    /** Every unit with a suspension or closure decided (the first day may be ahead), or the given units'. */
    statuses: (unitIds?: readonly number[]) => enforcementStatuses(db, unitIds),

    /** The units (of a scope; undefined: the county) under 停产整顿 or 关闭取缔 on a day, by name. */
    async enforcedUnits(today: LocalDate, unitIds?: readonly number[]): Promise<Array<{ unitId: number; name: string; status: UnitEnforcement }>> {
      const statuses = [...await enforcementStatuses(db, unitIds)]
        .filter(([, s]) => suspendedOn(s, today) || (s.closedOn !== null && s.closedOn <= today));
      if (statuses.length === 0) return [];
      const names = new Map((await db.selectFrom('Unit').select(['id', 'name']).where('id', 'in', statuses.map(([id]) => id)).execute()).map((u) => [u.id, u.name]));
      return statuses.map(([unitId, status]) => ({ unitId, name: names.get(unitId) ?? `#${unitId}`, status }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    },

    /** The newest enforcement attachment's id (0 for none). */
    async lastAttachmentId(): Promise<number> {
      const row = await db.selectFrom('EnforcementAttachment').select((eb) => eb.fn.max<number>('id').as('id')).executeTakeFirst();
      return Number(row?.id ?? 0);
    },

    async attachmentPathsAfter(afterId: number): Promise<Set<string>> {
      const rows = await db.selectFrom('EnforcementAttachment').select('path').where('id', '>', afterId).execute();
      return new Set(rows.map((r) => r.path));
    },

    /** Decisions (not lifts) per unit made since a moment, with corrections counted once: the watch rules' input. */
    async decisionsSince(since: Date): Promise<EnforcementRecord[]> {
      return toRecords(await base().where('a.at', '>=', sqlDate(since)).orderBy('a.at').orderBy('a.id').execute());
    },
  };
}

export type EnforcementRepository = ReturnType<typeof createEnforcementRepository>;
