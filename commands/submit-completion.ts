import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard, reviewerName } from '../src/features/act-on-hazard.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 整改完成 请验收';

export default defineCommand({
  name: '整改完成',
  aliases: ['已整改', '完成整改', '整改完毕', '已整改完毕', '申请验收', '请验收', '提交验收'],
  help: { example: 'YH-0012 整改完成 请验收（附整改后照片）', for: ['contact'] },
  section: '整改',
  summary: '整改完毕，提交监管部门验收',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode.transform((a) => ({ code: a.code, text: a.text.replace(/^(请|申请)?验收[,.。!！]*/, '').trim() })),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'submit' }, { who: 'rectify', text: args.text, attachments: ctx.attachments });
    if (!updated) return;
    const done = zh.submit.done(updated, await reviewerName(ctx, updated));
    const evidenceMissing = updated.level === 'major' && (await ctx.store.hazards.evidenceCount(updated.id)) === 0;
    await replyOnHazard(ctx, updated, evidenceMissing ? `${done}\n${zh.submit.evidenceMissing(updated)}` : done);
    await notifyOtherSide(ctx, updated, 'supervisor', `${updated.unitName} ${done}${evidenceMissing ? `（${zh.submit.noEvidenceYet}）` : ''}`);
  },
});
