import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '设为领导群',
  aliases: ['设置领导群', '绑定领导群'],
  roles: ['admin'],
  section: '设置',
  summary: '把本群设为领导群（汇总和升级提醒发到这里）',
  usage: '设为领导群',
  args: rawArgs,
  async run(ctx) {
    if (!ctx.group) return ctx.reply(zh.common.groupOnly);
    await ctx.store.roster.updateGroup(ctx.group.id, { unitId: null, purpose: 'leaders' });
    await ctx.reply(zh.config.leadersGroup(ctx.group.name));
  },
});
