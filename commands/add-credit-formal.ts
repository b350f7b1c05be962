import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { formalExpiry } from '../src/domain/credit.ts';
import { parseFormalEntry } from '../src/parse/parse-credit.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '列入黑名单 红星化工 文号：应急罚〔2026〕12号 机关：县应急管理局 日期：2026-11-20';

/**
 * The formal 严重失信主体名单 is an authority's legal decision after a penalty: the bot only
 * records it, so the decision number, authority and date are all required.
 */
export default defineCommand({
  name: '列入黑名单',
  aliases: ['列入失信名单', '录入失信名单', '登记失信名单', '列入严重失信名单'],
  roles: ['admin'],
  section: '督办考核',
  summary: '登记有权机关认定的严重失信主体（文号、机关、日期，期限3年）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const unitNames = (await ctx.store.roster.units()).map((u) => u.name);
    const entry = parseFormalEntry(args.text, unitNames, ctx.today);
    if (!entry.unit) return ctx.reply(zh.credit.unitMissing(usage));
    const unit = await ctx.store.roster.unitByName(entry.unit);
    if (!unit) return ctx.reply(zh.config.unitUnknown(entry.unit));
    if (entry.decidedOnText) return ctx.reply(zh.credit.dateUnreadable(entry.decidedOnText));
    const missing = [
      ...(entry.decisionNo ? [] : ['决定书文号（文号：）']),
      ...(entry.authority ? [] : ['决定机关（机关：）']),
      ...(entry.decidedOn ? [] : ['决定日期（日期：）']),
    ];
    if (missing.length > 0 || !entry.decisionNo || !entry.authority || !entry.decidedOn) return ctx.reply(zh.credit.formalMissing(missing));
    if (entry.decidedOn > ctx.today) return ctx.reply(zh.credit.dateFuture);
    const added = await ctx.store.credit.addFormal({
      unitId: unit.id, decisionNo: entry.decisionNo, authority: entry.authority, decidedOn: entry.decidedOn,
      expiresOn: formalExpiry(entry.decidedOn, entry.termYears ?? ctx.config.governance.creditTermYears),
      removedOn: entry.removedOn, reason: entry.reason, enteredById: ctx.sender.id, at: ctx.now,
    });
    await ctx.reply(zh.credit.formalAdded(added, ctx.now));
  },
});
