import type { CommandContext } from './command.ts';
import { mentionHere, notifyOtherSide } from './act-on-hazard.ts';
import type { Draft } from '../db/draft-repository.ts';
import { inferCategory, matchCategory } from '../domain/category.ts';
import { formatDate } from '../domain/calendar.ts';
import { defaultSource, type HazardSource } from '../domain/hazard-source.ts';
import { takeWrittenSource, type WrittenSource } from '../parse/written-source.ts';
import { CONFIRM_AFTER_MONTHS, isDeadlineFarAhead, isDeadlineTooFar, MAX_DEADLINE_YEARS } from '../domain/deadline.ts';
import { canRegister } from '../domain/permissions.ts';
import type { HazardView, LocalDate, Person, Unit } from '../domain/types.ts';
import { closestUnitNames, findMisspeltUnit } from '../parse/closest-unit-names.ts';
import { parseDeadlineValue } from '../parse/parse-deadline.ts';
import { parseRegistration, type RegistrationFields } from '../parse/parse-registration.ts';
import { zh } from '../i18n/zh-CN.ts';

export const REGISTER_COMMAND = '登记隐患';

/** The fields the bot asks back for; it never guesses them. */
export type AskField = 'unit' | 'description' | 'owner' | 'deadline' | 'level';
const ASK_ORDER: readonly AskField[] = ['unit', 'description', 'owner', 'deadline', 'level'];

/**
 * A registration waiting for answers: the fields so far, everything the sender said for it (the
 * audit trail keeps the original message and each answer), and the questions still open.
 */
export interface RegistrationDraft {
  fields: RegistrationFields;
  /** the original message, then each answer */
  said: string[];
  /** the owner named belongs to another unit and the sender confirmed it */
  ownerConfirmed?: string;
  /** several people were @-mentioned as the owner: which one */
  ownerChoices?: string[];
  /** the choices were written under the owner label (`责任人 张伟 李强`), not @-mentioned */
  ownersWritten?: boolean;
  /** a unit name that looks like a roster name misspelt, and the names it may be */
  unitGuess?: { written: string; names: string[] };
  /** a list of more than CONFIRM_ABOVE hazards was shown back and confirmed */
  listConfirmed?: boolean;
  /** a deadline more than CONFIRM_AFTER_MONTHS months out that the sender confirmed (#9 item 8) */
  deadlineConfirmed?: string;
  /** `来源：群众举报`, `专项整治：危化品安全专项整治` as written (#15): else the sender's default */
  source?: WrittenSource;
}

type Resolved<T> = { value: T } | { ask: string };

/** The longest text a registration field takes: more is a document, to be sent as a file. */
export const MAX_FIELD_CHARS = { description: 500, measures: 500, location: 100 } as const;
const FIELD_LABELS: Record<keyof typeof MAX_FIELD_CHARS, string> = { description: '隐患描述', measures: '整改措施', location: '隐患位置' };

/** A yes to the bot's question: `确认`, `是的`, `对`. */
const YES = /^(?:确认|确定|是|是的|对|对的|没错|可以|好的?|嗯)[。.!！]*$/;
/** `@张伟 @李强` in the text: names that the platform may not have reported as mentions. */
const TEXT_MENTIONS = /@([^\s@,;。，；:、]+)/g;

/** The first field over its limit, with its length in characters. */
function overLimit(fields: RegistrationFields): { field: keyof typeof MAX_FIELD_CHARS; length: number } | null {
  for (const field of Object.keys(MAX_FIELD_CHARS) as Array<keyof typeof MAX_FIELD_CHARS>) {
    const length = Array.from(fields[field] ?? '').length;
    if (length > MAX_FIELD_CHARS[field]) return { field, length };
  }
  return null;
}

