import type { CommandContext } from './command.ts';
import { announceEnforcement, readEnforcementTarget, recordEnforcement, recordedText, type EnforcementFields, type EnforcementTarget } from './record-enforcement.ts';
import { ENFORCEMENT_LABELS, type EnforcementKind } from '../domain/enforcement.ts';
import type { LocalDate } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';
import { findDeadline } from '../parse/parse-deadline.ts';
import { parseSuspensionPeriod, parseTransferTarget, tidy } from '../parse/parse-enforcement.ts';
import { parseFineAmount } from '../parse/parse-fine-amount.ts';

/** The decisions a department records with one command each (a lift has its own). */
export type DecisionKind = Exclude<EnforcementKind, 'lift'>;

/** Words that label a value rather than say anything: dropped from the note. */
const LABELS = /(?:^|\s)(?:说明|原因|事由|情况|备注|内容)\s*[:：]\s*/g;
const KIND_WORDS = /^(?:责令限期整改|责令整改|约谈|罚款|停产整顿|关闭取缔|移送)\s*/;

/** The text left once a field is read: the note. */
const noteOf = (rest: string, ...used: Array<string | undefined>) =>
  tidy(used.reduce<string>((t, u) => (u ? t.replace(u, ' ') : t), rest).replace(LABELS, ' '));

/**
 * Reads what a decision of this kind must say from the rest of the message, or answers what is
 * missing (nothing is guessed: an amount without 元/万元, a deadline already past, a transfer to
 * no one are refused). Returns null when it answered.
 */
export async function readDecisionFields(
  ctx: CommandContext, kind: DecisionKind, target: EnforcementTarget, usage: string,
  /** a correction of this record: the suspension or closure it corrects does not stand in its way */
  correcting: number | null = null,
): Promise<EnforcementFields | null> {
  const rest = target.parsed.rest.replace(KIND_WORDS, '');
  const today: LocalDate = ctx.today;
  switch (kind) {
    case 'order': {
      const deadline = findDeadline(rest, ctx.now);
      if (!deadline) return refuse(ctx, zh.enforcement.orderDeadlineMissing(usage));
      if (deadline.date < today) return refuse(ctx, zh.enforcement.orderDeadlinePast(deadline.date, ctx.now));
      return { kind, deadline: deadline.date, note: tidy(noteOf(rest, deadline.text).replace(/(?:整改期限|整改时限|期限|限期|时限)\s*[:：]?/g, ' ')) };
    }
    case 'fine': {
      const amount = parseFineAmount(rest);
      if (!amount.ok) {
        const t = zh.enforcement.fine;
        const text = amount.problem === 'missing' ? t.missing(usage) : amount.problem === 'no_unit' ? t.no_unit(amount.text, usage)
          : amount.problem === 'zero' ? t.zero : t[amount.problem](amount.text);
        return refuse(ctx, text);
      }
      return { kind, amountYuan: amount.yuan, note: noteOf(rest, amount.text).replace(/^(?:罚款|金额|处)\s*[:：]?\s*/, '') };
    }
    case 'suspend':
    case 'close': {
      const status = await ctx.store.enforcement.statusOf(target.unit.id, correcting);
      if (status.closedOn !== null) return refuse(ctx, zh.enforcement.alreadyClosed(target.unit.name, status.closedOn, ctx.now));
      if (kind === 'close') {
        const period = parseSuspensionPeriod(rest, today);
        const from = period.ok ? period.from : today;
        return { kind, fromDate: from, note: noteOf(rest, period.ok ? period.text : undefined) };
      }
      if (status.suspension) return refuse(ctx, zh.enforcement.alreadySuspended(target.unit.name, status.suspension.code, ctx.now, status.suspension.from));
      const period = parseSuspensionPeriod(rest, today);
      if (!period.ok) {
        return refuse(ctx, period.problem === 'until_before_from' ? zh.enforcement.suspendUntilBeforeFrom(period.text) : zh.enforcement.suspendUnreadable(period.text, usage));
      }
      return { kind, fromDate: period.from, untilDate: period.until, note: noteOf(rest, period.text).replace(/^至?(?:整改)?验收合格(?:为止|止)?\s*/, '') };
    }
    case 'transfer': {
      const to = parseTransferTarget(rest);
      if (!to) return refuse(ctx, zh.enforcement.transferTargetMissing(usage));
      return { kind, transferTo: to.to, note: noteOf(rest, to.text) };
    }
    case 'interview':
      return { kind, note: noteOf(rest) };
  }
}

async function refuse(ctx: CommandContext, text: string): Promise<null> {
  await ctx.reply(text);
  return null;
}

/** The whole of a decision command: whom, may they, what it says, then the record and the announcement. */
export async function runDecision(ctx: CommandContext, kind: DecisionKind, args: { code: string | null; text: string }, usage: string): Promise<void> {
  const target = await readEnforcementTarget(ctx, [args.code, args.text].filter(Boolean).join(' '), usage);
  if (!target) return;
  const fields = await readDecisionFields(ctx, kind, target, usage);
  if (!fields) return;
  const { record, changes } = await recordEnforcement(ctx, target, fields);
  // the unit's group hears the new time limit with the decision: it is what they now work to
  await announceEnforcement(ctx, record, [await recordedText(ctx, record), ...zh.enforcement.deadlinesOrdered(changes, false, ctx.now)].join('\n'));
}

/** `罚款` → fine: the command words a correction may repeat before its new content. */
export const KIND_BY_LABEL = new Map<string, DecisionKind>(
  (Object.entries(ENFORCEMENT_LABELS) as Array<[EnforcementKind, string]>).flatMap(([k, label]) => (k === 'lift' ? [] : [[label, k] as [string, DecisionKind]])),
);
