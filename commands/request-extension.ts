import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard, reviewerName } from '../src/features/act-on-hazard.ts';
import { extendedDeadline, parseExtension } from '../src/parse/parse-extension.ts';
import { CONFIRM_AFTER_MONTHS, isDeadlineFarAhead, isDeadlineTooFar, MAX_DEADLINE_YEARS } from '../src/domain/deadline.ts';
import { formatDate } from '../src/domain/calendar.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 申请延期到12月30日 原因：配件未到货';

export default defineCommand({
  name: '申请延期',
  aliases: ['延期申请', '申请延长', '延期'],
  help: { example: usage, for: ['contact'] },
  section: '整改',
  summary: '申请延长整改时限（须写新日期和原因）',
  usage,
  keywordAnywhere: true,
  args: withCode
    .transform((a) => ({ code: a.code, ...parseExtension(a.text, a.now), today: a.now }))
    .superRefine((a, issues) => {
      if (!a.to && !a.by) issues.addIssue({ code: 'custom', message: a.toText ? zh.extension.dateUnreadable(a.toText) : zh.extension.dateMissing });
      else if (!a.reason) issues.addIssue({ code: 'custom', message: zh.extension.reasonMissing });
    }),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    // `延期15天` counts from the current deadline
    const to = args.to ?? (args.by ? extendedDeadline(hazard?.deadline ?? ctx.today, args.by) : null);
    if (!hazard || !to) return;
    if (to < ctx.today) {
      await ctx.reply(zh.extension.datePast(formatDate(to, ctx.now), formatDate(ctx.today, ctx.now)));
      return;
    }
    if (isDeadlineTooFar(to, ctx.today)) {
      await ctx.reply(zh.extension.dateTooFar(to, MAX_DEADLINE_YEARS));
      return;
    }
    const updated = await actOnHazard(ctx, hazard, { type: 'request_extension', to, reason: args.reason }, { who: 'rectify', text: args.reason });
    if (!updated) return;
    // more than half a year: said to both sides, so the reviewer checks the date before approving
    const far = isDeadlineFarAhead(to, ctx.today) ? `\n${zh.extension.farAhead(formatDate(to, ctx.now), CONFIRM_AFTER_MONTHS)}` : '';
    const text = zh.extension.requested(updated, await reviewerName(ctx, updated), ctx.now) + far;
    await replyOnHazard(ctx, updated, text);
    await notifyOtherSide(ctx, updated, 'supervisor', `${updated.unitName} ${text}`);
  },
});
