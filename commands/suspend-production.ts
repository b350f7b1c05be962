import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { runDecision } from '../src/features/enforcement-decision.ts';

const usage = '停产整顿 红星化工 12月5日至12月31日 文号：应急停〔2026〕1号';

/** 停产整顿: from/until (until may stay open); the unit is flagged everywhere until 解除停产 with acceptance evidence. */
export default defineCommand({
  name: '停产整顿',
  aliases: ['责令停产整顿', '责令停产停业整顿', '停产停业整顿'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '记录停产整顿（起止日期，不写则自今日起至验收合格）；该单位处处标注〔停产整顿〕',
  usage,
  args: rawArgs,
  run: (ctx, args) => runDecision(ctx, 'suspend', args, usage),
});
