import { actOnHazard } from '../features/act-on-hazard.ts';
import type { CommandContext } from '../features/command.ts';
import { withEvidence } from '../features/evidence-store.ts';
import type { IncomingAttachment } from '../core/messages.ts';
import type { EnforcementRecord } from '../domain/enforcement.ts';
import { zh } from '../i18n/zh-CN.ts';

/**
 * "Photo in the next message": people report in text and send the photo right after. A message
 * with only files, from someone who acted on a hazard in this group within the configured minutes
 * (30 by default), is stored as evidence of that hazard, as its own `evidence` event. Anything
 * else with only files is ordinary chat: nothing is stored. Returns whether the bot answered.
 */
export async function attachFollowUpEvidence(ctx: CommandContext, dataDir: string, files: readonly IncomingAttachment[]): Promise<boolean> {
  if (!ctx.group) return false;
  const since = new Date(ctx.now.getTime() - ctx.config.governance.evidenceMinutes * 60_000);
  const hazard = await ctx.store.hazards.lastActedOn(ctx.sender.id, ctx.group.id, since);
  // an enforcement record made in that message (or after) takes the files: the decision document
  const record = await ctx.store.enforcement.lastRecordedBy(ctx.sender.id, ctx.group.id, since);
  const hazardActedAt = hazard
    ? (await ctx.store.hazards.events(hazard.id)).filter((e) => e.actorId === ctx.sender.id).at(-1)?.at ?? null
    : null;
  if (record && (hazardActedAt === null || record.at >= hazardActedAt)) return attachToEnforcement(ctx, dataDir, files, record);
  if (!hazard) return false;
  const lines: string[] = [];
  const rejected = await withEvidence(ctx.store, { dataDir, now: ctx.now }, files, async (stored) => {
    if (stored.length === 0) return;
    const updated = await actOnHazard(ctx, hazard, { type: 'add_evidence', files: stored.length }, { who: 'participant', text: '', attachments: stored });
    if (updated) lines.push(zh.evidence.stored(updated, stored.length, await ctx.store.hazards.evidenceCount(updated.id)));
  });
  lines.push(...rejected.map((r) => zh.common.fileRejected(r.name, r.reason)));
  if (lines.length > 0) await ctx.reply(lines.join('\n'));
  return true;
}

/** Files sent after an enforcement record, as its evidence (the record itself is unchanged). */
async function attachToEnforcement(ctx: CommandContext, dataDir: string, files: readonly IncomingAttachment[], record: EnforcementRecord): Promise<boolean> {
  const lines: string[] = [];
  const rejected = await withEvidence(ctx.store, { dataDir, now: ctx.now }, files, async (stored) => {
    if (stored.length === 0) return;
    lines.push(zh.enforcement.evidenceStored(record, stored.length, await ctx.store.enforcement.addEvidence(record.id, stored)));
  });
  lines.push(...rejected.map((r) => zh.common.fileRejected(r.name, r.reason)));
  if (lines.length > 0) await ctx.reply(lines.join('\n'));
  return true;
}
