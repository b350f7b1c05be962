import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { expiredRegistration, REGISTER_COMMAND, resumeRegistration, startRegistration } from '../src/features/registration.ts';

export default defineCommand({
  name: REGISTER_COMMAND,
  aliases: ['新增隐患', '上报隐患', '隐患登记', '发现隐患', '登记', '新隐患'],
  help: { example: '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前', for: ['contact', 'department', 'leader', 'admin'] },
  tags: ['隐患', '安全隐患', '隐患排查', '检查发现', '督查发现', '问题清单'],
  findings: true,
  section: '隐患登记',
  summary: '登记一条隐患：单位、隐患、等级、责任人、措施、时限',
  usage: '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕',
  args: rawArgs,
  async run(ctx, args) {
    await startRegistration(ctx, args.text, args.mentions);
  },
  async resume(ctx, draft, text) {
    await resumeRegistration(ctx, draft, text, ctx.message.mentions.map((m) => m.name));
  },
  expired: expiredRegistration,
});
