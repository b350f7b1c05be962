import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { runDecision } from '../src/features/enforcement-decision.ts';

const usage = '责令限期整改 红星化工 YH-0001 限期12月20日前 文号：应急责改〔2026〕3号';

/** 责令限期整改: the deadline is required and must be ahead; the hazards named carry the decision in their history. */
export default defineCommand({
  name: '责令限期整改',
  aliases: ['责令整改', '责令改正', '限期整改'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '记录责令限期整改决定（单位、隐患编号、整改期限、文号）',
  usage,
  args: rawArgs,
  run: (ctx, args) => runDecision(ctx, 'order', args, usage),
});
