import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 批准延期';

export default defineCommand({
  name: '批准延期',
  aliases: ['同意延期', '延期通过'],
  roles: ['department', 'admin'],
  help: { example: usage, for: ['department', 'admin'] },
  section: '验收',
  summary: '批准延期申请（原时限留档）',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode,
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'approve_extension' }, { who: 'review', text: args.text });
    if (!updated) return;
    const text = zh.extension.approved(updated, ctx.now);
    await replyOnHazard(ctx, updated, text);
    await notifyOtherSide(ctx, updated, 'unit', text);
  },
});
