import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { exportLedger } from '../src/features/export-ledger.ts';
import { audienceScope, personScope, withinAudience } from '../src/features/hazard-scope.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '导出台账',
  aliases: ['台账导出', '下载台账', '导出隐患台账'],
  section: '查询',
  summary: '导出 Excel 台账（可按期间、单位/部门、等级、状态筛选），含考核表和季度统计表',
  usage: '导出台账 本季度 应急管理局 重大 逾期',
  args: rawArgs,
  async run(ctx, args) {
    // a unit contact exports its own unit, a department what it supervises, leaders everything
    const scope = await personScope(ctx.store, ctx.sender);
    // the county's ranking is for those who may run 排名: a unit contact's workbook leaves it out
    const result = await exportLedger(ctx.store, args.text, scope, ctx.now, ctx.config, { countyRanks: ctx.sender.role !== 'contact' });
    if (!result.ok) return ctx.reply(result.reply);
    // a workbook wider than the room's audience (a leader's, in a unit's group) goes to the sender privately
    if (ctx.group && !withinAudience(scope, await audienceScope(ctx.store, ctx.group, ctx.sender))) {
      await ctx.push({ groupId: null, personId: ctx.sender.id, text: zh.ledger.exported(result, ctx.now), mentions: [], file: result.file });
      return ctx.reply(zh.audience.ledgerSentPrivately);
    }
    await ctx.reply(zh.ledger.exported(result, ctx.now), [], { file: result.file });
  },
});
