import type { CommandContext } from '../features/command.ts';
import { visibleScope } from '../features/hazard-scope.ts';
import { LIST_LIMIT } from '../features/reply-list.ts';
import { NO_ENFORCEMENT } from '../domain/enforcement.ts';
import { isOverdue } from '../domain/overdue.ts';
import type { Unit } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';
import type { LedgerQuestion } from '../parse/parse-ledger-question.ts';

/**
 * Answers a plain-language question from the ledger, within what this room and this sender may
 * see: a unit outside it is refused by name rather than answered as "none".
 */
export async function answerLedgerQuestion(ctx: CommandContext, question: LedgerQuestion): Promise<void> {
  const scope = await visibleScope(ctx);
  let unitIds = scope;
  const asked = (await Promise.all(question.units.map((n) => ctx.store.roster.unitByName(n)))).filter((u): u is Unit => u !== null);
  if (asked.length > 0) {
    // a department named means the units it supervises as well
    const wanted = new Set<number>();
    for (const unit of asked) {
      wanted.add(unit.id);
      for (const u of await ctx.store.roster.unitsSupervisedBy(unit.id)) wanted.add(u.id);
    }
    const allowed = [...wanted].filter((id) => scope === undefined || scope.includes(id));
    if (allowed.length === 0) {
      await ctx.reply(zh.question.notVisible(asked.map((u) => u.name)));
      return;
    }
    unitIds = allowed;
  }
  const open = unitIds && unitIds.length === 0 ? [] : await ctx.store.hazards.list({ unitIds });
  const { which } = question;
  const items = open.filter((h) => {
    if (question.major && h.level !== 'major') return false;
    if (which === 'pending_review') return h.status === 'pending_review';
    if (which === 'overdue') return isOverdue(h, ctx.now);
    if (which === 'open') return true;
    return h.deadline <= which.dueBy && !isOverdue(h, ctx.now) && h.status !== 'pending_review';
  });
  // a unit asked about by name shows what stands against it even when it has nothing open
  const statuses = await ctx.store.enforcement.statuses(asked.map((u) => u.id));
  const names = asked.map((u) => `${u.name}${zh.enforcement.mark(statuses.get(u.id) ?? NO_ENFORCEMENT, ctx.today)}`);
  const title = zh.question.title(names, question.major, typeof which === 'string' ? zh.question.which[which] : which.label);
  await ctx.reply(items.length === 0 ? zh.list.empty(title) : zh.list.render(title, items.slice(0, LIST_LIMIT), items.length, ctx.now));
}
