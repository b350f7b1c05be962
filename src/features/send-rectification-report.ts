import type { CommandContext } from './command.ts';
import { visibleScope } from './hazard-scope.ts';
import { buildRectificationReport } from './rectification-report.ts';
import { findBatchCode } from '../domain/problem-list.ts';
import { zh } from '../i18n/zh-CN.ts';

/** 整改报告 QD-0001: the report as an .xlsx sent into the chat, of the units the asker and the room may see. */
export async function sendRectificationReport(ctx: CommandContext, text: string): Promise<void> {
  const code = findBatchCode(text);
  if (!code) {
    const [latest] = await ctx.store.problemLists.imported();
    return ctx.reply(zh.problemList.report.which(latest?.code ?? null));
  }
  const batch = await ctx.store.problemLists.byCode(code);
  if (!batch || batch.code === null) return ctx.reply(zh.problemList.complete.noBatch(code));
  const scope = await visibleScope(ctx);
  const { file, rows, photos } = await buildRectificationReport(ctx.store, { ...batch, code: batch.code }, ctx.now, ctx.config.dataDir, scope);
  if (rows.length === 0) return ctx.reply(zh.problemList.notVisible(code));
  const total = (await ctx.store.problemLists.items(batch.id)).length;
  await ctx.reply(zh.problemList.report.sent(batch, rows, total, file.name, ctx.now, photos), [], { file });
}
