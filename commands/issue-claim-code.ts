import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const NAME_FIRST = '请写明要认领的人的姓名，同名时再写单位';

/** How long a claim code works: long enough to reach the person by phone, short enough to go stale. */
export const CLAIM_CODE_HOURS = 24;

export default defineCommand({
  name: '认领码',
  aliases: ['发认领码', '生成认领码'],
  roles: ['admin'],
  section: '设置',
  summary: '给名册中的一个人发一次性认领码，本人用自己的账号发「认领 认领码」即绑定（同名时写单位）',
  usage: zh.identity.claimCodeUsage,
  args: rawArgs.transform((a) => a.text.split(/[\s,，]+/).filter(Boolean)).pipe(
    z.tuple([z.string({ error: NAME_FIRST })], { error: NAME_FIRST }).rest(z.string()),
  ),
  async run(ctx, [name, unitName]) {
    const named = await ctx.store.roster.peopleByName(name);
    const unit = unitName ? await ctx.store.roster.unitByName(unitName) : null;
    if (unitName && !unit) return ctx.reply(zh.config.unitUnknown(unitName));
    const candidates = unit ? named.filter((p) => p.unitId === unit.id) : named;
    const [person, ...others] = candidates;
    if (!person) return ctx.reply(zh.config.personUnknown(name));
    if (others.length > 0) return ctx.reply(zh.config.personAmbiguous(name));
    const live = new Set(await ctx.store.identity.liveClaimCodes(ctx.now));
    let code = '';
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (live.has(code));
    await ctx.store.identity.issueClaim({
      personId: person.id, code, issuedById: ctx.sender.id, issuedAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + CLAIM_CODE_HOURS * 3_600_000),
    });
    const text = zh.identity.claimCodeIssued(person.name, code, CLAIM_CODE_HOURS);
    if (!ctx.group) return ctx.reply(text);
    // said in a group, the code goes to the admin's private chat: the group must not see it
    await ctx.push({ groupId: null, personId: ctx.sender.id, text, mentions: [], extra: { job: 'identity' } });
    await ctx.reply(zh.identity.claimCodeSentPrivately(person.name));
  },
});
