import type { CommandContext } from '../features/command.ts';
import { visibleScope } from '../features/hazard-scope.ts';
import type { Store } from '../db/store.ts';
import type { HazardView, Person } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';
import { findHazardCodes, formatHazardCode } from '../parse/normalize.ts';

/** The draft a "which hazard?" question leaves: the message to run again once the code is known. */
export const PICK_CODE = '选择编号';
/** How many open hazards the question lists: more, and the sender is asked to write the code. */
const LISTED = 8;

/** Whose open hazards a message without a code is most likely about. */
async function candidates(ctx: CommandContext, forReview: boolean): Promise<HazardView[]> {
  if (ctx.sender.role === 'contact') {
    const mine = await ctx.store.hazards.list({ ownerId: ctx.sender.id });
    if (mine.length > 0 || ctx.sender.unitId === null) return mine;
    return ctx.store.hazards.list({ unitIds: [ctx.sender.unitId] });
  }
  const scope = await visibleScope(ctx);
  if (scope && scope.length === 0) return [];
  const open = await ctx.store.hazards.list({ unitIds: scope });
  return forReview ? open.filter((h) => h.status === 'pending_review') : open;
}

/**
 * A report or decision without a hazard code (`呼吸阀已经换好了，进度80%`, `整改完成 请验收`):
 * lists the sender's open hazards and asks which, keeping the message to run again with the code
 * that comes back. Never guesses, not even when there is only one. A registration waiting for an
 * answer is not pushed aside: then the sender is only asked to write the code.
 */
export async function askWhichHazard(ctx: CommandContext, text: string, options: { usage: string; forReview: boolean }): Promise<void> {
  const slot = { groupId: ctx.group?.id ?? 0, personId: ctx.sender.id };
  const open = await candidates(ctx, options.forReview);
  const waiting = await ctx.store.drafts.get(slot.groupId, slot.personId, ctx.now);
  if (open.length === 0 || open.length > LISTED || (waiting && waiting.command !== PICK_CODE)) {
    await ctx.reply(zh.common.codeMissing(options.usage));
    return;
  }
  await ctx.store.drafts.save({
    ...slot, command: PICK_CODE, fields: { text, codes: open.map((h) => h.code) }, missing: 'code',
    expiresAt: new Date(ctx.now.getTime() + ctx.config.draftMinutes * 60_000),
  });
  await ctx.reply(zh.common.whichHazard(open, ctx.now));
}

/** The answer to "which hazard?": the message to run in its place, or a number the list does not have. */
export type PickedCode = { text: string } | { notInList: string; offered: readonly string[] };

/** `第一个`, `三`: a place in the list written out. */
const PLACE: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * The answer to "which hazard?": `YH-0001`, `0001`, `1`, `第一个`, or several codes. Returns the
 * message to run in its place (the code, then the report as first written); a number that names
 * nothing in the list, to be told so (the question stays); or null when the message is not such
 * an answer.
 */
export async function takePickedCode(store: Store, groupId: number, sender: Person, text: string, now: Date): Promise<PickedCode | null> {
  const draft = await store.drafts.get(groupId, sender.id, now);
  if (draft?.command !== PICK_CODE) return null;
  const offered = Array.isArray(draft.fields.codes) ? (draft.fields.codes as string[]) : [];
  const written = text.trim().replace(/^第|[项个。.!！]$/g, '');
  const t = PLACE[written] === undefined ? written : String(PLACE[written]);
  let codes: string[] = [];
  if (/^\d{1,4}$/.test(t)) {
    const n = Number(t);
    const asCode = formatHazardCode(n);
    const byPlace = offered[n - 1];
    codes = offered.includes(asCode) ? [asCode] : byPlace && t.length <= 2 ? [byPlace] : [];
  } else {
    const found = findHazardCodes(t);
    const rest = found.reduceRight((s, c) => s.slice(0, c.index) + s.slice(c.index + c.length), t);
    if (found.length > 0 && /^[\s、,，和及与/]*$/.test(rest)) codes = found.map((c) => c.code);
  }
  if (codes.length === 0) return /^\d{1,4}$/.test(t) ? { notInList: text.trim(), offered } : null;
  await store.drafts.remove(groupId, sender.id, now);
  return { text: `${codes.join('、')} ${String(draft.fields.text ?? '')}` };
}
