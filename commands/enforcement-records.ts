import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { visibleScope } from '../src/features/hazard-scope.ts';
import { findUnitName } from '../src/parse/parse-credit.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '执法记录 红星化工';

/** A unit's enforcement records, newest first, with what is in force now; in a unit's group the unit may be left out. */
export default defineCommand({
  name: '执法记录',
  aliases: ['执法情况', '查执法', '执法台账'],
  section: '执法',
  summary: '查看一个单位的执法记录和当前状态',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const written = args.text.trim();
    const name = findUnitName(written, await ctx.store.roster.unitNames());
    if (written && !name) return ctx.reply(zh.enforcement.unitUnknown(written.split(/\s+/)[0] ?? written, usage));
    const unit = name ? await ctx.store.roster.unitByName(name)
      : ctx.group?.unitId != null && ctx.group.purpose === 'unit' ? await ctx.store.roster.unitById(ctx.group.unitId) : null;
    if (!unit) return ctx.reply(zh.enforcement.unitMissing(usage));
    const scope = await visibleScope(ctx);
    if (scope !== undefined && !scope.includes(unit.id)) return ctx.reply(zh.enforcement.notVisible);
    const records = await ctx.store.enforcement.ofUnit(unit.id);
    await ctx.reply(zh.enforcement.list(unit.name, await ctx.store.enforcement.statusOf(unit.id), records, ctx.now));
  },
});
