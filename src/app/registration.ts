import type { CommandContext } from './command.ts';
import { mentionHere, notifyOtherSide } from './act-on-hazard.ts';
import { inferCategory, matchCategory } from '../domain/category.ts';
import { formatDate } from '../domain/calendar.ts';
import { isDeadlineTooFar, MAX_DEADLINE_YEARS } from '../domain/deadline.ts';
import { canRegister } from '../domain/permissions.ts';
import type { Person, Unit } from '../domain/types.ts';
import { parseDeadlineValue } from '../parse/parse-deadline.ts';
import { parseRegistration, type RegistrationFields } from '../parse/parse-registration.ts';
import { zh } from '../i18n/zh-CN.ts';

export const REGISTER_COMMAND = '登记隐患';

/** The fields the bot asks back for; it never guesses them. */
export type AskField = 'unit' | 'description' | 'owner' | 'deadline';
const ASK_ORDER: readonly AskField[] = ['unit', 'description', 'owner', 'deadline'];

type Resolved<T> = { value: T } | { ask: string };

/** The longest text a registration field takes: more is a document, to be sent as a file. */
export const MAX_FIELD_CHARS = { description: 500, measures: 500, location: 100 } as const;
const FIELD_LABELS: Record<keyof typeof MAX_FIELD_CHARS, string> = { description: '隐患描述', measures: '整改措施', location: '隐患位置' };

/** The first field over its limit, with its length in characters. */
function overLimit(fields: RegistrationFields): { field: keyof typeof MAX_FIELD_CHARS; length: number } | null {
  for (const field of Object.keys(MAX_FIELD_CHARS) as Array<keyof typeof MAX_FIELD_CHARS>) {
    const length = Array.from(fields[field] ?? '').length;
    if (length > MAX_FIELD_CHARS[field]) return { field, length };
  }
  return null;
}

async function resolveUnit(ctx: CommandContext, fields: RegistrationFields): Promise<Resolved<Unit>> {
  const names = fields.units ?? [];
  if (names.length === 0) {
    // in a unit's own group the unit is known; in a department's or leaders' group it is not
    const groupUnit = ctx.group?.unitId != null ? await ctx.store.roster.unitById(ctx.group.unitId) : null;
    if (groupUnit && groupUnit.kind !== 'department' && ctx.group?.purpose === 'unit') return { value: groupUnit };
    return { ask: zh.register.ask.unit };
  }
  const units = (await Promise.all(names.map((n) => ctx.store.roster.unitByName(n)))).filter((u): u is Unit => u !== null);
  if (units.length === 0) return { ask: zh.register.ask.unitUnknown(names[0] ?? '') };
  // 城关镇 实验小学: the town is the supervisor, the school is the unit
  const specific = units.filter((u) => !units.some((other) => other.supervisorId === u.id));
  const [only, ...others] = specific;
  if (only && others.length === 0) return { value: only };
  return { ask: zh.register.ask.unitAmbiguous(specific.map((u) => u.name)) };
}

async function resolveOwner(ctx: CommandContext, name: string | undefined, unit: Unit | null): Promise<Resolved<Person>> {
  if (!name) return { ask: zh.register.ask.owner };
  const people = await ctx.store.roster.peopleByName(name);
  if (people.length === 0) return { ask: zh.register.ask.ownerUnknown(name) };
  const inUnit = unit ? people.filter((p) => p.unitId === unit.id) : [];
  const candidates = inUnit.length > 0 ? inUnit : people;
  const [only, ...others] = candidates;
  if (only && others.length === 0) return { value: only };
  const unitNames = await Promise.all(candidates.map(async (p) => (p.unitId ? (await ctx.store.roster.unitById(p.unitId))?.name : null) ?? '无单位'));
  return { ask: zh.register.ask.ownerAmbiguous(name, unitNames) };
}

function resolveDeadline(fields: RegistrationFields, ctx: CommandContext): Resolved<string> {
  if (fields.deadline) {
    if (fields.deadline < ctx.today) return { ask: zh.register.ask.deadlinePast(formatDate(fields.deadline, ctx.now)) };
    if (isDeadlineTooFar(fields.deadline, ctx.today)) return { ask: zh.register.ask.deadlineTooFar(formatDate(fields.deadline, ctx.now), MAX_DEADLINE_YEARS) };
    return { value: fields.deadline };
  }
  if (fields.deadlineText) return { ask: zh.register.ask.deadlineUnreadable(fields.deadlineText) };
  return { ask: zh.register.ask.deadline };
}

/**
 * Turns gathered fields into a hazard, or asks back for exactly what is missing or unclear and
 * keeps the draft for the sender's next message.
 */
