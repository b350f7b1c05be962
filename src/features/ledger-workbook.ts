import type ExcelJS from 'exceljs';
import { excel } from './exceljs.ts';
import type { AssessmentReport } from './governance-facts.ts';
import type { AssessmentRules, Ranked } from '../domain/assessment.ts';
import type { RankedUnit } from '../domain/briefing.ts';
import { localDate } from '../domain/calendar.ts';
import { LEVEL_LABELS } from '../domain/lifecycle.ts';
import type { Period } from '../domain/period.ts';
import type { Parity, ParityRow } from '../domain/parity.ts';
import { PLAN_PARTS } from '../domain/plan.ts';
import { rate, type StatisticsLine } from '../domain/statistics.ts';
import type { LocalDate } from '../domain/types.ts';
import type { LedgerHazard } from '../db/governance-repository.ts';
import { ENFORCEMENT_LABELS, type EnforcementRecord } from '../domain/enforcement.ts';
import { enforcementSheetTexts as E } from '../i18n/enforcement-texts.ts';
import { zh } from '../i18n/zh-CN.ts';

/** What the workbook shows; gathered by export-ledger.ts. */
export interface LedgerWorkbookInput {
  now: Date;
  /** the filters, as words for the title: 2026年第四季度, 红星化工, 重大 */
  filterWords: string[];
  hazards: LedgerHazard[];
  assessment: AssessmentReport;
  assessmentRules: AssessmentRules;
  /** unit ids the assessment sheet may show (the exporter's scope); undefined: all */
  scope: readonly number[] | undefined;
  /** whether the reader may see the county's ranking (as 排名 shows it); else the rank cells stay empty */
  countyRanks: boolean;
  statistics: {
    quarter: Period;
    due: LocalDate;
    asOf: LocalDate;
    lines: Array<{ unitName: string; line: StatisticsLine }>;
    total: StatisticsLine;
    /** government projects beside enterprises over the same quarter and scope */
    parity: Parity;
  };
}

/** A local date as an Excel date cell: UTC midnight, so it reads back as the same day anywhere. */
/** A workbook as the bytes of its .xlsx file (what the outbox keeps and a channel sends). */
export async function workbookBytes(book: ExcelJS.Workbook): Promise<Buffer> {
  const bytes: unknown = await book.xlsx.writeBuffer();
  // on Node ExcelJS hands back a Buffer already: no copy of a 15 MB report
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as ArrayBuffer);
}

export function excelDate(date: LocalDate | null): Date | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
}

function title(sheet: ExcelJS.Worksheet, text: string, columns: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  row.font = { bold: true, size: 14 };
  row.alignment = { horizontal: 'center' };
}

const LEDGER_WIDTHS = [6, 10, 18, 10, 6, 40, 16, 30, 10, 12, 12, 16, 8, 16, 10, 12, 10, 12, 24];

