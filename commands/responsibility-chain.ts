import { defineCommand } from '../src/features/command.ts';
import { withCode } from '../src/features/args.ts';
import { loadHazard, mayShowHere } from '../src/features/act-on-hazard.ts';
import { mentionedAbout, noticeSubject } from '../src/domain/notice-subject.ts';
import { chargeLabel } from '../src/domain/responsibility-chain.ts';
import type { ChainEntry } from '../src/i18n/chain-texts.ts';
import { EVENT_LABELS, zh } from '../src/i18n/zh-CN.ts';

const usage = '责任链 YH-0012';

/**
 * 责任链 YH-0012: owner → unit → supervising department → leader in charge → main leader, and
 * who was told what and when — the hazard's own history (who did what) merged with every message
 * the bot sent about it (the outbox keeps them all): the evidence an accountability review needs.
 * For departments, leaders and admins, about a hazard they may see, in a room whose members may.
 */
export default defineCommand({
  name: '责任链',
  aliases: ['问责记录', '责任链条'],
  roles: ['department', 'leader', 'admin'],
  help: { example: '责任链 YH-0012（谁负责、谁在何时被告知）', for: ['leader'] },
  section: '督办考核',
  summary: '一条隐患的责任链（责任人→单位→监管部门→分管领导→主要领导）和谁在何时被告知，供问责核查',
  usage,
  args: withCode,
  async run(ctx, args) {
    const hazard = await loadHazard(ctx, args.code, usage);
    if (!hazard) return;
    // the record names groups and people: posted only where everyone may read about this unit
    if (!(await mayShowHere(ctx, hazard))) return;
    const unit = await ctx.store.roster.unitById(hazard.unitId);
    const supervisor = hazard.unitSupervisorId !== null ? await ctx.store.roster.unitById(hazard.unitSupervisorId) : null;
    const leaders = (await ctx.store.leaders.resolver())({ unitId: hazard.unitId, category: hazard.category, unitSector: unit?.sector ?? null });
    const events = await ctx.store.hazards.events(hazard.id);
    const notices = await ctx.store.notices.aboutCode(hazard.code);
    const entries: ChainEntry[] = [
      ...events.map((e): ChainEntry => ({ kind: 'event', at: e.at, actorName: e.actorName, label: EVENT_LABELS[e.type], text: e.text })),
      ...notices.map((n): ChainEntry => ({
        kind: 'notice', at: n.at, where: n.groupName ?? `私聊${n.personName ?? ''}`, mentionNames: mentionedAbout(n.text, hazard.code, n.mentionNames),
        subject: noticeSubject(n.text, hazard.code), status: n.status,
      })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    const pages = zh.chain.render(hazard, {
      supervisorName: supervisor?.name ?? null,
      inCharge: leaders.inCharge ? { name: leaders.inCharge.name, covers: chargeLabel(leaders.inCharge.charge) } : null,
      main: leaders.main ? { name: leaders.main.name, covers: chargeLabel(leaders.main.charge) } : null,
    }, entries, ctx.now);
    for (const page of pages) await ctx.reply(page);
  },
});