export async function completeRegistration(ctx: CommandContext, fields: RegistrationFields): Promise<void> {
  const long = overLimit(fields);
  if (long) {
    await ctx.store.drafts.remove(ctx.group?.id ?? 0, ctx.sender.id);
    await ctx.reply(zh.register.tooLong(FIELD_LABELS[long.field], long.length, MAX_FIELD_CHARS[long.field]));
    return;
  }
  const unit = await resolveUnit(ctx, fields);
  const owner = await resolveOwner(ctx, fields.owner, 'value' in unit ? unit.value : null);
  const deadline = resolveDeadline(fields, ctx);
  const asks: Record<AskField, string | null> = {
    unit: 'ask' in unit ? unit.ask : null,
    description: fields.description ? null : zh.register.ask.description,
    owner: 'ask' in owner ? owner.ask : null,
    deadline: 'ask' in deadline ? deadline.ask : null,
  };
  const missing = ASK_ORDER.filter((f) => asks[f] !== null);

  if ('value' in unit) {
    const refused = canRegister(ctx.sender, unit.value);
    if (refused) {
      await ctx.store.drafts.remove(ctx.group?.id ?? 0, ctx.sender.id);
      await ctx.reply(zh.register.contactOwnUnitOnly);
      return;
    }
  }

  if (missing.length > 0 || !('value' in unit) || !('value' in owner) || !('value' in deadline) || !fields.description) {
    await ctx.store.drafts.save({
      groupId: ctx.group?.id ?? 0, personId: ctx.sender.id, command: REGISTER_COMMAND,
      fields: fields as Record<string, unknown>, missing: missing.join(','),
      expiresAt: new Date(ctx.now.getTime() + ctx.config.draftMinutes * 60_000),
    });
    const lines = missing.map((f) => asks[f]).filter((t): t is string => t !== null);
    await ctx.reply([...lines, zh.register.ask.footer(ctx.config.draftMinutes)].join('\n'));
    return;
  }

  await ctx.store.drafts.remove(ctx.group?.id ?? 0, ctx.sender.id);
  const category = (fields.category && matchCategory(fields.category)) || inferCategory(`${fields.description} ${fields.location ?? ''}`, unit.value.sector);
  const hazard = await ctx.store.hazards.create(
    {
      description: fields.description, location: fields.location ?? null, category, level: fields.level ?? 'general',
      unitId: unit.value.id, reporterId: ctx.sender.id, ownerId: owner.value.id, measures: fields.measures ?? null,
      deadline: deadline.value, sourceGroupId: ctx.group?.id ?? null,
    },
    { actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now, text: ctx.message.text, attachments: ctx.attachments },
  );
  const text = zh.register.created(hazard, ctx.now);
  await ctx.reply(text, mentionHere(ctx, hazard, [owner.value]));
  await notifyOtherSide(ctx, hazard, 'unit', text, [owner.value]);
}

/**
 * Reads the registration text of a new 登记隐患 message. The platform's first @mention names the
 * owner where the text names none or names them as an @mention too; a name written plainly under
 * its key wins (`责任人 李强 @张伟`: 李强, 张伟 is only told).
 */
export async function startRegistration(ctx: CommandContext, text: string, mentions: readonly string[]): Promise<void> {
  const unitNames = await ctx.store.roster.unitNames();
  const fields = parseRegistration(text, { now: ctx.now, unitNames });
  if (mentions[0] && (!fields.owner || text.includes(`@${fields.owner}`))) fields.owner = mentions[0];
  await completeRegistration(ctx, fields);
}

/**
 * Merges the sender's answer into the draft: fields the answer states take the missing places;
 * a bare answer (`张伟`, `12月15日`) fills the first missing one.
 */
export async function resumeRegistration(ctx: CommandContext, draft: RegistrationFields, missing: readonly AskField[], text: string, mentions: readonly string[]): Promise<void> {
  const unitNames = await ctx.store.roster.unitNames();
  const answer = parseRegistration(text, { now: ctx.now, unitNames });
  if (mentions[0]) answer.owner = mentions[0];
  const merged: RegistrationFields = { ...draft };
  let filled = false;
  for (const field of missing) {
    if (field === 'unit' && answer.units) (merged.units = answer.units), (filled = true);
    if (field === 'owner' && answer.owner) (merged.owner = answer.owner), (filled = true);
    if (field === 'description' && answer.description && missing.length === 1) (merged.description = answer.description), (filled = true);
    if (field === 'deadline' && (answer.deadline || answer.deadlineText)) {
      merged.deadline = answer.deadline;
      merged.deadlineText = answer.deadlineText;
      filled = true;
    }
  }
  const first = missing[0];
  if (!filled && first) {
    const bare = text.trim().replace(/^@/, '');
    if (first === 'unit') merged.units = [bare];
    if (first === 'owner') merged.owner = bare;
    if (first === 'description') merged.description = bare;
    if (first === 'deadline') {
      const date = parseDeadlineValue(bare, ctx.now);
      merged.deadline = date ?? undefined;
      merged.deadlineText = date ? undefined : bare;
    }
  }
  await completeRegistration(ctx, JSON.parse(JSON.stringify(merged)) as RegistrationFields);
}
