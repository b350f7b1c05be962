import type { CommandContext } from './command.ts';
import { transition, type HazardAction } from '../domain/lifecycle.ts';
import { canRectify, canReview } from '../domain/permissions.ts';
import type { HazardView, Person } from '../domain/types.ts';
import type { AttachmentInput } from '../domain/types.ts';
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
 * Applies one lifecycle action for the sender: checks who may do it (rectify: the unit's side;
 * review: the supervising department), runs the pure transition and records the event. Answers
 * the refusal itself and returns null when the action does not happen.
 */
export async function actOnHazard(
  ctx: CommandContext,
  hazard: HazardView,
  action: HazardAction,
  options: { who: 'rectify' | 'review'; text: string; attachments?: AttachmentInput[] },
): Promise<HazardView | null> {
  const refusedBy = options.who === 'rectify' ? canRectify(ctx.sender, hazard) : canReview(ctx.sender, hazard);
  if (refusedBy) {
    await ctx.reply(zh.permission[refusedBy]);
    return null;
  }
  const result = transition(hazard, action, { today: ctx.today });
  if ('refused' in result) {
    await ctx.reply(zh.refusal[result.refused](hazard.code));
    return null;
  }
  return ctx.store.hazards.update(hazard.id, result.changes, {
    type: result.event, actorId: ctx.sender.id, at: ctx.now, text: options.text, data: result.data,
    attachments: options.attachments ?? [],
  });
}

/** People to @-mention in this reply: only in the hazard's own unit group, where they are. */
export function mentionHere(ctx: CommandContext, hazard: Pick<HazardView, 'unitId'>, people: readonly Person[]): readonly Person[] {
  return !ctx.group || ctx.group.unitId === hazard.unitId ? people : [];
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
