import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { IMPORT_ROLES } from '../src/features/import-sent-workbook.ts';
import { cancelImport } from '../src/features/problem-list-import.ts';

export default defineCommand({
  name: '取消导入',
  aliases: ['放弃导入'],
  roles: IMPORT_ROLES,
  section: '隐患登记',
  summary: '放弃预览中的问题清单，什么都不登记',
  usage: '取消导入',
  args: rawArgs,
  async run(ctx) {
    await cancelImport(ctx);
  },
});
