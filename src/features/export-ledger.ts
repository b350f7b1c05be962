import type { AppConfig } from '../core/config.ts';
import type { OutgoingFile } from '../core/messages.ts';
import { assessmentReport, parityReport } from './governance-facts.ts';
import { addEnforcementSheet, buildLedgerWorkbook, workbookBytes } from './ledger-workbook.ts';
import { addReportSheet, reportRows } from './rectification-report.ts';
import type { Store } from '../db/store.ts';
import { addDays, atLocal, dayjs, localDate, ZONE } from '../domain/calendar.ts';
import { LEVEL_LABELS, STATUS_LABELS } from '../domain/lifecycle.ts';
import { asOfDay, defaultStatisticsQuarter, quarterOf, statisticsDueOn, yearOf, type DefaultQuarterReason, type Period } from '../domain/period.ts';
import { quarterlyStatistics } from '../domain/statistics.ts';
import type { LocalDate } from '../domain/types.ts';
import { parseLedgerFilter } from '../parse/parse-ledger-filter.ts';
import { zh } from '../i18n/zh-CN.ts';

export type LedgerExport =
  | { ok: true; file: OutgoingFile; count: number; filterWords: string[]; quarter: Period; due: LocalDate; asOf: LocalDate; quarterReason: DefaultQuarterReason | null }
  | { ok: false; reply: string };

/**
 * Builds the ledger workbook for free-text filters (`本季度 应急管理局 重大 逾期`), never beyond
 * `scope` (the units the asker may see; undefined: all), as bytes named 台账-20261201-090000.xlsx:
 * 导出台账 sends them through the outbox, `npm run export` writes them where asked. A department
 * named means the units it supervises. `countyRanks`: whether the reader may see the county's
 * ranking (everyone who may run 排名; not a unit contact).
 */
export async function exportLedger(
  store: Store, text: string, scope: number[] | undefined, now: Date, config: AppConfig,
  options: { countyRanks?: boolean } = {},
): Promise<LedgerExport> {
  const { countyRanks = true } = options;
  const today = localDate(now);
  const units = await store.roster.units();
  const filter = parseLedgerFilter(text, units.map((u) => u.name), today);
  if (filter.unknown.length > 0) return { ok: false, reply: zh.ledger.unknownWords(filter.unknown) };

  let unitIds = scope;
  if (filter.units.length > 0) {
    const named = units.filter((u) => filter.units.includes(u.name));
    const expanded = [...new Set(named.flatMap((n) => [n.id, ...units.filter((u) => u.supervisorId === n.id).map((u) => u.id)]))];
    if (scope && !named.every((n) => scope.includes(n.id))) return { ok: false, reply: zh.ledger.outOfScope };
    unitIds = scope ? expanded.filter((id) => scope.includes(id)) : expanded;
  }

  const hazards = await store.governance.ledger({
    ...(filter.period ? { period: filter.period } : {}),
    ...(unitIds ? { unitIds } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  }, today);
  const assessment = await assessmentReport(store, filter.period ?? yearOf(today), today, config.governance);
  const fallback = defaultStatisticsQuarter(today);
  const quarter = filter.period ? quarterOf(filter.period.to) : fallback.quarter;
  const quarterReason = filter.period ? null : fallback.reason;
  const asOf = asOfDay(quarter, today);
  const stats = quarterlyStatistics(await store.governance.statisticsHazards(quarter, asOf, unitIds));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const lines = [...stats.byUnit]
    .map(([id, line]) => ({ unitName: names.get(id) ?? String(id), line }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));

  const statusWord = filter.status === 'overdue' ? '逾期' : filter.status === 'open' ? '未销号' : filter.status ? STATUS_LABELS[filter.status] : null;
  const filterWords = [
    ...(filter.period ? [filter.period.label] : []),
    ...filter.units,
    ...(filter.level ? [`${LEVEL_LABELS[filter.level]}隐患`] : []),
    ...(statusWord ? [statusWord] : []),
  ];
  const due = statisticsDueOn(quarter);
  const book = buildLedgerWorkbook({
    now, filterWords, hazards, assessment, assessmentRules: config.governance.assessment, scope: unitIds, countyRanks,
    statistics: { quarter, due, asOf, lines, total: stats.total, parity: await parityReport(store, quarter, asOf, config.governance, unitIds) },
  });
  // the enforcement records of the units and period exported: who decided what against whom (#16)
  const from = filter.period ? atLocal(`${filter.period.from} 00:00`) : new Date(0);
  const to = filter.period ? atLocal(`${addDays(filter.period.to, 1)} 00:00`) : new Date(now.getTime() + 1);
  const records = (await store.enforcement.between(from, to)).filter((r) => !unitIds || unitIds.includes(r.unitId));
  addEnforcementSheet(book, records, now);
  // one sheet per imported 问题清单, in the form of its 整改报告 (#15), for the units in scope
  for (const batch of await store.problemLists.imported()) {
    const rows = await reportRows(store, batch, today, unitIds);
    if (rows.length > 0) addReportSheet(book, zh.problemList.report.ledgerSheet(batch.code ?? ''), batch, rows, now);
  }
  const file = { name: `台账-${dayjs(now).tz(ZONE).format('YYYYMMDD-HHmmss')}.xlsx`, data: await workbookBytes(book) };
  return { ok: true, file, count: hazards.length, filterWords, quarter, due, asOf, quarterReason };
}
