import type { CommandContext } from './command.ts';
import type { NewEnforcement } from '../db/enforcement-repository.ts';
import { canEnforce, ENFORCEMENT_LABELS, type EnforcementRecord } from '../domain/enforcement.ts';
import { orderDeadline, type OrderDeadline } from '../domain/order-deadline.ts';
import type { HazardView, LocalDate, Unit } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';
import { parseEnforcementText, type EnforcementText } from '../parse/parse-enforcement.ts';

/** Whom a decision is against and what it is about, once the sender may record it. */
export interface EnforcementTarget {
  unit: Unit;
  hazards: HazardView[];
  parsed: EnforcementText;
}

/**
 * Reads `单位 [YH-…] [文号：…] …` for an enforcement command: the unit (named, or the unit of the
 * hazards named), the hazards, and whether the sender may record against that unit (its
 * supervising department, or an admin). Answers what is wrong, with the usage, and returns null.
 */
export async function readEnforcementTarget(ctx: CommandContext, text: string, usage: string): Promise<EnforcementTarget | null> {
  const parsed = parseEnforcementText(text, await ctx.store.roster.unitNames());
  const hazards: HazardView[] = [];
  for (const code of parsed.codes) {
    const hazard = await ctx.store.hazards.byCode(code);
    if (!hazard) {
      await ctx.reply(zh.enforcement.hazardUnknown(code));
      return null;
    }
    hazards.push(hazard);
  }
  if (parsed.unit !== null && !parsed.unitInRoster) {
    await ctx.reply(zh.enforcement.unitUnknown(parsed.unit, usage));
    return null;
  }
  let unit = parsed.unit ? await ctx.store.roster.unitByName(parsed.unit) : null;
  if (!unit) {
    const unitIds = [...new Set(hazards.map((h) => h.unitId))];
    if (unitIds.length > 1) {
      await ctx.reply(zh.enforcement.hazardsSeveralUnits([...new Set(hazards.map((h) => h.unitName))]));
      return null;
    }
    unit = unitIds[0] !== undefined ? await ctx.store.roster.unitById(unitIds[0]) : null;
  }
  if (!unit) {
    await ctx.reply(zh.enforcement.unitMissing(usage));
    return null;
  }
  const stray = hazards.find((h) => h.unitId !== unit.id);
  if (stray) {
    await ctx.reply(zh.enforcement.hazardOtherUnit(stray.code, stray.unitName, unit.name));
    return null;
  }
  if (canEnforce(ctx.sender, unit) !== null) {
    const supervisor = unit.supervisorId !== null ? await ctx.store.roster.unitById(unit.supervisorId) : null;
    await ctx.reply(zh.enforcement.notSupervisor(unit.name, supervisor?.name ?? null));
    return null;
  }
  return { unit, hazards, parsed };
}

/** What a command adds to the target to make a record. */
export type EnforcementFields = Pick<NewEnforcement, 'kind' | 'deadline' | 'amountYuan' | 'fromDate' | 'untilDate' | 'transferTo' | 'liftsId' | 'correctsId'> & { note: string };

/** A time limit a decision moved: set by an order or its correction, or given back by a correction. */
export interface DeadlineChange extends OrderDeadline {
  hazard: HazardView;
  from: LocalDate;
}

/**
 * The time limits a 责令限期整改 sets on the open hazards it names; for a correction, also the ones
 * it gives back to the hazards the corrected order named and it no longer does (src/domain/order-deadline.ts).
 */
