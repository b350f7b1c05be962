import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { sendRectificationReport } from '../src/features/send-rectification-report.ts';

export default defineCommand({
  name: '整改报告',
  aliases: ['整改情况报告', '导出整改报告'],
  roles: ['admin', 'leader', 'department'],
  section: '查询',
  summary: '导出问题清单的逐项整改情况报告（Excel：序号、问题、责任单位、责任人、整改措施、整改时限、整改情况、完成状态、销号日期）',
  usage: '整改报告 QD-0001',
  args: rawArgs,
  async run(ctx, args) {
    await sendRectificationReport(ctx, args.text);
  },
});
