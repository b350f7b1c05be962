import { z } from 'zod';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { rebindGroup } from '../src/features/rebind-group.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '绑定本群 红星化工（单位名，或名册中的群名：把那个群改绑到本群）';

export default defineCommand({
  name: '绑定本群',
  aliases: ['本群绑定', '绑定单位'],
  roles: ['admin'],
  section: '设置',
  summary: '把本群绑定到一个单位（该单位的对接群或监管部门群）',
  usage,
  args: rawArgs.extend({ text: z.string().trim().min(1, '请写明要绑定的单位名称') }),
  async run(ctx, args) {
    if (!ctx.group) return ctx.reply(zh.common.groupOnly);
    const unitName = args.text.replace(/^(到|为|单位)\s*[:=]?\s*/, '').trim();
    const unit = await ctx.store.roster.unitByName(unitName);
    if (!unit) {
      const { platform } = ctx.message;
      const rosterGroup = await ctx.store.roster.groupByName(unitName);
      if (!rosterGroup || platform === 'console' || !ctx.message.group) return ctx.reply(zh.config.unitUnknown(unitName));
      if (rosterGroup.id === ctx.group.id) return ctx.reply(zh.identity.groupRebound(rosterGroup.name));
      await rebindGroup(ctx.store, { group: rosterGroup, platform, chatId: ctx.message.group.id, actorId: ctx.sender.id, at: ctx.now });
      // this chat is the roster group now: its placeholder row no longer reaches it
      return ctx.push({ groupId: rosterGroup.id, personId: null, text: zh.identity.groupRebound(rosterGroup.name), mentions: [] });
    }
    const purpose = unit.kind === 'department' ? 'department' : 'unit';
    await ctx.store.roster.updateGroup(ctx.group.id, { unitId: unit.id, purpose });
    await ctx.reply(purpose === 'department' ? zh.config.departmentGroup(ctx.group.name, unit.name) : zh.config.groupBound(ctx.group.name, unit.name));
  },
});