async function resolveUnit(ctx: CommandContext, draft: RegistrationDraft): Promise<Resolved<Unit>> {
  const names = draft.fields.units ?? [];
  if (names.length === 0) {
    // in a unit's own group the unit is known; in a department's or leaders' group it is not
    const groupUnit = ctx.group?.unitId != null ? await ctx.store.roster.unitById(ctx.group.unitId) : null;
    if (groupUnit && groupUnit.kind !== 'department' && ctx.group?.purpose === 'unit') return { value: groupUnit };
    // 红兴化工储罐区…: a slip in the unit's name is offered back, never taken on a guess
    const guess = draft.unitGuess ?? findMisspeltUnit(draft.said[0] ?? '', await ctx.store.roster.unitNames());
    if (guess) {
      draft.unitGuess = guess;
      return { ask: zh.register.ask.unitMisspelt(guess.written, guess.names) };
    }
    return { ask: zh.register.ask.unit };
  }
  const units = (await Promise.all(names.map((n) => ctx.store.roster.unitByName(n)))).filter((u): u is Unit => u !== null);
  if (units.length === 0) {
    const written = names[0] ?? '';
    const close = closestUnitNames(written, await ctx.store.roster.unitNames());
    if (close.length > 0) {
      draft.unitGuess = { written, names: close };
      return { ask: zh.register.ask.unitMisspelt(written, close) };
    }
    return { ask: zh.register.ask.unitUnknown(written) };
  }
  // 城关镇 实验小学: the town is the supervisor, the school is the unit
  const specific = units.filter((u) => !units.some((other) => other.supervisorId === u.id));
  const [only, ...others] = specific;
  if (only && others.length === 0) return { value: only };
  return { ask: zh.register.ask.unitAmbiguous(specific.map((u) => u.name)) };
}

async function unitNameOf(ctx: CommandContext, person: Person): Promise<string> {
  return (person.unitId ? (await ctx.store.roster.unitById(person.unitId))?.name : null) ?? '无单位';
}

async function resolveOwner(ctx: CommandContext, draft: RegistrationDraft, unit: Unit | null): Promise<Resolved<Person>> {
  if (draft.ownerChoices) return { ask: zh.register.ask.ownerWhich(draft.ownerChoices, draft.ownersWritten) };
  const name = draft.fields.owner;
  if (!name) return { ask: zh.register.ask.owner };
  const people = await ctx.store.roster.peopleByName(name);
  if (people.length === 0) return { ask: zh.register.ask.ownerUnknown(name) };
  const inUnit = unit ? people.filter((p) => p.unitId === unit.id) : [];
  const candidates = inUnit.length > 0 ? inUnit : people;
  const [only, ...others] = candidates;
  if (only && others.length === 0) {
    // 张伟 of 红星化工 for a hazard of 蓝天物流 would be reminded in the wrong group: ask first
    if (unit && only.unitId !== unit.id && draft.ownerConfirmed !== name) {
      return { ask: zh.register.ask.ownerOtherUnit(name, await unitNameOf(ctx, only), unit.name) };
    }
    return { value: only };
  }
  const unitNames = await Promise.all(candidates.map((p) => unitNameOf(ctx, p)));
  return { ask: zh.register.ask.ownerAmbiguous(name, unitNames) };
}

function resolveDeadline(fields: RegistrationFields, ctx: CommandContext, confirmed: string | undefined): Resolved<string> {
  if (fields.deadline) {
    if (fields.deadline < ctx.today) return { ask: zh.register.ask.deadlinePast(formatDate(fields.deadline, ctx.now)) };
    if (isDeadlineTooFar(fields.deadline, ctx.today)) return { ask: zh.register.ask.deadlineTooFar(formatDate(fields.deadline, ctx.now), MAX_DEADLINE_YEARS) };
    // half a year out is more often a slip (a wrong month, last June's date) than a plan: confirmed first
    if (isDeadlineFarAhead(fields.deadline, ctx.today) && confirmed !== fields.deadline) {
      return { ask: zh.register.ask.deadlineFarAhead(formatDate(fields.deadline, ctx.now), CONFIRM_AFTER_MONTHS) };
    }
    return { value: fields.deadline };
  }
  if (fields.deadlineText) return { ask: zh.register.ask.deadlineUnreadable(fields.deadlineText) };
  return { ask: zh.register.ask.deadline };
}

/** What the audit trail keeps of a registration: the message as written and every answer to an ask-back. */
export function auditText(said: readonly string[]): string {
  const [original = '', ...answers] = said;
  return [original, ...answers.map((a) => zh.register.answered(a))].join('');
}

