import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { calendarGaps } from '../src/domain/work-calendar.ts';
import { zh } from '../src/i18n/zh-CN.ts';

export default defineCommand({
  name: '提醒设置',
  aliases: ['提醒时间', '推送设置', '提醒规则'],
  section: '查询',
  summary: '查看到期提醒、逾期升级、每日汇总和每周小结的时间安排',
  usage: '提醒设置',
  args: rawArgs,
  async run(ctx) {
    const { schedule } = ctx.config;
    await ctx.reply(zh.schedule.settings(schedule, calendarGaps(ctx.today, schedule)));
  },
});
