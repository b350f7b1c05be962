import type { CommandContext } from './command.ts';
import type { NewEnforcement } from '../db/enforcement-repository.ts';
import { canEnforce, ENFORCEMENT_LABELS, type EnforcementRecord } from '../domain/enforcement.ts';
import type { HazardView, Unit } from '../domain/types.ts';
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

/**
 * Records the decision with the message's files as its evidence, writes it into the history of
 * each hazard it concerns, answers, and tells the unit's own group(s).
 */
export async function recordEnforcement(ctx: CommandContext, target: EnforcementTarget, fields: EnforcementFields): Promise<EnforcementRecord> {
  const record = await ctx.store.enforcement.record({
    ...fields, unitId: target.unit.id, hazardIds: target.hazards.map((h) => h.id), decisionNo: target.parsed.decisionNo,
    actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now, attachments: ctx.attachments,
  });
  for (const hazard of target.hazards) {
    // the hazard's own history says it, so 查询 and 责任链 show the decision where the hazard is read
    await ctx.store.hazards.update(hazard.id, {}, {
      type: 'enforcement', actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now,
      text: `${ENFORCEMENT_LABELS[record.kind]} ${record.code}`, data: { enforcement: record.code, kind: record.kind },
    });
  }
  return record;
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
