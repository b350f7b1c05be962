import type { CommandContext } from './command.ts';
import type { HazardFilter } from '../db/hazard-repository.ts';
import { zh } from '../i18n/zh-CN.ts';

/** Long lists are cut here, with "等 N 项" and the total: a chat is not a spreadsheet. */
export const LIST_LIMIT = 20;

/** Replies with the hazards matching a filter, most urgent first. */
export async function replyList(ctx: CommandContext, title: string, filter: Omit<HazardFilter, 'limit'>): Promise<void> {
  if (filter.unitIds && filter.unitIds.length === 0) {
    await ctx.reply(zh.list.empty(title));
    return;
  }
  const [items, total] = await Promise.all([
    ctx.store.hazards.list({ ...filter, limit: LIST_LIMIT }),
    ctx.store.hazards.count(filter),
  ]);
  await ctx.reply(total === 0 ? zh.list.empty(title) : zh.list.render(title, items, total, ctx.now));
}