/** A draft as stored: the shape of today, or a bare field set from before the audit trail kept answers. */
function readDraft(stored: Draft): RegistrationDraft {
  const f = stored.fields as Partial<RegistrationDraft> & RegistrationFields;
  if (f.fields && Array.isArray(f.said)) return f as RegistrationDraft;
  return { fields: f as RegistrationFields, said: [] };
}

/** What a sender is told who answers a registration draft after it ran out: what it was, how to resend. */
export function expiredRegistration(stored: Draft, minutes: number): string {
  const draft = readDraft(stored);
  return zh.register.expired(draft.fields.description ?? draft.said[0] ?? '', minutes);
}

/** A one-line reminder of a waiting draft: what it is about and what it still needs. */
function describeDraft(draft: RegistrationDraft, missing: readonly string[]): string {
  const about = draft.fields.description ?? draft.said[0] ?? '';
  const labels = missing.map((f) => zh.register.fieldLabel[f as AskField] ?? f);
  return zh.register.waitingDraft(about, labels);
}

/** One hazard ready to record. */
interface Entry {
  fields: RegistrationFields & { description: string };
  owner: Person;
  deadline: string;
}

/** What a draft lacks, or everything its hazards need. */
type Assessed =
  | { refused: string }
  | { missing: string[]; asks: string[] }
  | { unit: Unit; entries: Entry[] };

/** Above this many hazards in one message, they are shown once more and recorded on 确认. */
export const CONFIRM_ABOVE = 3;

/**
 * The hazards a draft describes: one, or one per item of a numbered list, each item taking the
 * list's shared fields (owner, deadline, level…) unless it states its own.
 */
function hazardsOf(fields: RegistrationFields): RegistrationFields[] {
  const { items, ...shared } = fields;
  if (!items || items.length < 2) return [shared];
  return items.map(({ units: _units, ...own }) => ({ ...shared, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) }));
}

/** Checks a draft against the roster and the calendar without changing anything. */
async function assess(ctx: CommandContext, draft: RegistrationDraft): Promise<Assessed> {
  const hazards = hazardsOf(draft.fields);
  for (const fields of hazards) {
    const long = overLimit(fields);
    if (long) return { refused: zh.register.tooLong(FIELD_LABELS[long.field], long.length, MAX_FIELD_CHARS[long.field]) };
  }
  const unit = await resolveUnit(ctx, draft);
  if ('value' in unit && canRegister(ctx.sender, unit.value)) return { refused: zh.register.contactOwnUnitOnly };
  const asks = new Map<AskField, string>();
  if ('ask' in unit) asks.set('unit', unit.ask);
  const entries: Entry[] = [];
  for (const fields of hazards) {
    const owner = await resolveOwner(ctx, { ...draft, fields }, 'value' in unit ? unit.value : null);
    const deadline = resolveDeadline(fields, ctx, draft.deadlineConfirmed);
    if (!fields.description) asks.set('description', zh.register.ask.description);
    if ('ask' in owner && !asks.has('owner')) asks.set('owner', owner.ask);
    if ('ask' in deadline && !asks.has('deadline')) asks.set('deadline', deadline.ask);
    if (fields.levelText && !fields.level && !asks.has('level')) asks.set('level', zh.register.ask.levelUnreadable(fields.levelText));
    if ('value' in owner && 'value' in deadline && fields.description) {
      entries.push({ fields: { ...fields, description: fields.description }, owner: owner.value, deadline: deadline.value });
    }
  }
  if ('value' in unit && asks.size === 0) {
    if (entries.length > CONFIRM_ABOVE && !draft.listConfirmed) {
      return { missing: ['confirm'], asks: [zh.register.confirmList(unit.value.name, entries.map((e) => ({ description: e.fields.description, owner: e.owner.name, deadline: formatDate(e.deadline, ctx.now) })))] };
    }
    return { unit: unit.value, entries };
  }
  const missing = ASK_ORDER.filter((f) => asks.has(f));
  return { missing, asks: missing.map((f) => asks.get(f) ?? '') };
}

/** The source a registration records: what it says (a campaign by its name), else the sender's default. */
async function sourceOf(ctx: CommandContext, draft: RegistrationDraft, unit: Unit): Promise<{ source: HazardSource; campaignId: number | null; sourceBody: string | null; sourceDate: LocalDate | null }> {
  const written = draft.source;
  if (!written) return { source: defaultSource(ctx.sender, unit), campaignId: null, sourceBody: null, sourceDate: null };
  const campaign = written.campaign ? await ctx.store.problemLists.campaignByName(written.campaign) : null;
  // a 督查反馈 keeps who inspected and when, as an imported list's items do
  return { source: written.source, campaignId: campaign?.id ?? null, sourceBody: written.body ?? null, sourceDate: written.date ?? null };
}

