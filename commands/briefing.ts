import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { briefingFacts } from '../src/features/governance-facts.ts';
import { localDate } from '../src/domain/calendar.ts';
import { monthOf, previousPeriod, quarterOf, yearOf } from '../src/domain/period.ts';
import { normalizeText } from '../src/parse/normalize.ts';
import { findPeriod, unreadPeriodWords } from '../src/parse/parse-period.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '本季度通报（或：上季度通报、本月通报、季度通报 2026年第三季度）';

export default defineCommand({
  name: '本季度通报',
  aliases: ['上季度通报', '本月通报', '上月通报', '季度通报', '月度通报', '年度通报', '隐患通报', '情况通报'],
  roles: ['leader', 'admin', 'department'],
  section: '督办考核',
  summary: '调度会通报：总体情况、重大隐患动态清零、督办、排名、信用名单',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    // the keyword itself names the period (本月通报, 上季度通报); a period written after it wins
    const text = normalizeText(ctx.message.text);
    const today = localDate(ctx.now);
    // `季度通报 2026年第五季度` is said to be unread, not briefed as this quarter
    const unread = unreadPeriodWords(args.text, today, /全县|通报|情况|的/g);
    if (unread) return ctx.reply(zh.common.usage(zh.assessment.periodUnread(unread), usage));
    const found = findPeriod(text, today);
    const period = found?.period
      ?? (/上月/.test(text) ? previousPeriod(monthOf(today)) : /月度|本月/.test(text) ? monthOf(today) : /年度/.test(text) ? yearOf(today) : quarterOf(today));
    const facts = await briefingFacts(ctx.store, period, ctx.today, ctx.config.governance);
    await ctx.reply(zh.briefing.render(facts, ctx.config.governance.assessment, ctx.now));
  },
});
