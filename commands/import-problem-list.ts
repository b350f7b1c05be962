import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { IMPORT_ROLES, importSentWorkbook } from '../src/features/import-sent-workbook.ts';
import { previewPasted } from '../src/features/problem-list-import.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '导入清单',
  aliases: ['导入问题清单', '问题清单导入', '清单导入'],
  roles: IMPORT_ROLES,
  section: '隐患登记',
  summary: '导入督查反馈、专项整治等问题清单（发 Excel 文件，或粘贴带序号的清单），先预览，「确认导入」后登记',
  usage: '导入清单 省安委会第三督查组12月1日督查反馈\n1. 红星化工 储罐区呼吸阀损坏 责任人张伟 12月15日前\n2. 蓝天物流 叉车司机无证驾驶',
  args: rawArgs,
  async run(ctx, args) {
    // `导入清单 省督查组12月1日` with the Excel file attached: the words say where the list came from
    if (ctx.message.attachments.length > 0 && (await importSentWorkbook(ctx, ctx.message.attachments, args.text))) return;
    if (ctx.message.attachments.length > 0 && !args.text.includes('\n')) return ctx.reply(zh.problemList.notAList(ctx.message.attachments[0]?.name ?? ''));
    await previewPasted(ctx, args.text);
  },
});
