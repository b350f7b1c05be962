import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { IMPORT_ROLES } from '../src/features/import-sent-workbook.ts';
import { confirmImport } from '../src/features/problem-list-import.ts';

export default defineCommand({
  name: '确认导入',
  aliases: ['导入确认'],
  roles: IMPORT_ROLES,
  section: '隐患登记',
  summary: '确认预览过的问题清单：登记其中的隐患并通知各单位和监管部门；单位写法不同可写「红兴化工=红星化工」',
  usage: '确认导入 红兴化工=红星化工',
  args: rawArgs,
  async run(ctx, args) {
    await confirmImport(ctx, args.text);
  },
});
