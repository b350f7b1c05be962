import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { parseExtension } from '../src/parse/parse-extension.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 复查发现反弹 阀门再次泄漏 限期7天';

export default defineCommand({
  name: '复查发现反弹',
  aliases: ['发现反弹', '复查反弹', '复查不通过', '隐患反弹'],
  roles: ['department', 'admin'],
  section: '验收',
  summary: '滚动检查发现反弹：重新打开并限期整改（须写情况和时限）',
  usage,
  args: withCode
    .transform((a) => {
      const { to, reason } = parseExtension(a.text, a.now);
      return { code: a.code, deadline: to, reason };
    })
    .superRefine((a, issues) => {
      if (!a.reason) issues.addIssue({ code: 'custom', message: zh.reinspection.reasonMissing });
      else if (!a.deadline) issues.addIssue({ code: 'custom', message: zh.reinspection.deadlineMissing });
    }),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard || !args.deadline) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'rebound', reason: args.reason, deadline: args.deadline }, {
      who: 'review', text: args.reason, attachments: ctx.attachments,
    });
    if (!updated) return;
    await ctx.store.reinspections.decideDue(updated.id, ctx.today, { status: 'rebound', byId: ctx.sender.id, at: ctx.now, note: args.reason });
    const owner = await ctx.store.roster.personById(updated.ownerId);
    const text = zh.reinspection.rebound(updated, args.reason, ctx.now);
    await replyOnHazard(ctx, updated, text);
    await notifyOtherSide(ctx, updated, 'unit', text, owner ? [owner] : []);
  },
});
