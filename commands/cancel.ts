import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { REGISTER_COMMAND } from '../src/features/registration.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '取消',
  aliases: ['取消登记', '放弃'],
  section: '隐患登记',
  summary: '放弃正在补全的隐患登记',
  usage: '取消',
  args: rawArgs,
  async run(ctx) {
    const waiting = await ctx.store.drafts.get(ctx.group?.id ?? 0, ctx.sender.id, ctx.now);
    const removed = await ctx.store.drafts.remove(ctx.group?.id ?? 0, ctx.sender.id, ctx.now);
    // a "which hazard?" question is no registration
    await ctx.reply(!removed ? zh.register.nothingToCancel : waiting && waiting.command !== REGISTER_COMMAND ? zh.register.cancelledReport : zh.register.cancelled);
  },
});
