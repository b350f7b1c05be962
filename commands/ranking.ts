import { defineCommand, type CommandContext } from '../src/features/command.ts';
import { audienceScope } from '../src/features/hazard-scope.ts';
import { rawArgs } from '../src/features/args.ts';
import { assessmentReport } from '../src/features/governance-facts.ts';
import { localDate } from '../src/domain/calendar.ts';
import { quarterOf } from '../src/domain/period.ts';
import { findPeriod, unreadPeriodWords, withoutPeriod } from '../src/parse/parse-period.ts';
import { byteLength, LONG_REPLY_BYTES } from '../src/i18n/fit.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '排名 本季度（或：排名 上月 部门、排名 2026年第四季度 单位）';

/** The leaders' group, or the group of a department, town or park: rooms of people who may run 排名. */
async function supervisorsRoom(ctx: CommandContext): Promise<boolean> {
  const audience = await audienceScope(ctx.store, ctx.group, ctx.sender);
  if (audience === undefined || audience.length > 1) return true;
  const unit = ctx.group?.unitId != null ? await ctx.store.roster.unitById(ctx.group.unitId) : null;
  return unit?.kind === 'department';
}

export default defineCommand({
  name: '排名',
  aliases: ['考核排名', '考核', '排行'],
  roles: ['leader', 'admin', 'department'],
  section: '督办考核',
  summary: '责任单位和监管部门的考核得分排名（默认本季度）',
  usage,
  args: rawArgs.transform((a) => {
    const found = findPeriod(a.text, localDate(a.now));
    const rest = withoutPeriod(a.text, found);
    const only = /部门/.test(rest) ? 'departments' : /单位|企业/.test(rest) ? 'units' : 'both';
    return { period: found?.period ?? quarterOf(localDate(a.now)), only, unread: unreadPeriodWords(a.text, localDate(a.now), /部门|单位|企业|全县|考核|排名|的/g) } as const;
  }),
  async run(ctx, args) {
    // an unread period is said, not replaced by this quarter's ranking
    if (args.unread) return ctx.reply(zh.common.usage(zh.assessment.periodUnread(args.unread), usage));
    const rules = ctx.config.governance.assessment;
    const report = await assessmentReport(ctx.store, args.period, ctx.today, ctx.config.governance);
    const departments = args.only !== 'units' ? [zh.assessment.ranking(zh.assessment.departmentsTitle, report.period, report.asOf, report.departments, rules, ctx.now)] : [];
    // the units' list takes the room the departments' leaves in one long reply
    const room = LONG_REPLY_BYTES - departments.reduce((n, t) => n + byteLength(t) + 2, 0);
    const parts = [
      ...(args.only !== 'departments' ? [zh.assessment.ranking(zh.assessment.unitsTitle, report.period, report.asOf, report.units, rules, ctx.now, room)] : []),
      ...departments,
    ];
    // the county's ranking is for those who may run 排名: a unit's own group (or a chat bound to
    // no roster group) may hold people who may not, so it goes to the asker privately there
    if (ctx.group && !(await supervisorsRoom(ctx))) {
      await ctx.push({ groupId: null, personId: ctx.sender.id, text: parts.join('\n\n'), mentions: [] });
      return ctx.reply(zh.audience.rankingSentPrivately);
    }
    await ctx.reply(parts.join('\n\n'));
  },
});
