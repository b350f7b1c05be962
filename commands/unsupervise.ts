import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { parseReason } from '../src/parse/parse-extension.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 撤销督办 原因：已降为一般隐患';

export default defineCommand({
  name: '撤销督办',
  aliases: ['取消督办', '解除督办', '撤销挂牌'],
  roles: ['leader', 'admin'],
  section: '督办考核',
  summary: '撤销挂牌督办（记录留档）',
  usage,
  args: withCode.transform((a) => ({ code: a.code, reason: parseReason(a.text) })),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'unsupervise', reason: args.reason }, { who: 'supervise', text: args.reason });
    if (!updated) return;
    const text = zh.supervision.unlisted(updated, args.reason);
    await replyOnHazard(ctx, updated, text);
    await notifyOtherSide(ctx, updated, 'unit', text);
    await notifyOtherSide(ctx, updated, 'supervisor', text);
  },
});
