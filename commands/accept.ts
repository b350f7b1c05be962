import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyLeaders, notifyOtherSide, replyOnHazard, reviewerName } from '../src/features/act-on-hazard.ts';
import { reinspectionsFor } from '../src/domain/reinspection.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 验收通过';

export default defineCommand({
  name: '验收通过',
  aliases: ['通过验收', '验收合格', '同意销号', '销号'],
  afterCode: ['通过', '合格', '同意验收'],
  roles: ['department', 'admin'],
  help: { example: 'YH-0012 验收通过（可附验收照片）', for: ['department', 'admin'] },
  section: '验收',
  summary: '验收通过并销号（监管部门；重大隐患须有整改证据）',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode,
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'accept' }, { who: 'review', text: args.text, attachments: ctx.attachments });
    if (!updated) return;
    const text = zh.review.accepted(updated);
    const checks = reinspectionsFor(updated, ctx.today, ctx.config.governance.reinspection);
    await ctx.store.reinspections.schedule(updated.id, ctx.today, checks);
    await replyOnHazard(ctx, updated, checks.length > 0 ? `${text}\n${zh.reinspection.scheduled(checks.map((c) => c.dueOn), ctx.now)}` : text);
    await notifyOtherSide(ctx, updated, 'unit', text);
    if (updated.supervised) {
      await notifyLeaders(ctx, zh.supervision.acceptedToLeaders(updated, `${await reviewerName(ctx, updated)}${ctx.sender.name}`, ctx.now));
    }
  },
});
