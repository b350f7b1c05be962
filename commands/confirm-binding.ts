import { z } from 'zod';
import { bindAccount } from '../src/features/bind-account.ts';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { formatDate, localDate, localTime } from '../src/domain/calendar.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const NAME_FIRST = '请写明要确认的人的姓名，同名时再写单位';

/** A request older than this is not confirmed: who wrote a week ago is no longer evidence. */
const PENDING_DAYS = 7;

export default defineCommand({
  name: '确认绑定',
  aliases: ['确认身份', '批准绑定'],
  roles: ['admin'],
  section: '设置',
  summary: '确认以某人名义发过消息的那个账号确是本人，并绑定（只有一个账号时可用）',
  usage: zh.identity.confirmUsage,
  args: rawArgs.transform((a) => a.text.split(/[\s,，]+/).filter(Boolean)).pipe(
    z.tuple([z.string({ error: NAME_FIRST })], { error: NAME_FIRST }).rest(z.string()),
  ),
  async run(ctx, [name, unitName]) {
    const named = await ctx.store.roster.peopleByName(name);
    const unit = unitName ? await ctx.store.roster.unitByName(unitName) : null;
    const candidates = unit ? named.filter((p) => p.unitId === unit.id) : named;
    const [person, ...others] = candidates;
    if (!person) return ctx.reply(zh.config.personUnknown(name));
    if (others.length > 0) return ctx.reply(zh.config.personAmbiguous(name));
    const pending = await ctx.store.identity.pendingOf(person.id, new Date(ctx.now.getTime() - PENDING_DAYS * 86_400_000));
    const [request, ...more] = pending;
    if (!request) return ctx.reply(zh.identity.confirmNone(person.name));
    if (more.length > 0) return ctx.reply(zh.identity.confirmSeveral(person.name, pending.length));
    const holder = await ctx.store.roster.personByPlatformId(request.platform, request.platformId);
    if (holder) return ctx.reply(zh.identity.confirmTaken(person.name, holder.name));
    await bindAccount(ctx.store, { person, platform: request.platform, platformId: request.platformId, method: 'confirm', actorId: ctx.sender.id, at: ctx.now });
    const group = request.groupId !== null ? await ctx.store.roster.groupById(request.groupId) : null;
    await ctx.reply(zh.identity.confirmed(person.name, request.platform, group?.name ?? null, `${formatDate(localDate(request.at), ctx.now)} ${localTime(request.at)}`));
  },
});