/** Records the hazards of a complete draft and announces them in one message. */
async function register(ctx: CommandContext, draft: RegistrationDraft, ready: Extract<Assessed, { unit: Unit }>): Promise<void> {
  const { unit } = ready;
  const created: HazardView[] = [];
  for (const { fields, owner, deadline } of ready.entries) {
    const category = (fields.category && matchCategory(fields.category)) || inferCategory(`${fields.description} ${fields.location ?? ''}`, unit.sector);
    created.push(await ctx.store.hazards.create(
      {
        description: fields.description, location: fields.location ?? null, category, level: fields.level ?? 'general',
        unitId: unit.id, reporterId: ctx.sender.id, ownerId: owner.id, measures: fields.measures ?? null,
        deadline, sourceGroupId: ctx.group?.id ?? null, ...(await sourceOf(ctx, draft, unit)),
      },
      // every hazard of a list keeps the whole message as written: the audit trail reads it as it came
      { actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now, text: auditText(draft.said), attachments: ctx.attachments },
    ));
  }
  const owners = [...new Map(ready.entries.map((e) => [e.owner.id, e.owner])).values()];
  const [first] = created;
  if (!first) return;
  const text = created.length === 1 ? zh.register.created(first, ctx.now) : zh.register.createdMany(created, ctx.now);
  const elsewhere = await Promise.all(owners.filter((o) => o.unitId !== unit.id).map(async (o) => zh.register.ownerOtherUnitNoted(o.name, await unitNameOf(ctx, o))));
  await ctx.reply([text, ...elsewhere].join('\n'), mentionHere(ctx, first, owners));
  await notifyOtherSide(ctx, first, 'unit', text, owners);
}

/**
 * Turns gathered fields into a hazard, or asks back for exactly what is missing or unclear and
 * keeps the draft for the sender's next message.
 */
export async function completeRegistration(ctx: CommandContext, draft: RegistrationDraft): Promise<void> {
  const slot = { groupId: ctx.group?.id ?? 0, personId: ctx.sender.id };
  const assessed = await assess(ctx, draft);
  if ('missing' in assessed) {
    await ctx.store.drafts.save({
      ...slot, command: REGISTER_COMMAND, fields: JSON.parse(JSON.stringify(draft)) as Record<string, unknown>, missing: assessed.missing.join(','),
      expiresAt: new Date(ctx.now.getTime() + ctx.config.draftMinutes * 60_000),
    });
    await ctx.reply([...assessed.asks, zh.register.ask.footer(ctx.config.draftMinutes)].join('\n'));
    return;
  }
  await ctx.store.drafts.remove(slot.groupId, slot.personId, ctx.now);
  if ('refused' in assessed) await ctx.reply(assessed.refused);
  else await register(ctx, draft, assessed);
}

/**
 * Everyone a message names as owner: the platform's mentions, or where the platform marks none
 * (console, transcripts) the `@名字` written in the text.
 */
function mentionedOwners(text: string, mentions: readonly string[]): string[] {
  if (mentions.length > 0) return [...new Set(mentions)];
  return [...new Set([...text.matchAll(TEXT_MENTIONS)].map((m) => m[1] ?? '').filter(Boolean))];
}

/**
 * `责任人@张伟`, `负责人：张伟`: the owner named under its label, whatever else is @-mentioned
 * (`责任人 李强 @张伟`: 李强, 张伟 is only told) — unless the label's own mention is followed by
 * more (`责任人 @张伟 @李强` names two, and is asked about).
 */
