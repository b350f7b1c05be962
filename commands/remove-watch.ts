import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { inForce, standingOf } from '../src/domain/credit.ts';
import { readUnitAction } from '../src/features/unit-action.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '移出重点关注 红星化工 隐患已全部整改销号';

export default defineCommand({
  name: '移出重点关注',
  aliases: ['取消重点关注', '解除重点关注'],
  roles: ['admin'],
  section: '督办考核',
  summary: '把一个单位移出重点关注（记录留档）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const action = await readUnitAction(ctx, args.text, usage);
    if (!action) return;
    const { unit, date, note } = action;
    const live = (await ctx.store.credit.entriesOfUnit(unit.id, 'watch')).filter((e) => e.status === 'confirmed' && inForce(standingOf(e), ctx.today));
    if (live.length === 0) return ctx.reply(zh.credit.notWatched(unit.name));
    const removedOn = date ?? ctx.today;
    await ctx.store.credit.setRemoved(live.map((e) => e.id), removedOn, { byId: ctx.sender.id, at: ctx.now, note });
    await ctx.reply(zh.credit.watchRemoved(unit.name, removedOn, ctx.now));
  },
});
