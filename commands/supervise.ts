import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, notifyOtherSide, replyOnHazard } from '../src/features/act-on-hazard.ts';
import { parseSupervisingLeader } from '../src/parse/parse-supervision.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0012 挂牌督办 督办领导：刘县长';

export default defineCommand({
  name: '挂牌督办',
  aliases: ['列入督办', '挂牌'],
  roles: ['leader', 'admin'],
  help: { example: 'YH-0012 挂牌督办', for: ['leader', 'admin'] },
  section: '督办考核',
  summary: '把一条隐患列入挂牌督办（可写督办领导），每日提醒直至销号',
  usage,
  manyCodes: true,
  args: withCode.transform((a) => ({ code: a.code, leader: parseSupervisingLeader(a.text, a.mentions), text: a.text })),
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    // `挂牌督办 尽快` or `@所有人` names no leader: nothing is recorded on such a guess
    if (args.leader && (await ctx.store.roster.peopleByName(args.leader)).length === 0) return ctx.reply(zh.common.leaderUnknown(args.leader));
    const updated = await actOnHazard(ctx, hazard, { type: 'supervise', leader: args.leader }, { who: 'supervise', text: args.text });
    if (!updated) return;
    const text = zh.supervision.listed(updated, ctx.now);
    await replyOnHazard(ctx, updated, text);
    const owner = await ctx.store.roster.personById(updated.ownerId);
    await notifyOtherSide(ctx, updated, 'unit', text, owner ? [owner] : []);
    await notifyOtherSide(ctx, updated, 'supervisor', text);
  },
});
