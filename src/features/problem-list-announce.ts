/**
 * After an import, each unit's group hears its own part of the list in one message (not one per
 * item), its owners @-mentioned; each supervising department hears its units' parts and what it
 * must complete (待明确). A unit group the list was sent in already has the reply.
 */
import type { CommandContext } from './command.ts';
import type { Batch, BatchItem } from '../domain/problem-list.ts';
import type { HazardView, Unit } from '../domain/types.ts';
import type { AnnouncedItem, GapText } from '../i18n/problem-list-texts.ts';
import { zh } from '../i18n/zh-CN.ts';

export async function announceImport(
  ctx: CommandContext,
  batch: Batch & { code: string },
  created: readonly HazardView[],
  pending: ReadonlyArray<{ item: BatchItem; gaps: GapText[] }>,
  unitById: ReadonlyMap<number, Unit>,
): Promise<void> {
  const seqOf = new Map<number, number>();
  const items = await ctx.store.problemLists.items(batch.id);
  for (const item of items) if (item.hazardId !== null) seqOf.set(item.hazardId, item.seq);

  const perUnit = new Map<number, { announced: AnnouncedItem[]; codes: string[]; pending: Array<{ seq: number; description: string; gaps: GapText[] }>; owners: Set<number> }>();
  const entry = (unitId: number) => {
    const e = perUnit.get(unitId) ?? { announced: [], codes: [], pending: [], owners: new Set<number>() };
    perUnit.set(unitId, e);
    return e;
  };
  for (const h of created) {
    const e = entry(h.unitId);
    e.announced.push({ seq: seqOf.get(h.id) ?? 0, code: h.code, description: h.description, ownerName: h.ownerName, deadline: h.deadline, level: h.level });
    e.codes.push(h.code);
    e.owners.add(h.ownerId);
  }
  for (const { item, gaps } of pending) {
    if (item.unitId === null) continue;
    const e = entry(item.unitId);
    e.announced.push({ seq: item.seq, code: null, description: item.description, ownerName: null, deadline: null, level: item.level });
    e.pending.push({ seq: item.seq, description: item.description, gaps });
  }

  // units in the list's order, so each message reads like the list
  const order = [...perUnit.keys()].sort((a, b) => Math.min(...(perUnit.get(a)?.announced.map((i) => i.seq) ?? [0])) - Math.min(...(perUnit.get(b)?.announced.map((i) => i.seq) ?? [0])));
  const bySupervisor = new Map<number, Array<{ unitName: string; codes: string[]; pending: Array<{ seq: number; description: string; gaps: GapText[] }> }>>();
  for (const unitId of order) {
    const unit = unitById.get(unitId);
    const e = perUnit.get(unitId);
    if (!unit || !e) continue;
    e.announced.sort((a, b) => a.seq - b.seq);
    const text = zh.problemList.toUnit(batch.code, batch.title, unit.name, e.announced, ctx.now);
    for (const group of await ctx.store.roster.groupsOfUnit(unitId)) {
      if (group.id === ctx.group?.id) continue;
      await ctx.push({ groupId: group.id, personId: null, text, mentions: [...e.owners], dedupeKey: `batch:${batch.code}:unit:${unitId}:group:${group.id}` });
    }
    if (unit.supervisorId !== null) {
      const list = bySupervisor.get(unit.supervisorId) ?? [];
      list.push({ unitName: unit.name, codes: e.codes, pending: e.pending });
      bySupervisor.set(unit.supervisorId, list);
    }
  }
  for (const [supervisorId, units] of bySupervisor) {
    const text = zh.problemList.toDepartment(batch.code, batch.title, units, ctx.now);
    // the department's own group hears it too when the list was imported there: the reply did not list what it must complete
    for (const group of await ctx.store.roster.groupsOfUnit(supervisorId)) {
      await ctx.push({ groupId: group.id, personId: null, text, mentions: [], dedupeKey: `batch:${batch.code}:department:${supervisorId}:group:${group.id}` });
    }
  }
}
