import { leaderTargets, targetKey } from './targets.ts';
import type { JobContext, ScheduledJob } from './job.ts';
import { cardExtras } from '../cards/card-extras.ts';
import { briefingFacts } from '../features/governance-facts.ts';
import type { GovernanceConfig } from '../core/config.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { localDate } from '../domain/calendar.ts';
import { monthOf, previousPeriod, quarterToFile, type Period } from '../domain/period.ts';
import { zh } from '../i18n/zh-CN.ts';

async function briefLeaders(ctx: JobContext, period: Period, governance: GovernanceConfig): Promise<Array<OutgoingMessage & { dedupeKey: string }>> {
  const facts = await briefingFacts(ctx.store, period, localDate(ctx.now), governance);
  const text = zh.briefing.render(facts, governance.assessment, ctx.now);
  // a quarter's trend spans the quarter; a month's, thirty days
  const card = zh.cards.briefing(facts, await cardExtras(ctx.store, facts.asOf, 'department', undefined, period.kind === 'quarter' ? 90 : undefined), ctx.now);
  return (await leaderTargets(ctx.store)).map((t) => ({
    kind: 'push', ...t, mentions: [], text, extra: { title: `${period.label}通报`, card },
    dedupeKey: `briefing:${period.kind}:${period.from}:${targetKey(t)}`,
  }));
}

/** On the 1st of each month, the briefing of the month before goes to the leaders' group. */
export function sendMonthlyBriefing(governance: GovernanceConfig): ScheduledJob {
  return {
    name: 'send-monthly-briefing',
    cron: '0 9 1 * *',
    run: (ctx) => briefLeaders(ctx, previousPeriod(monthOf(localDate(ctx.now))), governance),
  };
}

/**
 * On the 1st of January, April, July and October, the quarter just ended is briefed to the leaders'
 * group, with the reminder that units file their statistics table by the 15th.
 */
export function sendQuarterlyBriefing(governance: GovernanceConfig): ScheduledJob {
  return {
    name: 'send-quarterly-briefing',
    cron: '30 9 1 1,4,7,10 *',
    run: (ctx) => briefLeaders(ctx, quarterToFile(localDate(ctx.now)), governance),
  };
}
