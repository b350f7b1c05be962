import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { announceEnforcement, readEnforcementTarget, recordEnforcement } from '../src/features/record-enforcement.ts';
import { tidy } from '../src/parse/parse-enforcement.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '解除停产 红星化工 验收意见：整改到位，同意复产（同一条消息附验收照片或文件）';

/**
 * 解除停产: ends a 停产整顿 only with the acceptance evidence (复产验收) in the same message: a
 * suspension lifted on a word alone would leave nothing for an accountability review to read.
 */
export default defineCommand({
  name: '解除停产',
  aliases: ['解除停产整顿', '恢复生产', '同意复产'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '解除停产整顿（须附复产验收照片或文件）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const target = await readEnforcementTarget(ctx, [args.code, args.text].filter(Boolean).join(' '), usage);
    if (!target) return;
    const { suspension } = await ctx.store.enforcement.statusOf(target.unit.id);
    if (!suspension) return ctx.reply(zh.enforcement.liftNotSuspended(target.unit.name));
    if (ctx.attachments.length === 0) return ctx.reply(zh.enforcement.liftEvidenceMissing(target.unit.name));
    const note = tidy(target.parsed.rest.replace(/(?:验收意见|复产验收意见|意见|说明)\s*[:：]?/g, ' '));
    const { record: lift } = await recordEnforcement(ctx, target, { kind: 'lift', liftsId: suspension.id, note });
    await announceEnforcement(ctx, lift, zh.enforcement.lifted(lift, suspension, ctx.now));
  },
});