function labelledOwner(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:责任人|负责人|整改人|落实人)[^@\\n,，;；]{0,4}(?:@${escaped}(?![\\s、,，/和及与]*@)|${escaped})`).test(text);
}

/**
 * Sets the owner from @mentions: a name written under its label wins (`责任人 李强 @张伟`: 李强,
 * 张伟 is only told); else one person mentioned is the owner and several are a question, never a
 * silent pick of the first. Mentions of no one in the roster (`@所有人`) do not count.
 */
async function takeMentionedOwner(ctx: CommandContext, draft: RegistrationDraft, text: string, mentions: readonly string[]): Promise<void> {
  const written = draft.fields.owner;
  // the cheap test first: most registrations @-mention no one (the pattern is compiled per name)
  if (written && (!text.includes(`@${written}`) || labelledOwner(text, written))) return;
  let named = mentionedOwners(text, mentions);
  if (named.length > 1) {
    const known = await Promise.all(named.map(async (n) => (await ctx.store.roster.peopleByName(n)).length > 0));
    named = named.filter((_, i) => known[i]);
  }
  if (named.length === 1) {
    draft.fields.owner = named[0];
    delete draft.ownerChoices;
  } else if (named.length > 1) {
    delete draft.fields.owner;
    draft.ownerChoices = named;
  }
}

/** What joins two names under the owner label: `张伟 李强`, `张伟、李强`, `张伟/李强`, `张伟和李强`. */
const NAME_JOIN = /[\s、,，/和及与]+/;

/**
 * `责任人 张伟 李强`, `责任人：张伟、李强`: two roster people under the owner label are a question,
 * as two mentions are. They were taken as the owner `张伟、李强` (not in the roster), or as 张伟
 * with 李强 left in the description.
 */
async function takeWrittenOwners(ctx: CommandContext, draft: RegistrationDraft, text: string): Promise<void> {
  const written = draft.fields.owner;
  if (!written || draft.ownerChoices) return;
  let names = written.split(NAME_JOIN).filter(Boolean);
  let leftInDescription: string | null = null;
  if (names.length === 1) {
    const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // a second name written plainly; `责任人 李强 @张伟` only tells 张伟
    const next = new RegExp(`(?:责任人|负责人|整改人|落实人)[^@\\n,，;；]{0,4}@?${escaped}${NAME_JOIN.source}([^\\s@,，;；。、/]+)`).exec(text)?.[1];
    if (!next) return;
    names = [written, next];
    leftInDescription = next;
  }
  const known = await Promise.all(names.map(async (n) => (await ctx.store.roster.peopleByName(n)).length > 0));
  if (names.length < 2 || !known.every(Boolean)) return;
  delete draft.fields.owner;
  draft.ownerChoices = [...new Set(names)];
  draft.ownersWritten = true;
  const description = draft.fields.description;
  if (leftInDescription && description) {
    const word = leftInDescription.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    draft.fields.description = description.replace(new RegExp(`(?:^|\\s+)${word}(?=\\s|$)`), '').trim() || description;
  }
}

/**
 * Reads the registration text of a new 登记隐患 message. The platform's first @mention names the
 * owner where the text names none or names them as an @mention too; a name written plainly under
 * its key wins (`责任人 李强 @张伟`: 李强, 张伟 is only told).
 */
export async function startRegistration(ctx: CommandContext, text: string, mentions: readonly string[]): Promise<void> {
  const unitNames = await ctx.store.roster.unitNames();
  const campaigns = (await ctx.store.problemLists.campaigns()).map((c) => c.name);
  const written = takeWrittenSource(text, campaigns, ctx.today);
  const draft: RegistrationDraft = { fields: parseRegistration(written.rest, { now: ctx.now, unitNames }), said: [ctx.message.text] };
  if (written.source) draft.source = written.source;
  await takeMentionedOwner(ctx, draft, text, mentions);
  await takeWrittenOwners(ctx, draft, text);
  // a registration already waiting for an answer is never dropped for a new one
  const waiting = await ctx.store.drafts.get(ctx.group?.id ?? 0, ctx.sender.id, ctx.now);
  if (waiting?.command === REGISTER_COMMAND) {
    const about = describeDraft(readDraft(waiting), waiting.missing.split(',').filter(Boolean));
    const assessed = await assess(ctx, draft);
    if ('entries' in assessed) {
      await register(ctx, draft, assessed);
      await ctx.reply(about + zh.register.answerOrCancel);
    } else if ('refused' in assessed) {
      await ctx.reply(`${assessed.refused}\n${about}${zh.register.answerOrCancel}`);
    } else {
      // two drafts cannot both take the next answer: the new one waits until the old one is done
      await ctx.reply(zh.register.stillWaiting(about));
    }
    return;
  }
  await completeRegistration(ctx, draft);
}

/**
 * Merges the sender's answer into the draft: fields the answer states take the missing places;
 * a bare answer (`张伟`, `12月15日`) fills the first missing one.
 */
export async function resumeRegistration(ctx: CommandContext, stored: Draft, text: string, mentions: readonly string[]): Promise<void> {
  const draft = readDraft(stored);
  const missing = stored.missing.split(',').filter(Boolean) as AskField[];
  draft.said.push(ctx.message.text);
  const unitNames = await ctx.store.roster.unitNames();
  const yes = YES.test(text.trim());

  // answers to the bot's own questions first: the list to confirm, which of the mentioned, the other unit's owner, the misspelt unit
  if (stored.missing === 'confirm') {
    if (yes) draft.listConfirmed = true;
    await completeRegistration(ctx, draft);
    return;
  }
  if (missing.includes('owner') && draft.ownerChoices) {
    const pick = draft.ownerChoices.find((n) => text.includes(n));
    if (pick) {
      draft.fields.owner = pick;
      delete draft.ownerChoices;
      await completeRegistration(ctx, draft);
      return;
    }
  }
  if (missing.includes('owner') && yes && draft.fields.owner) {
    draft.ownerConfirmed = draft.fields.owner;
    await completeRegistration(ctx, draft);
    return;
  }
  if (missing.includes('deadline') && yes && draft.fields.deadline) {
    draft.deadlineConfirmed = draft.fields.deadline;
    await completeRegistration(ctx, draft);
    return;
  }
  if (missing.includes('unit') && draft.unitGuess) {
    const guess = draft.unitGuess;
    const chosen = yes && guess.names.length === 1 ? guess.names[0] : unitNames.find((n) => text.trim() === n) ?? unitNames.find((n) => text.includes(n));
    if (chosen) {
      delete draft.unitGuess;
      draft.fields.units = [chosen];
      draft.fields.description = correctedDescription(draft.fields.description, guess.written, chosen);
      await completeRegistration(ctx, draft);
      return;
    }
  }

  const answer = parseRegistration(text, { now: ctx.now, unitNames });
  const answered: RegistrationDraft = { fields: answer, said: [] };
  await takeMentionedOwner(ctx, answered, text, mentions);
  await takeWrittenOwners(ctx, answered, text);
  if (answered.ownerChoices && missing.includes('owner')) {
    draft.ownerChoices = answered.ownerChoices;
    if (answered.ownersWritten) draft.ownersWritten = true;
    delete draft.fields.owner;
    await completeRegistration(ctx, draft);
    return;
  }
  const merged: RegistrationFields = { ...draft.fields };
  let filled = false;
  for (const field of missing) {
    if (field === 'unit' && answer.units) (merged.units = answer.units), (filled = true);
    if (field === 'owner' && answered.fields.owner) (merged.owner = answered.fields.owner), (filled = true);
    if (field === 'description' && answer.description && missing.length === 1) (merged.description = answer.description), (filled = true);
    if (field === 'deadline' && (answer.deadline || answer.deadlineText)) {
      merged.deadline = answer.deadline;
      merged.deadlineText = answer.deadlineText;
      filled = true;
    }
    if (field === 'level' && (answer.level || answer.levelText)) {
      merged.level = answer.level;
      merged.levelText = answer.level ? undefined : answer.levelText;
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
    if (first === 'level') merged.levelText = bare;
  }
  if (merged.units !== draft.fields.units) delete draft.unitGuess;
  if (merged.owner !== draft.fields.owner) delete draft.ownerChoices;
  draft.fields = JSON.parse(JSON.stringify(merged)) as RegistrationFields;
  await completeRegistration(ctx, draft);
}

/** 红兴化工储罐区… once 红星化工 is chosen: the slip leaves the description; a leading unit name goes, as it would have. */
function correctedDescription(description: string | undefined, written: string, chosen: string): string | undefined {
  if (!description) return description;
  const fixed = description.replace(written, chosen);
  const lead = new RegExp(`^${chosen}[\\s，,、]+`);
  return lead.test(fixed) ? fixed.replace(lead, '') : fixed;
}
