import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { readUnitAction } from '../src/features/unit-action.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '列入重点关注 蓝天物流 多次检查发现消防通道堵塞';

export default defineCommand({
  name: '列入重点关注',
  aliases: ['加入重点关注', '新增重点关注'],
  roles: ['admin'],
  section: '督办考核',
  summary: '直接把一个单位列入重点关注（须写原因）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const action = await readUnitAction(ctx, args.text, usage);
    if (!action) return;
    const { unit, note } = action;
    if (!note) return ctx.reply(zh.credit.reasonMissing(usage));
    await ctx.store.credit.addWatch({ unitId: unit.id, reason: note, decidedOn: ctx.today, byId: ctx.sender.id, at: ctx.now });
    await ctx.reply(zh.credit.watchAdded(unit.name, note));
  },
});
