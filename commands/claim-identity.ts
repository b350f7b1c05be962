import { z } from 'zod';
import { bindAccount } from '../src/features/bind-account.ts';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { zh } from '../src/i18n/zh-CN.ts';

/** Wrong codes one account may try in an hour, and all accounts together: 10^6 codes stay unguessable. */
export const CLAIM_TRIES_PER_ACCOUNT = 5;
export const CLAIM_TRIES_OVERALL = 20;
const HOUR = 3_600_000;

export default defineCommand({
  name: '认领',
  aliases: ['认领身份', '绑定身份'],
  section: '设置',
  summary: '用管理员给的6位数字码，把自己的账号绑定到名册中的本人',
  usage: zh.identity.claimUsage,
  args: rawArgs.transform((a) => a.text.replace(/\s+/g, '')).pipe(z.string().regex(/^\d{6}$/, '认领码是6位数字')),
  async run() {
    // runForAnyone does the work: a claim comes from an account not bound yet
  },
  async runForAnyone(ctx, code) {
    const { platform, sender: account } = ctx.message;
    if (platform === 'console') return ctx.reply(zh.identity.alreadyYou(ctx.sender?.name ?? account.name));
    const since = new Date(ctx.now.getTime() - HOUR);
    const failed = await ctx.store.identity.failedAttempts(platform, account.id, since);
    if (failed.mine >= CLAIM_TRIES_PER_ACCOUNT) return ctx.reply(zh.identity.claimLocked);
    if (failed.all >= CLAIM_TRIES_OVERALL) return ctx.reply(zh.identity.claimPaused);
    const holder = await ctx.store.roster.personByPlatformId(platform, account.id);
    const claim = await ctx.store.identity.redeemClaim(code, ctx.now);
    await ctx.store.identity.recordAttempt(platform, account.id, ctx.now, claim !== null);
    const person = claim ? await ctx.store.roster.personById(claim.personId) : null;
    if (!person) return ctx.reply(zh.identity.claimBad);
    if (holder && holder.id !== person.id) {
      // one account is one person: the code stays spent, the admin issues another if this was a mistake…
      if ((await ctx.store.identity.personBindingMethod(holder.id, platform)) !== 'name') return ctx.reply(zh.identity.claimOtherAccount(holder.name));
      // …unless the account was only matched by its nickname: the code proves that match wrong
      await ctx.store.identity.unbindPerson(holder.id, platform);
      await ctx.store.identity.log({ subject: 'person', personId: holder.id, groupId: null, platform, platformId: account.id, method: 'unbound', actorId: null, at: ctx.now, note: `claimed by ${person.name}` });
    }
    await bindAccount(ctx.store, { person, platform, platformId: account.id, durableId: account.durableId, method: 'claim', actorId: claim!.issuedById, at: ctx.now });
    const unit = person.unitId !== null ? await ctx.store.roster.unitById(person.unitId) : null;
    const text = zh.identity.claimOk(person.name, unit?.name ?? null, zh.roles[person.role]);
    if (ctx.group) return ctx.reply(text);
    await ctx.push({ groupId: null, personId: person.id, text, mentions: [] });
  },
});
