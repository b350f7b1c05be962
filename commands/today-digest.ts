import { defineCommand, type CommandContext } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { cardExtras } from '../src/cards/card-extras.ts';
import { visibleScope } from '../src/features/hazard-scope.ts';
import { officialCalendar } from '../src/domain/work-calendar.ts';
import { DIGEST_LIST_LIMIT, digestIsEmpty } from '../src/domain/digest.ts';
import { digestPeriod } from '../src/domain/report-periods.ts';
import { zh } from '../src/i18n/zh-CN.ts';

/** What the digest is about, in the words of its title. */
async function scopeName(ctx: CommandContext, unitIds: number[] | undefined): Promise<string> {
  if (unitIds === undefined) return zh.digest.county;
  const unitId = ctx.group?.unitId ?? ctx.sender.unitId;
  const unit = unitId === null ? null : await ctx.store.roster.unitById(unitId);
  if (!unit) return zh.digest.unit(ctx.group?.name ?? ctx.sender.name);
  return unitIds.length > 1 ? zh.digest.supervised(unit.name) : zh.digest.unit(unit.name);
}

export default defineCommand({
  name: '今日汇总',
  aliases: ['每日汇总', '今天汇总', '今日情况'],
  help: { example: '今日汇总', for: ['leader'] },
  section: '查询',
  summary: '本群可见范围内的今日汇总：新增、销号、未销号、逾期和进度',
  usage: '今日汇总',
  args: rawArgs,
  async run(ctx) {
    const unitIds = await visibleScope(ctx);
    const period = digestPeriod(ctx.today, officialCalendar(ctx.config.schedule));
    const digest = await ctx.store.digests.digest(period, ctx.today, DIGEST_LIST_LIMIT, unitIds);
    const scope = await scopeName(ctx, unitIds);
    const text = digestIsEmpty(digest) ? zh.digest.empty(scope) : zh.digest.render(digest, scope, ctx.now, zh.digest.onDemand);
    const reply = [text, ...zh.enforcement.digestLines(await ctx.store.enforcement.enforcedUnits(ctx.today, unitIds), ctx.now)].join('\n');
    if (digestIsEmpty(digest)) return ctx.reply(reply);
    // the same card the 17:30 digest carries: leaders would rather look than read
    const card = zh.cards.daily(digest, scope, await cardExtras(ctx.store, ctx.today, 'unit', unitIds), ctx.now);
    await ctx.reply(reply, [], { card });
  },
});
