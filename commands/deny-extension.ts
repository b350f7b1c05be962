import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { parseReason } from '../src/parse/parse-extension.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 不予延期 原因';

export default defineCommand({
  name: '不予延期',
  aliases: ['不同意延期', '驳回延期', '拒绝延期', '延期不通过'],
  roles: ['department', 'admin'],
  section: '验收',
  summary: '不批准延期申请，原时限不变',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode.transform((a) => ({ code: a.code, reason: parseReason(a.text) })),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'deny_extension', reason: args.reason }, { who: 'review', text: args.reason });
    if (!updated) return;
    const text = zh.extension.denied(updated, args.reason, ctx.now);
    await replyOnHazard(ctx, updated, text);
    await notifyOtherSide(ctx, updated, 'unit', text);
  },
});
