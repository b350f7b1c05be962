import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { loadHazard, mayShowHere } from '../src/features/act-on-hazard.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '查询 YH-0012';

export default defineCommand({
  name: '查询',
  aliases: ['查看', '详情', '查询隐患'],
  help: { example: 'YH-0012（只发编号：看详情和处理记录）', for: ['contact', 'department', 'leader', 'admin'] },
  section: '查询',
  summary: '查看一条隐患的详情和全部处理记录',
  usage,
  manyCodes: true,
  args: withCode,
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    if (!(await mayShowHere(ctx, hazard))) return;
    const origin = {
      campaignName: hazard.campaignId !== null ? await ctx.store.problemLists.campaignName(hazard.campaignId) : null,
      listItem: hazard.source === 'inspection' || hazard.source === 'campaign' ? await ctx.store.problemLists.itemOfHazard(hazard.id) : null,
    };
    await ctx.reply(zh.hazard.detail(hazard, await ctx.store.hazards.events(hazard.id), ctx.now, origin));
  },
});
