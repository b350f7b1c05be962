import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 复查通过';

export default defineCommand({
  name: '复查通过',
  aliases: ['复查合格', '复查无反弹', '复查未反弹'],
  roles: ['department', 'admin'],
  section: '验收',
  summary: '滚动检查：已销号隐患复查未反弹（监管部门）',
  usage,
  manyCodes: true,
  args: withCode,
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'pass_reinspection' }, { who: 'review', text: args.text, attachments: ctx.attachments });
    if (!updated) return;
    const rounds = await ctx.store.reinspections.decideDue(updated.id, ctx.today, { status: 'passed', byId: ctx.sender.id, at: ctx.now, note: args.text });
    await replyOnHazard(ctx, updated, zh.reinspection.passed(updated, rounds));
  },
});
