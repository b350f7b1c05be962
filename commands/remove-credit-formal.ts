import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { inForce, standingOf } from '../src/domain/credit.ts';
import { readUnitAction } from '../src/features/unit-action.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '移出黑名单 红星化工 2027-06-01 信用修复决定 应急信修〔2027〕3号';

export default defineCommand({
  name: '移出黑名单',
  aliases: ['移出失信名单', '提前移出失信名单', '失信名单移出'],
  roles: ['admin'],
  section: '督办考核',
  summary: '登记严重失信主体提前移出（信用修复），日期不写为今天',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const action = await readUnitAction(ctx, args.text, usage);
    if (!action) return;
    const { unit, date, note } = action;
    const live = (await ctx.store.credit.entriesOfUnit(unit.id, 'formal')).filter((e) => inForce(standingOf(e), ctx.today));
    if (live.length === 0) return ctx.reply(zh.credit.notListed(unit.name));
    const removedOn = date ?? ctx.today;
    await ctx.store.credit.setRemoved(live.map((e) => e.id), removedOn, { byId: ctx.sender.id, at: ctx.now, note });
    await ctx.reply(zh.credit.formalRemoved(unit.name, removedOn, ctx.now));
  },
});
