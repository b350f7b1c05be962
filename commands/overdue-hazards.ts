import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { visibleScope } from '../src/features/hazard-scope.ts';
import { replyList } from '../src/features/reply-list.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '逾期隐患',
  aliases: ['逾期', '超期隐患', '逾期清单'],
  help: { example: '逾期隐患', for: ['department', 'leader', 'admin'] },
  section: '查询',
  summary: '已过整改时限仍未销号的隐患',
  usage: '逾期隐患',
  args: rawArgs,
  async run(ctx) {
    await replyList(ctx, zh.list.overdue, { unitIds: await visibleScope(ctx), deadlineBefore: ctx.today });
  },
});
