import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { visibleScope } from '../src/features/hazard-scope.ts';
import { replyList } from '../src/features/reply-list.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '我的隐患',
  aliases: ['我的任务', '我负责的隐患'],
  help: { example: '我的隐患', for: ['contact'] },
  section: '查询',
  summary: '我负责整改的（监管部门：所监管单位的）未销号隐患',
  usage: '我的隐患',
  args: rawArgs,
  async run(ctx) {
    // in a group, only what the whole room may see (a department head's list in a unit's group is that unit's)
    const unitIds = await visibleScope(ctx);
    if (ctx.sender.role === 'contact') {
      await replyList(ctx, zh.list.mine, { ownerId: ctx.sender.id, ...(unitIds ? { unitIds } : {}) });
      return;
    }
    await replyList(ctx, zh.list.mine, { unitIds });
  },
});
