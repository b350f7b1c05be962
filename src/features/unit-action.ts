import type { CommandContext } from './command.ts';
import type { Unit } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';
import { parseUnitAction } from '../parse/parse-credit.ts';

/**
 * Reads `单位 [日期] 理由` for the credit-list commands and finds the unit in the roster; answers
 * (with the command's usage) and returns null when the unit is missing or unknown.
 */
export async function readUnitAction(ctx: CommandContext, text: string, usage: string): Promise<{ unit: Unit; date: string | null; note: string } | null> {
  const unitNames = (await ctx.store.roster.units()).map((u) => u.name);
  const { unit: name, date, note } = parseUnitAction(text, unitNames, ctx.today);
  if (!name) {
    await ctx.reply(zh.credit.unitMissing(usage));
    return null;
  }
  const unit = await ctx.store.roster.unitByName(name);
  if (!unit) {
    await ctx.reply(zh.config.unitUnknown(name));
    return null;
  }
  return { unit, date, note };
}
