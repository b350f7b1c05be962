import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { showProblemLists } from '../src/features/show-problem-lists.ts';

export default defineCommand({
  name: '问题清单',
  aliases: ['清单进度', '问题清单进度'],
  roles: ['admin', 'leader', 'department'],
  section: '查询',
  summary: '导入的问题清单及其进度（共几项、销号、逾期、待明确），加编号看各单位，再加单位看逐项',
  usage: '问题清单 QD-0001 红星化工',
  help: { example: '问题清单 QD-0001', for: ['leader', 'department'] },
  args: rawArgs,
  async run(ctx, args) {
    await showProblemLists(ctx, args.text);
  },
});