function ledgerSheet(book: ExcelJS.Workbook, input: LedgerWorkbookInput): void {
  const columns = zh.ledger.columns;
  const sheet = book.addWorksheet(zh.ledger.sheets.ledger, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((_, i) => ({ width: LEDGER_WIDTHS[i] ?? 12 }));
  title(sheet, zh.ledger.title(input.filterWords, input.now), columns.length);
  styleHeader(sheet.addRow([...columns]));
  input.hazards.forEach((h, i) => {
    const row = sheet.addRow([
      i + 1, h.code, zh.ledger.unitCell(h, input.now), h.category, LEVEL_LABELS[h.level], h.description, h.location ?? null,
      h.measures ?? null, h.ownerName, excelDate(h.deadline), excelDate(h.originalDeadline), zh.ledger.status(h, input.now),
      h.progress / 100, zh.ledger.supervised(h) || null, h.reporterName, excelDate(localDate(h.createdAt)), h.acceptedBy,
      excelDate(h.closedOn), zh.ledger.sourceCell(h, h.campaignName, input.now),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    for (const col of [10, 11, 16, 18]) row.getCell(col).numFmt = 'yyyy-mm-dd';
    row.getCell(13).numFmt = '0%';
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
    });
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + input.hazards.length, column: columns.length } };
}

/** A row of the assessment; `rank` null where the county's ranking is not the reader's to see. */
function assessmentRow(kind: string, r: Ranked<RankedUnit>, rank: number | null): unknown[] {
  const a = r.assessment;
  return [
    rank, r.item.name, kind, a.score, a.veto ? '是' : null, a.found, a.closed, a.rectificationRate, a.onTime, a.due, a.onTimeRate,
    a.averageDaysToClose === null ? null : Math.round(a.averageDaysToClose * 10) / 10, a.overdue, a.rebounds,
    // 企业自查自改: found and fixed by the unit itself, the count and its share of what was found (the formula's F)
    a.selfClosed, a.selfCheckRate,
    zh.ledger.creditCell(r.item.flags) || null,
  ];
}

function assessmentSheet(book: ExcelJS.Workbook, input: LedgerWorkbookInput): void {
  const { assessment: report, scope, countyRanks } = input;
  const columns = zh.ledger.assessmentColumns;
  const sheet = book.addWorksheet(zh.ledger.sheets.assessment, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c === '名称' ? 18 : 10 }));
  title(sheet, zh.ledger.assessmentTitle(report.period, report.asOf), columns.length);
  styleHeader(sheet.addRow([...columns]));
  const visible = (r: Ranked<RankedUnit>) => scope === undefined || scope.includes(r.item.id);
  // a unit contact's own workbook shows its own row only; its county rank would tell it how the
  // units it may not see did, so ranks are left to those who may run 排名
  const rank = (r: Ranked<RankedUnit>) => (countyRanks ? r.rank : null);
  // units and departments are ranked apart, each section under its own heading
  const sections = [
    { heading: zh.ledger.assessmentSections.unit, rows: report.units.filter(visible).map((r) => assessmentRow(zh.ledger.assessmentKinds.unit, r, rank(r))) },
    { heading: zh.ledger.assessmentSections.department, rows: report.departments.filter(visible).map((r) => assessmentRow(zh.ledger.assessmentKinds.department, r, rank(r))) },
  ];
  for (const { heading, rows } of sections) {
    if (rows.length === 0) continue;
    const head = sheet.addRow([heading]);
    sheet.mergeCells(head.number, 1, head.number, columns.length);
    head.font = { bold: true };
    for (const values of rows) addAssessmentRow(sheet, values);
  }
  const notes = [zh.assessment.formula(input.assessmentRules), ...(countyRanks ? [] : [zh.ledger.rankCountyOnly])];
  for (const text of notes) {
    const note = sheet.addRow([text]);
    sheet.mergeCells(note.number, 1, note.number, columns.length);
  }
}

function addAssessmentRow(sheet: ExcelJS.Worksheet, values: unknown[]): void {
  const row = sheet.addRow(values);
  row.getCell(8).numFmt = '0.0%';
  row.getCell(11).numFmt = '0.0%';
  row.getCell(16).numFmt = '0.0%';
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = THIN;
  });
}

function statisticsValues(line: StatisticsLine): unknown[] {
  return [
    line.generalFound, line.generalClosed, rate(line.generalClosed, line.generalFound),
    line.majorFound, line.majorClosed, rate(line.majorClosed, line.majorFound),
    ...PLAN_PARTS.map((p) => line.majorPlanParts[p]),
    line.supervised, line.overdue,
  ];
}

