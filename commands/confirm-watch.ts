import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { readUnitAction } from '../src/features/unit-action.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '确认重点关注 红星化工';

export default defineCommand({
  name: '确认重点关注',
  aliases: ['确认关注', '同意重点关注'],
  roles: ['admin'],
  section: '督办考核',
  summary: '确认规则提议的重点关注单位（管理员）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const action = await readUnitAction(ctx, args.text, usage);
    if (!action) return;
    const { unit, note } = action;
    const decided = await ctx.store.credit.decideProposals(unit.id, { status: 'confirmed', today: ctx.today, byId: ctx.sender.id, at: ctx.now, note });
    await ctx.reply(decided.length > 0 ? zh.credit.watchConfirmed(unit.name, decided.length) : zh.credit.noProposals(unit.name));
  },
});
