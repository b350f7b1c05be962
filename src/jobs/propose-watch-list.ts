import { leaderTargets, targetKey } from './targets.ts';
import type { ScheduledJob } from './job.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { proposalKey } from '../db/credit-repository.ts';
import { localDate } from '../domain/calendar.ts';
import { inForce, standingOf } from '../domain/credit.ts';
import { ENFORCEMENT_LABELS, standingRecords, type EnforcementRecord } from '../domain/enforcement.ts';
import { proposeWatch, ruleOfKey, type UnitWatchFacts, type WatchRules } from '../domain/watch-rules.ts';
import { zh } from '../i18n/zh-CN.ts';

/** How far back a rebound still leads to a proposal (catch-up after downtime). */
const REBOUND_LOOKBACK_DAYS = 30;
/** Enforcement decisions count for a year. */
const ENFORCEMENT_LOOKBACK_DAYS = 365;

/** The units' facts with their enforcement decisions of the year (corrected ones once, lifts not). */
function withEnforcement(facts: UnitWatchFacts[], records: readonly EnforcementRecord[]): UnitWatchFacts[] {
  const byUnit = new Map(facts.map((f) => [f.unitId, { ...f }]));
  for (const r of standingRecords(records)) {
    if (r.kind === 'lift') continue;
    const f = byUnit.get(r.unitId) ?? { unitId: r.unitId, overdue: [], rebounds: [] };
    f.enforcement = [...(f.enforcement ?? []), { code: r.code, kind: ENFORCEMENT_LABELS[r.kind], on: localDate(r.at), severe: r.kind === 'suspend' || r.kind === 'close' }];
    byUnit.set(r.unitId, f);
  }
  return [...byUnit.values()];
}

/**
 * Runs the watch-list rules: each new proposal is recorded (never twice for one cause, even once
 * dismissed; not at all for a unit already watched) and shown to the leaders with its evidence,
 * for an admin to confirm or dismiss.
 * Every proposal still waiting is announced exactly once (its dedupe key), so a run whose
 * messages were lost announces it again.
 */
export function proposeWatchList(rules: WatchRules): ScheduledJob {
  return {
    name: 'propose-watch-list',
    cron: '0 8 * * *',
    async run({ now, store }) {
      const today = localDate(now);
      const facts = withEnforcement(
        await store.governance.watchFacts(today, new Date(now.getTime() - REBOUND_LOOKBACK_DAYS * 86_400_000)),
        await store.enforcement.decisionsSince(new Date(now.getTime() - ENFORCEMENT_LOOKBACK_DAYS * 86_400_000)),
      );
      const entries = await store.credit.entries('watch');
      // a unit already watched needs no proposal; one count proposal waiting is enough
      const watched = new Set(entries.filter((e) => e.status === 'confirmed' && inForce(standingOf(e), today)).map((e) => e.unitId));
      const countWaiting = new Set(entries.filter((e) => e.status === 'proposed' && ruleOfKey(e.ruleKey) === 'overdue_count').map((e) => e.unitId));
      const proposals = proposeWatch(facts, rules, today)
        .filter((p) => !watched.has(p.unitId) && !(p.rule === 'overdue_count' && countWaiting.has(p.unitId)));
      const before = await store.credit.proposed(proposals);
      for (const proposal of proposals) {
        const key = proposalKey(proposal.unitId, proposal.ruleKey);
        if (before.has(key)) continue;
        await store.credit.propose(proposal, now);
        before.add(key);
      }
      const waiting = (await store.credit.entries('watch')).filter((e) => e.status === 'proposed');
      const targets = await leaderTargets(store);
      // one message per unit: two causes found on one day (a second decision and the 停产整顿 it
      // was) are one proposal to the leaders, as 确认重点关注 confirms them together
      const byUnit = new Map<number, typeof waiting>();
      for (const entry of waiting) byUnit.set(entry.unitId, [...(byUnit.get(entry.unitId) ?? []), entry]);
      const out: Array<OutgoingMessage & { dedupeKey: string }> = [];
      for (const entries of byUnit.values()) {
        const [first] = entries;
        if (!first) continue;
        const reasons = [...new Set(entries.map((e) => zh.credit.ruleText(ruleOfKey(e.ruleKey), rules)))];
        const text = zh.credit.proposal(first.unitName, reasons.join('；'), entries.flatMap((e) => e.evidence), now);
        const ids = entries.map((e) => e.id).join('+');
        for (const t of targets) out.push({ kind: 'push', ...t, mentions: [], text, dedupeKey: `watch-proposal:${ids}:${targetKey(t)}` });
      }
      return out;
    },
  };
}