function statisticsSheet(book: ExcelJS.Workbook, input: LedgerWorkbookInput): void {
  const { quarter, due, asOf, lines, total } = input.statistics;
  const columns = zh.ledger.statisticsColumns;
  const sheet = book.addWorksheet(zh.ledger.sheets.statistics, { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = columns.map((c, i) => ({ width: i === 1 ? 18 : c.length > 4 ? 12 : 9 }));
  title(sheet, zh.ledger.statisticsTitle(quarter), columns.length);
  const note = sheet.addRow([zh.ledger.statisticsNote(quarter, due, asOf)]);
  sheet.mergeCells(note.number, 1, note.number, columns.length);
  // two header rows: groups over their columns, 序号 and 单位 spanning both
  const [general, major, parts] = zh.ledger.statisticsGroups;
  const groups = sheet.addRow([columns[0], columns[1], general, null, null, major, null, null, parts, null, null, null, null, null, columns[14], columns[15]]);
  const heads = sheet.addRow([...columns]);
  const g = groups.number;
  sheet.mergeCells(g, 1, g + 1, 1);
  sheet.mergeCells(g, 2, g + 1, 2);
  sheet.mergeCells(g, 3, g, 5);
  sheet.mergeCells(g, 6, g, 8);
  sheet.mergeCells(g, 9, g, 14);
  sheet.mergeCells(g, 15, g + 1, 15);
  sheet.mergeCells(g, 16, g + 1, 16);
  styleHeader(groups);
  styleHeader(heads);
  const addLine = (values: unknown[]) => {
    const row = sheet.addRow(values);
    row.getCell(5).numFmt = '0.0%';
    row.getCell(8).numFmt = '0.0%';
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
    });
    return row;
  };
  lines.forEach(({ unitName, line }, i) => addLine([i + 1, unitName, ...statisticsValues(line)]));
  addLine([null, zh.ledger.total, ...statisticsValues(total)]).font = { bold: true };
  // the comparison means something for the county, or where the scope holds a government project
  if (input.scope === undefined || input.statistics.parity.government.units > 0) parityTable(sheet, input.statistics.parity, columns.length);
}

/** 政府投资项目与企业对照: the same quarter's figures side by side, under the statistics. */
function parityTable(sheet: ExcelJS.Worksheet, parity: Parity, width: number): void {
  sheet.addRow([]);
  const head = sheet.addRow([zh.ledger.parityTitle]);
  sheet.mergeCells(head.number, 1, head.number, width);
  head.font = { bold: true };
  styleHeader(sheet.addRow([null, ...zh.ledger.parityColumns]));
  const rows: Array<[string, ParityRow]> = [[zh.ledger.paritySides.government, parity.government], [zh.ledger.paritySides.enterprise, parity.enterprise]];
  for (const [label, r] of rows) {
    const row = sheet.addRow([null, label, r.units, r.found, r.closed, rate(r.closed, r.found), r.due, r.onTime, r.onTimeRate, r.overdue]);
    row.getCell(6).numFmt = '0.0%';
    row.getCell(9).numFmt = '0.0%';
    row.eachCell({ includeEmpty: false }, (cell) => {
      cell.border = THIN;
    });
  }
  const note = sheet.addRow([zh.ledger.parityNote(parity.projectNames)]);
  sheet.mergeCells(note.number, 1, note.number, width);
}

/**
 * The 执法记录 sheet: every enforcement record in the export's scope and period, oldest first, a
 * correction or a lift naming the record it concerns. Added only when there is one.
 */
export function addEnforcementSheet(book: ExcelJS.Workbook, records: readonly EnforcementRecord[], now: Date): void {
  if (records.length === 0) return;
  const codes = new Map(records.map((r) => [r.id, r.code]));
  const columns = E.columns;
  const sheet = book.addWorksheet(E.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [6, 10, 12, 18, 12, 28, 18, 20, 30, 10, 10, 14].map((width) => ({ width }));
  title(sheet, E.title(records.length), columns.length);
  styleHeader(sheet.addRow([...columns]));
  records.forEach((r, i) => {
    const refers = r.correctsId ?? r.liftsId;
    const row = sheet.addRow([
      i + 1, r.code, excelDate(localDate(r.at)), r.unitName, ENFORCEMENT_LABELS[r.kind], E.detail(r, now) || null, r.hazardCodes.join('、') || null,
      r.decisionNo, r.note || null, r.actorName, r.attachments.length, E.refers(r, refers !== null ? (codes.get(refers) ?? null) : null) || null,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(3).numFmt = 'yyyy-mm-dd';
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
    });
  });
}

/**
 * The county ledger (台账) as a workbook: the hazard ledger with the county's columns and an
 * autofilter, the assessment, and the quarterly statistics table a unit files.
 */
export function buildLedgerWorkbook(input: LedgerWorkbookInput): ExcelJS.Workbook {
  const book = new (excel().Workbook)();
  book.creator = '隐患清零';
  book.created = input.now;
  ledgerSheet(book, input);
  assessmentSheet(book, input);
  statisticsSheet(book, input);
  return book;
}
