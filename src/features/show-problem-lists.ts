/**
 * 问题清单 and 专项整治: how far each list and campaign has got (total / closed / overdue / not yet
 * assigned), then per unit, then item by item — within what the asker and the room may see.
 */
import type { CommandContext } from './command.ts';
import { visibleScope } from './hazard-scope.ts';
import type { UnitProgress } from '../db/problem-list-repository.ts';
import { EMPTY_PROGRESS, findBatchCode, type ListProgress } from '../domain/problem-list.ts';
import { zh } from '../i18n/zh-CN.ts';

export function sumProgress(parts: readonly ListProgress[]): ListProgress {
  return parts.reduce((a, p) => ({ total: a.total + p.total, closed: a.closed + p.closed, overdue: a.overdue + p.overdue, unassigned: a.unassigned + p.unassigned }), EMPTY_PROGRESS);
}

async function visibleUnits(ctx: CommandContext, batchId: number): Promise<UnitProgress[]> {
  const scope = await visibleScope(ctx);
  const units = await ctx.store.problemLists.progressByUnit(batchId, ctx.today);
  return scope === undefined ? units : units.filter((u) => u.unitId !== null && scope.includes(u.unitId));
}

/** `问题清单`, `问题清单 QD-0001`, `问题清单 QD-0001 红星化工`. */
export async function showProblemLists(ctx: CommandContext, text: string): Promise<void> {
  const code = findBatchCode(text);
  if (!code) {
    const lines = [];
    for (const batch of await ctx.store.problemLists.imported()) {
      const units = await visibleUnits(ctx, batch.id);
      if (units.length === 0) continue;
      lines.push({ batch, progress: sumProgress(units) });
    }
    return ctx.reply(zh.problemList.lists(lines, ctx.now));
  }
  const batch = await ctx.store.problemLists.byCode(code);
  if (!batch) return ctx.reply(zh.problemList.complete.noBatch(code));
  const units = await visibleUnits(ctx, batch.id);
  if (units.length === 0) return ctx.reply(zh.problemList.notVisible(code));
  const unitNames = await ctx.store.roster.unitNames();
  const named = unitNames.find((n) => text.includes(n));
  const unit = named ? units.find((u) => u.unitName === named) : undefined;
  if (named && !unit) return ctx.reply(zh.problemList.unitNotInList(code, named));
  if (!unit) return ctx.reply(zh.problemList.batchByUnit(batch, sumProgress(units), units, ctx.now));
  const items = (await ctx.store.problemLists.items(batch.id)).filter((i) => i.unitId === unit.unitId);
  const hazards = new Map((await ctx.store.hazards.byIds(items.flatMap((i) => (i.hazardId === null ? [] : [i.hazardId])))).map((h) => [h.id, h]));
  await ctx.reply(zh.problemList.unitItems(batch, unit, items.map((item) => ({ item, hazard: item.hazardId === null ? null : hazards.get(item.hazardId) ?? null })), ctx.now));
}
