import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, mayShowHere, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { missingPlanParts, planRequired, type PlanPart } from '../src/domain/plan.ts';
import { parsePlan } from '../src/parse/parse-plan.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0003 治理方案 资金物资：预算12万元，已采购 应急预案：已编制并演练';

export default defineCommand({
  name: '治理方案',
  aliases: ['整改方案', '补充治理方案', '治理方案补充', '重大隐患治理方案'],
  section: '整改',
  summary: '报送重大隐患治理方案（六项可分几次发）；只写编号则查看缺哪几项',
  usage,
  args: withCode.transform((a) => ({ code: a.code, text: a.text, ...parsePlan(a.text) })),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const parts = Object.keys(args.parts) as PlanPart[];
    if (parts.length === 0) {
      // `YH-0003 治理方案` alone asks where the plan stands; words without keys get the format
      if (args.text.trim()) return ctx.reply(zh.plan.nothingRead(hazard.code));
      if (!(await mayShowHere(ctx, hazard))) return;
      return ctx.reply(zh.plan.status(hazard));
    }
    const updated = await actOnHazard(ctx, hazard, { type: 'update_plan', parts: args.parts }, { who: 'rectify', text: args.text, attachments: ctx.attachments });
    if (!updated) return;
    await replyOnHazard(ctx, updated, zh.plan.recorded(updated, parts, planRequired(updated) ? missingPlanParts(updated.plan) : []));
  },
});