async function deadlineChanges(ctx: CommandContext, target: EnforcementTarget, fields: EnforcementFields, corrects: EnforcementRecord | null): Promise<DeadlineChange[]> {
  if (fields.kind !== 'order') return [];
  const corrected = new Set<string>();
  if (corrects) {
    const records = new Map((await ctx.store.enforcement.ofUnit(corrects.unitId)).map((r) => [r.id, r]));
    for (let r: EnforcementRecord | undefined = corrects; r; r = r.correctsId !== null ? records.get(r.correctsId) : undefined) corrected.add(r.code);
  }
  const named = new Set(target.hazards.map((h) => h.id));
  const dropped = corrects ? (await ctx.store.hazards.byIds(corrects.hazardIds)).filter((h) => !named.has(h.id)) : [];
  const changes: DeadlineChange[] = [];
  for (const hazard of [...target.hazards, ...dropped]) {
    const ordered = named.has(hazard.id) ? (fields.deadline ?? null) : null;
    const change = orderDeadline({ hazard, events: await ctx.store.hazards.events(hazard.id), corrected, ordered });
    if (change) changes.push({ ...change, hazard, from: hazard.deadline });
  }
  return changes;
}

/**
 * Records the decision with the message's files as its evidence and writes it into the history of
 * each hazard it concerns; a 责令限期整改 (or its correction, `corrects`) sets or gives back their
 * time limits. Returns the record and the time limits moved, for the announcement.
 */
export async function recordEnforcement(
  ctx: CommandContext, target: EnforcementTarget, fields: EnforcementFields, corrects: EnforcementRecord | null = null,
): Promise<{ record: EnforcementRecord; changes: DeadlineChange[] }> {
  const changes = await deadlineChanges(ctx, target, fields, corrects);
  const record = await ctx.store.enforcement.record({
    ...fields, unitId: target.unit.id, hazardIds: target.hazards.map((h) => h.id), decisionNo: target.parsed.decisionNo,
    actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now, attachments: ctx.attachments,
  });
  const texts = zh.enforcement;
  const about = corrects ? texts.correctionEventHead(record.code, corrects.code) : `${ENFORCEMENT_LABELS[record.kind]} ${record.code}`;
  const event = { type: 'enforcement' as const, actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now };
  // the hazard's own history says it, so 查询 and 责任链 show the decision where the hazard is read;
  // a time limit moved is kept in the event (replay and the statistics read it), the original stays on record
  for (const hazard of target.hazards) {
    const change = changes.find((c) => c.hazard.id === hazard.id);
    await ctx.store.hazards.update(hazard.id, change ? { deadline: change.to } : {}, {
      ...event,
      text: change ? texts.orderEventText(about, change.to, change.from, ctx.now) : about,
      data: { enforcement: record.code, kind: record.kind, ...(change ? { deadline: change.to, previousDeadline: change.from, beforeOrder: change.beforeOrder } : {}) },
    });
  }
  for (const change of changes.filter((c) => c.restored)) {
    await ctx.store.hazards.update(change.hazard.id, { deadline: change.to }, {
      ...event,
      text: texts.orderRestoredEventText(about, change.to, change.from, ctx.now),
      data: { enforcement: record.code, kind: record.kind, deadline: change.to, previousDeadline: change.from, beforeOrder: change.beforeOrder, restored: true },
    });
  }
  return { record, changes };
}

/** The reply to a recorded decision, and the same to the unit's group(s) (not twice in one group). */
export async function announceEnforcement(ctx: CommandContext, record: EnforcementRecord, text: string): Promise<void> {
  await ctx.reply(text);
  for (const group of await ctx.store.roster.groupsOfUnit(record.unitId)) {
    if (group.id === ctx.group?.id) continue;
    await ctx.push({ groupId: group.id, personId: null, text, mentions: [] });
  }
}

/** The sender's unit name, as a record's signature shows it. */
export async function actorUnitName(ctx: CommandContext): Promise<string | null> {
  return ctx.sender.unitId !== null ? ((await ctx.store.roster.unitById(ctx.sender.unitId))?.name ?? null) : null;
}

/** The standard reply to a recorded decision. */
export async function recordedText(ctx: CommandContext, record: EnforcementRecord): Promise<string> {
  return zh.enforcement.recorded(record, await actorUnitName(ctx), ctx.config.governance.evidenceMinutes, ctx.now);
}
