import type { CommandContext } from './command.ts';
import { audienceScope, isUnitsOwnGroup, withinAudience } from './hazard-scope.ts';
import type { Store } from '../db/store.ts';
import { factsNeeded, transition, type HazardAction, type TransitionFacts } from '../domain/lifecycle.ts';
import { canRectify, canReview, canSupervise, canUrge, canView, type PermissionRefusal } from '../domain/permissions.ts';
import type { AttachmentInput, HazardView, LocalDate, Person } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/** Loads a hazard by code, answering when the code is missing or unknown. */
export async function loadHazard(ctx: CommandContext, code: string | null, usage: string): Promise<HazardView | null> {
  if (!code) {
    await ctx.reply(zh.common.codeMissing(usage));
    return null;
  }
  const hazard = await ctx.store.hazards.byCode(code);
  if (!hazard) await ctx.reply(zh.common.notFound(code));
  return hazard;
}

/**
 * Whether the sender may read this hazard's record here, answering when not: they must be allowed
 * to see it, and in a group everyone in the room must be (not another unit's group).
 */
export async function mayShowHere(ctx: CommandContext, hazard: HazardView): Promise<boolean> {
  const refused = canView(ctx.sender, hazard);
  if (refused) {
    await ctx.reply(zh.permission[refused]);
    return false;
  }
  if (ctx.group && !isUnitsOwnGroup(ctx.group, hazard.unitId) && !withinAudience([hazard.unitId], await audienceScope(ctx.store, ctx.group, ctx.sender))) {
    await ctx.reply(zh.audience.notThisRoom(hazard.code));
    return false;
  }
  return true;
}

/**
 * Who may act: the unit's side rectifies, the supervising department reviews, leaders supervise;
 * 'participant' is someone the caller already knows took part (a photo after their own report).
 */
export type Actor = 'rectify' | 'review' | 'supervise' | 'urge' | 'participant';

function refusalFor(who: Actor, sender: Person, hazard: HazardView): PermissionRefusal | null {
  if (who === 'rectify') return canRectify(sender, hazard);
  if (who === 'review') return canReview(sender, hazard);
  if (who === 'supervise') return canSupervise(sender);
  if (who === 'urge') return canUrge(sender, hazard);
  return null;
}

/** What the lifecycle rules need to know beyond the hazard row for this action (each fact is a query). */
export async function transitionFacts(store: Store, hazard: HazardView, action: HazardAction, today: LocalDate, at: Date, incomingFiles: number): Promise<TransitionFacts> {
  const needed = factsNeeded(hazard, action);
  const facts: TransitionFacts = { today, at };
  if (needed.evidenceCount) facts.evidenceCount = (await store.hazards.evidenceCount(hazard.id)) + incomingFiles;
  if (needed.reinspection) {
    const pending = await store.reinspections.pendingFor(hazard.id);
    facts.reinspection = { dueNow: pending.some((r) => r.dueOn <= today), nextDueOn: pending[0]?.dueOn ?? null };
  }
  return facts;
}

/**
 * Applies one lifecycle action for the sender: checks who may do it, runs the pure transition
 * with the facts it needs and records the event (in the group it was said in). Answers the
 * refusal itself and returns null when the action does not happen.
 */
export async function actOnHazard(
  ctx: CommandContext,
  hazard: HazardView,
  action: HazardAction,
  options: { who: Actor; text: string; attachments?: AttachmentInput[] },
): Promise<HazardView | null> {
  const refusedBy = refusalFor(options.who, ctx.sender, hazard);
  if (refusedBy) {
    await ctx.reply(zh.permission[refusedBy]);
    return null;
  }
  const attachments = options.attachments ?? [];
  const result = transition(hazard, action, await transitionFacts(ctx.store, hazard, action, ctx.today, ctx.now, attachments.length));
  if ('refused' in result) {
    await ctx.reply(zh.refusal[result.refused](hazard.code, result, ctx.now));
    return null;
  }
  return ctx.store.hazards.update(hazard.id, result.changes, {
    type: result.event, actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now, text: options.text, data: result.data,
    attachments,
  }, hazard);
}

/**
 * Answers an action on a hazard in the room it was taken in: in full where everyone in the room may
 * see the hazard; in a room whose audience does not cover the hazard's unit (a department head
 * acting in another unit's group) the room reads only that it was done, and the full reply goes to
 * the sender privately (#9 item 4: what a room reads is what its least-entitled member may see).
 */
export async function replyOnHazard(ctx: CommandContext, hazard: Pick<HazardView, 'code' | 'unitId'>, text: string, mentions: readonly Person[] = []): Promise<void> {
  // null: nothing to read (no room, or the unit's own group)
  const audience = ctx.group && !isUnitsOwnGroup(ctx.group, hazard.unitId) ? await audienceScope(ctx.store, ctx.group, ctx.sender) : null;
  if (audience === null || withinAudience([hazard.unitId], audience)) {
    await ctx.reply(text, mentions);
    return;
  }
  // a chat bound to no roster group yet (its title alone proves nothing) says so
  await ctx.reply(audience?.length === 0 ? zh.audience.actedInUnboundRoom(hazard.code) : zh.audience.actedOutOfRoom(hazard.code));
  await ctx.push({ groupId: null, personId: ctx.sender.id, text, mentions: [] });
}

/** People to @-mention in this reply: only in the hazard's own unit group, where they are. */
export function mentionHere(ctx: CommandContext, hazard: Pick<HazardView, 'unitId'>, people: readonly Person[]): readonly Person[] {
  return !ctx.group || isUnitsOwnGroup(ctx.group, hazard.unitId) ? people : [];
}

/** The supervising department's name, for "请应急管理局验收". */
export async function reviewerName(ctx: CommandContext, hazard: HazardView): Promise<string> {
  if (hazard.unitSupervisorId === null) return '管理员';
  return (await ctx.store.roster.unitById(hazard.unitSupervisorId))?.name ?? '监管部门';
}

/**
 * Tells the other side: the unit's groups or the supervising department's groups, except the
 * group the message came from (it already saw the reply).
 */
export async function notifyOtherSide(
  ctx: CommandContext,
  hazard: HazardView,
  side: 'unit' | 'supervisor',
  text: string,
  mentions: readonly Person[] = [],
): Promise<void> {
  const unitId = side === 'unit' ? hazard.unitId : hazard.unitSupervisorId;
  if (unitId === null) return;
  for (const group of await ctx.store.roster.groupsOfUnit(unitId)) {
    if (group.id === ctx.group?.id) continue;
    await ctx.push({ groupId: group.id, personId: null, text, mentions: mentions.map((p) => p.id) });
  }
}

/** Tells the leaders' group(s), except the group the message came from, @-mentioning `mentions` there. */
export async function notifyLeaders(ctx: CommandContext, text: string, mentions: readonly number[] = []): Promise<void> {
  for (const group of await ctx.store.roster.groupsByPurpose('leaders')) {
    if (group.id === ctx.group?.id) continue;
    await ctx.push({ groupId: group.id, personId: null, text, mentions: [...mentions] });
  }
}

/** The id of the hazard's leader in charge (分管领导) as the roster's leaders: section names them, or null. */
export async function leaderInChargeOf(ctx: CommandContext, hazard: HazardView): Promise<number | null> {
  const unit = await ctx.store.roster.unitById(hazard.unitId);
  const chain = (await ctx.store.leaders.resolver())({ unitId: hazard.unitId, category: hazard.category, unitSector: unit?.sector ?? null });
  return chain.inCharge?.id ?? null;
}
