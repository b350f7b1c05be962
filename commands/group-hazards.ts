import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { visibleScope } from '../src/features/hazard-scope.ts';
import { replyList } from '../src/features/reply-list.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '本群隐患',
  aliases: ['群隐患', '本群未销号'],
  section: '查询',
  summary: '本群所对应单位的未销号隐患',
  usage: '本群隐患',
  args: rawArgs,
  async run(ctx) {
    if (!ctx.group) {
      await ctx.reply(zh.common.groupOnly);
      return;
    }
    await replyList(ctx, zh.list.group(ctx.group.name), { unitIds: await visibleScope(ctx) });
  },
});
