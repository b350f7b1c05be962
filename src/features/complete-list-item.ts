/**
 * 补全 QD-0001 第3项 责任人 李四 12月20日前: the supervising department names what a 待明确
 * item lacked; the item becomes a hazard and its unit's group is told.
 */
import type { CommandContext } from './command.ts';
import { mentionHere, notifyOtherSide } from './act-on-hazard.ts';
import { createItemHazard, gapsOf } from './problem-list-import.ts';
import { findBatchCode } from '../domain/problem-list.ts';
import { parseRegistration } from '../parse/parse-registration.ts';
import { zh } from '../i18n/zh-CN.ts';

const ITEM_NUMBER = /第\s*(\d{1,4})\s*项|(?:^|\s)(\d{1,4})(?=\s|$)/;

export async function completeListItem(ctx: CommandContext, text: string, mentions: readonly string[]): Promise<void> {
  const texts = zh.problemList.complete;
  const code = findBatchCode(text);
  const rest = text.replace(/\bQD\s*[-_—–]?\s*\d{1,6}\b/i, ' ');
  const number = ITEM_NUMBER.exec(rest);
  const seq = Number(number?.[1] ?? number?.[2] ?? NaN);
  if (!code || !Number.isInteger(seq)) return ctx.reply(zh.common.usage('请写明清单编号和第几项', texts.usage));
  const batch = await ctx.store.problemLists.byCode(code);
  if (!batch || batch.code === null) return ctx.reply(texts.noBatch(code));
  const item = await ctx.store.problemLists.item(batch.id, seq);
  if (!item || item.unitId === null) return ctx.reply(texts.noItem(code, seq));
  if (item.hazardId !== null) {
    const [hazard] = await ctx.store.hazards.byIds([item.hazardId]);
    return ctx.reply(texts.already(code, seq, hazard?.code ?? ''));
  }
  const unit = await ctx.store.roster.unitById(item.unitId);
  if (!unit) return ctx.reply(texts.noItem(code, seq));
  const allowed = ctx.sender.role === 'admin' || ctx.sender.id === batch.createdById
    || (ctx.sender.role === 'department' && ctx.sender.unitId !== null && ctx.sender.unitId === unit.supervisorId);
  if (!allowed) return ctx.reply(texts.notAllowed(unit.name));

  const fields = parseRegistration(rest.replace(ITEM_NUMBER, ' '), { now: ctx.now, unitNames: [] });
  const named = fields.owner ?? (mentions.length === 1 ? mentions[0] : undefined);
  const ownerName = named ?? item.ownerName;
  // a deadline written here but not read is said so, not replaced by the row's
  const deadline = fields.deadline ?? (fields.deadlineText ? null : item.deadline);
  const { gaps, owner } = await gapsOf(ctx, { ownerName: ownerName ?? null, deadline, deadlineText: fields.deadlineText ?? null, unitId: unit.id, ownerNamedAgain: named !== undefined });
  if (gaps.length > 0 || !owner || !deadline) return ctx.reply(texts.missing(gaps, ctx.now));
  const hazard = await createItemHazard(ctx, { ...batch, code: batch.code }, item, unit, owner, deadline, batch.campaignId);
  const reply = zh.problemList.completed(code, seq, hazard, ctx.now);
  await ctx.reply(reply, mentionHere(ctx, hazard, [owner]));
  await notifyOtherSide(ctx, hazard, 'unit', reply, [owner]);
}
