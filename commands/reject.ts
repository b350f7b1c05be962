import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, mentionHere, notifyOtherSide, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { progressBeforeSubmission } from '../src/domain/lifecycle.ts';
import { parseReason } from '../src/parse/parse-extension.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 驳回 呼吸阀型号不符';

export default defineCommand({
  name: '驳回',
  aliases: ['验收不通过', '不予通过', '退回', '验收驳回', '整改不通过', '验收没通过', '验收未通过', '整改不到位'],
  roles: ['department', 'admin'],
  help: { example: usage, for: ['department', 'admin'] },
  section: '验收',
  summary: '验收不通过，退回继续整改（须写原因）',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode
    .transform((a) => ({ code: a.code, reason: parseReason(a.text) }))
    .refine((a) => a.reason.length > 0, { message: zh.review.reasonMissing }),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const progressBefore = progressBeforeSubmission(await ctx.store.hazards.events(hazard.id));
    const updated = await actOnHazard(ctx, hazard, { type: 'reject', reason: args.reason, progressBefore }, { who: 'review', text: args.reason });
    if (!updated) return;
    const owner = await ctx.store.roster.personById(updated.ownerId);
    const text = zh.review.rejected(updated, args.reason);
    await replyOnHazard(ctx, updated, text, mentionHere(ctx, updated, owner ? [owner] : []));
    await notifyOtherSide(ctx, updated, 'unit', text, owner ? [owner] : []);
  },
});
