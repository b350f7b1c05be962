/**
 * Importing a 问题清单: a preview first (what is ready, what lacks a field, which units the
 * roster does not know), nothing recorded until 确认导入. On confirmation every ready item becomes
 * a hazard; an item without an owner or a deadline stays 待明确 for its supervising department to
 * complete — the bot never guesses them. The message's transaction makes the import one step.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from './command.ts';
import { announceImport } from './problem-list-announce.ts';
import { readWorkbookGrids } from './read-problem-list-workbook.ts';
import type { NewBatchItem } from '../db/problem-list-repository.ts';
import { localDate } from '../domain/calendar.ts';
import { inferCategory, matchCategory } from '../domain/category.ts';
import { isDeadlineTooFar } from '../domain/deadline.ts';
import type { HazardSource } from '../domain/hazard-source.ts';
import type { Batch, BatchItem } from '../domain/problem-list.ts';
import type { HazardView, LocalDate, Person, Unit } from '../domain/types.ts';
import { closestUnitNames } from '../parse/closest-unit-names.ts';
import { INSPECTION_BODY, inspectionDay } from '../parse/inspection-origin.ts';
import { readListTable, type ListRow, type SheetCut } from '../parse/problem-list-table.ts';
import { readPastedList } from '../parse/problem-list-text.ts';
import { zh } from '../i18n/zh-CN.ts';
import type { GapText } from '../i18n/problem-list-texts.ts';

/** Where a list came from, read from its title and the words sent with it. */
export interface ListOrigin {
  title: string;
  source: HazardSource;
  sourceBody: string | null;
  sourceDate: LocalDate | null;
  campaignName: string | null;
}

const CAMPAIGN = /([\p{Script=Han}]{2,24}?专项(?:整治|治理|行动|检查))/u;

/** Reads the source of a list from its title and the words sent with it; a department's own list is its inspection. */
export function listOrigin(title: string, said: string, sender: Person, today: LocalDate): ListOrigin {
  const words = `${said} ${title}`;
  const campaign = CAMPAIGN.exec(words)?.[1] ?? null;
  let source: HazardSource;
  if (/举报|投诉/.test(words)) source = 'public_report';
  else if (campaign) source = 'campaign';
  else if (/督查|督导|暗访|巡查|检查组|考核组/.test(words)) source = 'inspection';
  else if (/自查/.test(words)) source = 'self_check';
  else source = sender.role === 'department' ? 'department_check' : 'other';
  return {
    title,
    source,
    sourceBody: source === 'inspection' ? INSPECTION_BODY.exec(words)?.[1] ?? null : null,
    sourceDate: source === 'inspection' ? inspectionDay(words, today) : null,
    campaignName: source === 'campaign' ? campaign : null,
  };
}

/** A written unit name matched to the roster: the name itself, or the one roster name it contains (`红星化工有限公司`). */
function matchUnit(written: string, units: readonly Unit[]): Unit | null {
  const exact = units.find((u) => u.name === written);
  if (exact) return exact;
  const inside = units.filter((u) => u.name.length >= 2 && written.includes(u.name)).sort((a, b) => b.name.length - a.name.length);
  const [best, second] = inside;
  return best && (!second || second.name.length < best.name.length) ? best : null;
}

/** The owner an item names, in its unit first; null when nobody or several people have that name. */
async function matchOwner(ctx: CommandContext, name: string, unitId: number | null): Promise<Person | null> {
  const people = await ctx.store.roster.peopleByName(name);
  const inUnit = people.filter((p) => p.unitId === unitId);
  const candidates = inUnit.length > 0 ? inUnit : people;
  return candidates.length === 1 ? candidates[0] ?? null : null;
}

/**
 * What an item still lacks before it can be a hazard. An owner of another unit is asked about,
 * as a registration asks (`ownerNamedAgain`: the department wrote the owner in its 补全).
 */
export async function gapsOf(
  ctx: CommandContext, item: { ownerName: string | null; deadline: LocalDate | null; deadlineText?: string | null; unitId: number | null; ownerNamedAgain?: boolean },
): Promise<{ gaps: GapText[]; owner: Person | null }> {
  const gaps: GapText[] = [];
  const owner = item.ownerName ? await matchOwner(ctx, item.ownerName, item.unitId) : null;
  if (!item.ownerName) gaps.push({ kind: 'owner' });
  else if (!owner) gaps.push({ kind: 'ownerUnknown', name: item.ownerName });
  else if (owner.unitId !== item.unitId && !item.ownerNamedAgain) {
    const unit = owner.unitId === null ? null : await ctx.store.roster.unitById(owner.unitId);
    gaps.push({ kind: 'ownerOtherUnit', name: owner.name, unit: unit?.name ?? '其他单位' });
  }
  if (item.deadline) {
    if (item.deadline < ctx.today) gaps.push({ kind: 'deadlinePast', date: item.deadline });
    else if (isDeadlineTooFar(item.deadline, ctx.today)) gaps.push({ kind: 'deadlineUnreadable', text: item.deadline });
  } else if (item.deadlineText) gaps.push({ kind: 'deadlineUnreadable', text: item.deadlineText });
  else gaps.push({ kind: 'deadline' });
  return { gaps, owner };
}

