import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { actOnHazard, loadHazard, replyOnHazard, reviewerName } from '../src/features/act-on-hazard.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = 'YH-0008 催一下';

export default defineCommand({
  name: '催办',
  aliases: ['催一下', '催促', '催一催', '督促整改'],
  roles: ['leader', 'department', 'admin'],
  help: { example: 'YH-0008 催一下（在责任单位群里提醒责任人）', for: ['leader', 'department', 'admin'] },
  section: '督办考核',
  summary: '催办一条隐患：在责任单位的群里提醒责任人，记入处理记录',
  usage,
  keywordAnywhere: true,
  manyCodes: true,
  args: withCode,
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'urge' }, { who: 'urge', text: args.text });
    if (!updated) return;
    // waiting for acceptance, it is the supervising department that is pressed
    const reviewing = updated.status === 'pending_review' && updated.unitSupervisorId !== null;
    const owner = reviewing ? null : await ctx.store.roster.personById(updated.ownerId);
    const text = reviewing
      ? zh.urge.pushedToReviewer(updated, ctx.sender.name, await reviewerName(ctx, updated), args.text, ctx.now)
      : zh.urge.pushed(updated, ctx.sender.name, args.text, ctx.now);
    const unitId = reviewing ? (updated.unitSupervisorId ?? updated.unitId) : updated.unitId;
    const groups = (await ctx.store.roster.groupsOfUnit(unitId)).filter((g) => g.id !== ctx.group?.id);
    for (const group of groups) await ctx.push({ groupId: group.id, personId: null, text, mentions: owner ? [owner.id] : [] });
    // a unit without a group of its own hears it in private
    if (groups.length === 0 && owner) await ctx.push({ groupId: null, personId: owner.id, text, mentions: [] });
    if (ctx.group?.unitId === unitId) await ctx.reply(text, owner ? [owner] : []);
    else {
      const where = groups.length > 0 ? groups.map((g) => g.name) : [owner ? `私聊${owner.name}` : '（无群可发）'];
      await replyOnHazard(ctx, updated, reviewing ? zh.urge.doneToReviewer(updated, where) : zh.urge.done(updated, where));
    }
  },
});
