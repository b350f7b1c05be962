import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { runDecision } from '../src/features/enforcement-decision.ts';

const usage = '移送 红星化工 至县公安局 涉嫌重大责任事故';

/** 移送: to whom is required (至县公安局, 移送机关：县纪委监委). */
export default defineCommand({
  name: '移送',
  aliases: ['案件移送', '移送处理', '移交'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '记录案件移送（移送给谁、事由）',
  usage,
  args: rawArgs,
  run: (ctx, args) => runDecision(ctx, 'transfer', args, usage),
});