/** Shows a list back as a preview and keeps it for 确认导入. */
async function preview(
  ctx: CommandContext, rows: readonly ListRow[], origin: ListOrigin,
  file: { name: string; path: string | null; sheetsRead: string[]; sheetsSkipped: string[]; cuts: SheetCut[] },
): Promise<boolean> {
  if (rows.length === 0) {
    await ctx.reply(zh.problemList.empty);
    return false;
  }
  const units = await ctx.store.roster.units();
  const unitNames = units.map((u) => u.name);
  const items: NewBatchItem[] = [];
  const pending: Parameters<typeof zh.problemList.preview>[0]['pending'] = [];
  const unknown = new Map<string, { written: string; seqs: number[]; origin: string; close: string[] }>();
  let ready = 0;
  for (const [k, row] of rows.entries()) {
    const seq = k + 1;
    const unit = row.unit ? matchUnit(row.unit, units) : null;
    items.push({
      seq, label: row.label, origin: row.origin, unitWritten: row.unit, unitId: unit?.id ?? null, description: row.description,
      category: row.category, level: row.level, measures: row.measures, ownerName: row.owner, deadline: row.deadline,
    });
    if (!unit) {
      const written = row.unit || '（未写单位）';
      const entry = unknown.get(written) ?? { written, seqs: [], origin: row.origin, close: row.unit ? closestUnitNames(row.unit, unitNames).slice(0, 3) : [] };
      entry.seqs.push(seq);
      unknown.set(written, entry);
      continue;
    }
    const { gaps } = await gapsOf(ctx, { ownerName: row.owner, deadline: row.deadline, deadlineText: row.deadlineText, unitId: unit.id });
    if (gaps.length === 0) ready++;
    else pending.push({ seq, unit: unit.name, description: row.description, origin: row.origin, gaps });
  }
  // a campaign named for the first time is on record from here: someone named it, whatever becomes of the list
  const campaign = origin.campaignName
    ? await ctx.store.problemLists.campaignByName(origin.campaignName)
      ?? await ctx.store.problemLists.upsertCampaign({ name: origin.campaignName, sectors: [], leadUnitId: null, startOn: ctx.today, endOn: null, at: ctx.now })
    : null;
  await ctx.store.problemLists.createPreview({
    title: origin.title, source: origin.source, sourceBody: origin.sourceBody, sourceDate: origin.sourceDate,
    campaignId: campaign?.id ?? null, fileName: file.name || '粘贴清单', filePath: file.path, createdById: ctx.sender.id,
    groupId: ctx.group?.id ?? null, at: ctx.now,
  }, items);
  await ctx.reply(zh.problemList.preview({
    ...origin, fileName: file.name, sheetsRead: file.sheetsRead, sheetsSkipped: file.sheetsSkipped, cuts: file.cuts, total: rows.length, ready, pending,
    unknownUnits: [...unknown.values()],
  }, ctx.now));
  return true;
}

/** The original file, kept beside the evidence by its hash: the list as it arrived is on record. */
function keepOriginal(dataDir: string, data: Buffer): string {
  const sha = createHash('sha256').update(data).digest('hex');
  const path = join('imports', `${sha}.xlsx`);
  mkdirSync(join(dataDir, 'imports'), { recursive: true });
  writeFileSync(join(dataDir, path), data);
  return path;
}

/**
 * Reads an Excel list sent into the chat and shows the preview; true when there is one to confirm.
 * A workbook without a list is answered, unless `quietIfNotAList` (a spreadsheet sent as evidence
 * is not an import).
 */
export async function previewWorkbook(ctx: CommandContext, file: { name: string; data: Buffer }, said: string, quietIfNotAList = false): Promise<boolean> {
  let table;
  try {
    table = readListTable(await readWorkbookGrids(file.data), ctx.now);
  } catch {
    if (!quietIfNotAList) await ctx.reply(zh.problemList.unreadable(file.name));
    return false;
  }
  if (!table) {
    if (!quietIfNotAList) await ctx.reply(zh.problemList.notAList(file.name));
    return false;
  }
  const title = table.title ?? file.name.replace(/\.xlsx$/i, '');
  const path = keepOriginal(ctx.config.dataDir, file.data);
  return preview(ctx, table.rows, listOrigin(title, `${said} ${table.preamble}`, ctx.sender, ctx.today), { name: file.name, path, sheetsRead: table.sheetsRead, sheetsSkipped: table.sheetsSkipped, cuts: table.cuts });
}

