import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { readUnitAction } from '../src/features/unit-action.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '不予关注 红星化工 已制定整改计划并落实';

export default defineCommand({
  name: '不予关注',
  aliases: ['驳回重点关注', '不列入重点关注', '不予重点关注'],
  roles: ['admin'],
  section: '督办考核',
  summary: '驳回规则提议的重点关注（写明理由，同一事由不再提议）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const action = await readUnitAction(ctx, args.text, usage);
    if (!action) return;
    const { unit, note } = action;
    if (!note) return ctx.reply(zh.credit.reasonMissing(usage));
    const decided = await ctx.store.credit.decideProposals(unit.id, { status: 'dismissed', today: ctx.today, byId: ctx.sender.id, at: ctx.now, note });
    await ctx.reply(decided.length > 0 ? zh.credit.watchDismissed(unit.name, decided.length, note) : zh.credit.noProposals(unit.name));
  },
});
