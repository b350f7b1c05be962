import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { progressSuperseded } from '../src/domain/lifecycle.ts';
import { parseProgress } from '../src/parse/parse-progress.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 进度60% 已更换阀门，等待检测';
/** A percentage written but not read (`6O%`, `百分之6十`): never recorded as the old figure. */
const UNREAD_PERCENT = /[^\s,，;；。]*[%％][^\s,，;；。]*|百分之[^\s,，;；。]*/;

export default defineCommand({
  name: '进度',
  aliases: ['整改进度', '进展', '汇报进度', '进度汇报'],
  help: { example: 'YH-0012 进度60% 已更换阀门（可附照片）', for: ['contact'] },
  section: '整改',
  summary: '报告整改进度（百分比和已做的工作）',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode
    .transform((a) => ({ code: a.code, ...parseProgress(a.text) }))
    .superRefine(({ percent, text }, issues) => {
      if (percent !== null && (percent < 0 || percent > 100)) issues.addIssue({ code: 'custom', message: zh.progress.outOfRange(percent) });
      else if (percent === null && UNREAD_PERCENT.test(text)) issues.addIssue({ code: 'custom', message: zh.progress.unread(UNREAD_PERCENT.exec(text)?.[0] ?? '') });
      else if (percent === null && !text) issues.addIssue({ code: 'custom', message: zh.progress.empty });
    }),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const percent = args.percent ?? hazard.progress;
    const updated = await actOnHazard(ctx, hazard, { type: 'progress', progress: percent }, {
      who: 'rectify', text: args.text, attachments: ctx.attachments,
    });
    if (!updated) return;
    if (progressSuperseded(updated, ctx.now)) {
      await replyOnHazard(ctx, updated, zh.progress.superseded(updated, percent, ctx.now, ctx.now));
      return;
    }
    const hint = percent === 100 ? `\n${zh.progress.hint100(updated.code)}` : '';
    await replyOnHazard(ctx, updated, zh.progress.recorded(updated, percent, ctx.now) + hint);
  },
});