/** Reads a pasted numbered list and shows the preview. */
export async function previewPasted(ctx: CommandContext, text: string): Promise<void> {
  const list = readPastedList(text, { now: ctx.now, unitNames: await ctx.store.roster.unitNames() });
  if (!list) return ctx.reply(zh.problemList.pasteUsage);
  const title = list.head || `${localDate(ctx.now)} 粘贴的问题清单`;
  await preview(ctx, list.rows, listOrigin(title, '', ctx.sender, ctx.today), { name: '', path: null, sheetsRead: [], sheetsSkipped: [], cuts: [] });
}

/** `红兴化工=红星化工 城北加油站＝城北石化加油站`: written name → roster name. */
function parseMappings(text: string): Array<[string, string]> {
  return [...text.matchAll(/([^\s=＝,，;；]+)\s*[=＝]\s*([^\s=＝,，;；]+)/g)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

/** Makes an item a hazard: the list's source, the item's own words, the importer as reporter. */
export async function createItemHazard(
  ctx: CommandContext, batch: Batch & { code: string }, item: BatchItem, unit: Unit, owner: Person, deadline: LocalDate, campaignId: number | null,
): Promise<HazardView> {
  const category = (item.category && matchCategory(item.category)) || inferCategory(item.description, unit.sector);
  const hazard = await ctx.store.hazards.create(
    {
      description: item.description, location: null, category, level: item.level, unitId: unit.id, reporterId: ctx.sender.id,
      ownerId: owner.id, measures: item.measures, deadline, sourceGroupId: ctx.group?.id ?? null,
      source: batch.source, sourceBody: batch.sourceBody, sourceDate: batch.sourceDate, campaignId,
    },
    { actorId: ctx.sender.id, groupId: ctx.group?.id ?? null, at: ctx.now, text: zh.problemList.auditText(batch.code, item.seq, item.origin), data: { batch: batch.code, item: item.seq } },
  );
  await ctx.store.problemLists.linkItem(item.id, hazard.id, { ownerName: owner.name, deadline });
  return hazard;
}

/** 确认导入 [写法=名册名 …]: records the sender's waiting list. */
export async function confirmImport(ctx: CommandContext, text: string): Promise<void> {
  const previewed = await ctx.store.problemLists.latestPreview(ctx.sender.id);
  if (!previewed) return ctx.reply(zh.problemList.noPreview);
  const units = await ctx.store.roster.units();
  const byName = new Map(units.map((u) => [u.name, u]));
  const mappings = new Map<string, Unit>();
  for (const [written, target] of parseMappings(text)) {
    const unit = byName.get(target);
    if (!unit) return ctx.reply(zh.problemList.badMapping(written, target));
    mappings.set(written, unit);
  }
  const items = await ctx.store.problemLists.items(previewed.id);
  const unknown = new Map<string, string[]>();
  for (const item of items) {
    if (item.unitId !== null) continue;
    const mapped = mappings.get(item.unitWritten);
    if (mapped) {
      await ctx.store.problemLists.setItemUnit(item.id, mapped.id);
      item.unitId = mapped.id;
    } else {
      unknown.set(item.unitWritten || '（未写单位）', item.unitWritten ? closestUnitNames(item.unitWritten, [...byName.keys()]).slice(0, 3) : []);
    }
  }
  if (unknown.size > 0) return ctx.reply(zh.problemList.stillUnknown([...unknown].map(([written, close]) => ({ written, close }))));

  const code = await ctx.store.problemLists.markImported(previewed.id, ctx.now);
  const batch = { ...previewed, code };
  const unitById = new Map(units.map((u) => [u.id, u]));
  const created: HazardView[] = [];
  const pending: Array<{ item: BatchItem; gaps: GapText[] }> = [];
  for (const item of items) {
    const unit = item.unitId === null ? undefined : unitById.get(item.unitId);
    if (!unit) continue;
    const { gaps, owner } = await gapsOf(ctx, item);
    if (gaps.length === 0 && owner && item.deadline) created.push(await createItemHazard(ctx, batch, item, unit, owner, item.deadline, batch.campaignId));
    else pending.push({ item, gaps });
  }
  await ctx.reply(zh.problemList.imported(code, batch.title, created.map((h) => h.code), pending.length));
  await announceImport(ctx, batch, created, pending, unitById);
}

/** 取消导入: drops the sender's waiting list. */
export async function cancelImport(ctx: CommandContext): Promise<void> {
  const previewed = await ctx.store.problemLists.latestPreview(ctx.sender.id);
  if (!previewed) return ctx.reply(zh.problemList.noPreview);
  await ctx.store.problemLists.cancel(previewed.id);
  await ctx.reply(zh.problemList.cancelled(previewed.title));
}
