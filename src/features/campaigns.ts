/**
 * 专项整治: campaigns with their sectors, lead department and dates, and how far their hazards
 * and lists have got. `专项整治 新建 …` declares one; an imported list naming a campaign joins it.
 */
import type { CommandContext } from './command.ts';
import { CATEGORIES } from '../domain/types.ts';
import { readDeadline } from '../parse/problem-list-table.ts';
import { zh } from '../i18n/zh-CN.ts';

const DATE = /(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2}/g;

/** `专项整治 新建 危化品安全专项整治 行业 危化品、消防 牵头 应急管理局 12月1日至2027年3月31日` */
async function createCampaign(ctx: CommandContext, text: string): Promise<void> {
  const body = text.replace(/^新建\s*/, '');
  const name = /^([^\s，,]+)/.exec(body)?.[1];
  if (!name || !/专项|整治|治理|行动/.test(name)) return ctx.reply(zh.campaign.usage);
  if (ctx.sender.role === 'contact') return ctx.reply(zh.campaign.notAllowed);
  const sectors = CATEGORIES.filter((c) => c !== '其他' && body.slice(name.length).includes(c));
  const unitNames = await ctx.store.roster.unitNames();
  const lead = unitNames.filter((n) => body.slice(name.length).includes(n)).sort((a, b) => b.length - a.length)[0];
  const leadUnit = lead ? await ctx.store.roster.unitByName(lead) : null;
  const dates = [...body.matchAll(DATE)].map((m) => readDeadline(m[0], ctx.now)).filter((d): d is string => d !== null);
  const [startOn, endOn] = dates.length >= 2 ? [dates[0] ?? null, dates[1] ?? null] : [ctx.today, dates[0] ?? null];
  const campaign = await ctx.store.problemLists.upsertCampaign({ name, sectors, leadUnitId: leadUnit?.id ?? null, startOn, endOn, at: ctx.now });
  await ctx.reply(zh.campaign.created(campaign, ctx.now));
}

/** `专项整治`: every campaign with its progress; `专项整治 名称`: one. */
export async function showCampaigns(ctx: CommandContext, text: string): Promise<void> {
  if (/^新建/.test(text)) return createCampaign(ctx, text);
  const campaigns = await ctx.store.problemLists.campaigns();
  const named = text ? campaigns.filter((c) => c.name.includes(text) || text.includes(c.name)) : campaigns;
  if (text && named.length === 0) return ctx.reply(zh.campaign.unknown(text, campaigns.map((c) => c.name)));
  const lines = await Promise.all(named.map(async (campaign) => ({ campaign, progress: await ctx.store.problemLists.campaignProgress(campaign.id, ctx.today) })));
  await ctx.reply(zh.campaign.list(lines, ctx.now));
}
