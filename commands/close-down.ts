import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { runDecision } from '../src/features/enforcement-decision.ts';

const usage = '关闭取缔 红星化工 文号：县政府关〔2026〕1号';

/** 关闭取缔: final; the unit is flagged everywhere from its day on. */
export default defineCommand({
  name: '关闭取缔',
  aliases: ['责令关闭', '取缔', '依法关闭'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '记录关闭取缔决定；该单位处处标注〔关闭取缔〕',
  usage,
  args: rawArgs,
  run: (ctx, args) => runDecision(ctx, 'close', args, usage),
});
