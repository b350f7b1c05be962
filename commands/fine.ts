import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { runDecision } from '../src/features/enforcement-decision.ts';

const usage = '罚款 红星化工 3万元 文号：应急罚〔2026〕12号';

/** 罚款: the amount is read exactly (元 or 万元, never guessed from a bare number). */
export default defineCommand({
  name: '罚款',
  aliases: ['行政罚款', '处以罚款'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '记录罚款决定（金额写元或万元、文号）',
  usage,
  args: rawArgs,
  run: (ctx, args) => runDecision(ctx, 'fine', args, usage),
});
