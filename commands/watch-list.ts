import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { inForce, standingOf } from '../src/domain/credit.ts';
import { ruleOfKey } from '../src/domain/watch-rules.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '重点关注',
  aliases: ['重点关注名单', '关注名单'],
  roles: ['leader', 'admin', 'department'],
  section: '督办考核',
  summary: '查看重点关注名单：已确认的和规则提议待确认的（附依据）',
  usage: '重点关注',
  args: rawArgs,
  async run(ctx) {
    const entries = await ctx.store.credit.entries('watch');
    const withReason = (e: (typeof entries)[number]) => ({ entry: e, reason: e.ruleKey ? zh.credit.ruleText(ruleOfKey(e.ruleKey), ctx.config.governance.watch) : e.reason });
    const confirmed = entries.filter((e) => e.status === 'confirmed' && inForce(standingOf(e), ctx.today)).map(withReason);
    const proposed = entries.filter((e) => e.status === 'proposed').map(withReason);
    await ctx.reply(zh.credit.watchList(confirmed, proposed, ctx.now));
  },
});
