import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '黑名单',
  aliases: ['失信名单', '严重失信名单', '严重失信主体名单'],
  section: '督办考核',
  summary: '查看严重失信主体名单（在列的和已期满或移出的）',
  usage: '黑名单',
  args: rawArgs,
  async run(ctx) {
    await ctx.reply(zh.credit.formalList(await ctx.store.credit.entries('formal'), ctx.now));
  },
});
