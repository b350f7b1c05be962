import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { KIND_BY_LABEL, readDecisionFields } from '../src/features/enforcement-decision.ts';
import { announceEnforcement, readEnforcementTarget, recordEnforcement, recordedText } from '../src/features/record-enforcement.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '更正执法 ZF-0003 罚款 5万元 文号：应急罚〔2026〕12号';
const CODE = /ZF\s*[-_—–一]?\s*(\d{1,6})/i;

/**
 * 更正执法: a record is never edited. The correction is a new record of the same kind, for the same
 * unit, that replaces the old one in every list and count; both stay on file. What it does not
 * restate (the hazards, the document number) it keeps from the record it corrects.
 */
export default defineCommand({
  name: '更正执法',
  aliases: ['更正执法记录', '执法更正'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '更正一条执法记录（另记一条更正记录，原记录留档）',
  usage,
  args: rawArgs,
  async run(ctx, args) {
    const m = CODE.exec(args.text);
    if (!m) return ctx.reply(zh.enforcement.correctionUsage(usage));
    const code = `ZF-${String(Number(m[1])).padStart(4, '0')}`;
    const old = await ctx.store.enforcement.byCode(code);
    if (!old) return ctx.reply(zh.enforcement.correctionUnknown(code));
    if (old.kind === 'lift') return ctx.reply(zh.enforcement.correctionOfLift);
    const later = (await ctx.store.enforcement.ofUnit(old.unitId)).find((r) => r.correctsId === old.id);
    if (later) return ctx.reply(zh.enforcement.alreadyCorrected(code, later.code));
    let rest = args.text.replace(m[0], ' ').trim();
    const word = [...KIND_BY_LABEL.keys()].find((label) => rest.startsWith(label));
    if (word && KIND_BY_LABEL.get(word) !== old.kind) return ctx.reply(zh.enforcement.correctionKindMismatch(code, old.kind));
    if (word) rest = rest.slice(word.length);
    if (!rest.trim()) return ctx.reply(zh.enforcement.correctionUsage(usage));
    const target = await readEnforcementTarget(ctx, `${old.unitName} ${[args.code, rest].filter(Boolean).join(' ')}`, usage);
    if (!target) return;
    const kept = {
      ...target,
      hazards: target.hazards.length > 0 ? target.hazards : await ctx.store.hazards.byIds(old.hazardIds),
      parsed: { ...target.parsed, decisionNo: target.parsed.decisionNo ?? old.decisionNo },
    };
    const fields = await readDecisionFields(ctx, old.kind, kept, usage, old.id);
    if (!fields) return;
    const { record, changes } = await recordEnforcement(ctx, kept, { ...fields, correctsId: old.id }, old);
    // a corrected order's time limits move with it, and a hazard it no longer names gets its own back
    const lines = [await recordedText(ctx, record), zh.enforcement.correctedNote(code), ...zh.enforcement.deadlinesOrdered(changes, true, ctx.now)];
    await announceEnforcement(ctx, record, lines.join('\n'));
  },
});
