/**
 * 整改报告 QD-0001: the item-by-item rectification report a county sends back to the inspection
 * team (序号 / 问题 / 责任单位 / 责任人 / 整改措施 / 整改时限 / 整改情况 / 完成状态 / 销号日期), as an
 * .xlsx written from the ledger and its history on the day asked. Also a sheet of the ledger export.
 */
import type ExcelJS from 'exceljs';
import { excel } from './exceljs.ts';
import { evidenceStore } from './evidence-store.ts';
import { excelDate, workbookBytes } from './ledger-workbook.ts';
import { addPhotoSheet, itemPhotos, type ItemPhoto } from './report-photos.ts';
import type { OutgoingFile } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import { dayjs, localDate, ZONE } from '../domain/calendar.ts';
import type { Batch } from '../domain/problem-list.ts';
import type { HazardEvent, HazardView, LocalDate } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

export const REPORT_COLUMNS = ['序号', '问题', '责任单位', '责任人', '整改措施', '整改时限', '整改情况', '完成状态', '销号日期'] as const;
const WIDTHS = [6, 40, 16, 10, 30, 12, 40, 12, 12];

/** One line of the report. */
export interface ReportRow {
  seq: number;
  description: string;
  unitName: string;
  ownerName: string;
  measures: string;
  deadline: LocalDate | null;
  /** what was done, from the history: the last progress or completion report, the acceptance */
  situation: string;
  state: string;
  closedOn: LocalDate | null;
  /** the photos the 整改照片 sheet shows for it */
  photos: ItemPhoto[];
}

/** 完成状态 as such reports say it. */
export function stateOf(hazard: HazardView | null, today: LocalDate): string {
  if (!hazard) return '待明确';
  if (hazard.status === 'closed') return '已完成';
  if (hazard.deadline < today) return '逾期未完成';
  if (hazard.status === 'pending_review') return '待验收';
  return hazard.status === 'rectifying' ? '整改中' : '未开始整改';
}

/** 整改情况: what the unit last reported it did, and the acceptance when there is one. */
export function situationOf(hazard: HazardView | null, events: readonly HazardEvent[]): string {
  if (!hazard) return '责任人、整改时限待监管部门明确';
  const reported = [...events].reverse().find((e) => (e.type === 'progress' || e.type === 'submitted') && e.text.trim() !== '');
  // `已送检 请验收`: the request is the unit's, not what was done
  const said = reported ? reported.text.trim().replace(/[\s，,。]*(?:请|申请)?验收[。！!]*$/, '') : '';
  if (hazard.status === 'closed') {
    const accepted = [...events].reverse().find((e) => e.type === 'accepted');
    return [said, `已验收销号${accepted?.actorName ? `（${accepted.actorName}）` : ''}`].filter(Boolean).join('；');
  }
  const progress = hazard.status === 'rectifying' && hazard.progress > 0 ? `进度${hazard.progress}%` : '';
  if (said) return progress ? `${said}（${progress}）` : said;
  return progress || (hazard.status === 'pending_review' ? '已报整改完成' : '尚未报告进度');
}

/** The report's rows for the units in `scope` (undefined: all), in the list's order. */
export async function reportRows(store: Store, batch: Batch, today: LocalDate, scope: readonly number[] | undefined): Promise<ReportRow[]> {
  const items = (await store.problemLists.items(batch.id)).filter((i) => scope === undefined || (i.unitId !== null && scope.includes(i.unitId)));
  const hazards = new Map((await store.hazards.byIds(items.flatMap((i) => (i.hazardId === null ? [] : [i.hazardId])))).map((h) => [h.id, h]));
  const units = new Map((await store.roster.units()).map((u) => [u.id, u.name]));
  const rows: ReportRow[] = [];
  for (const item of items) {
    const hazard = item.hazardId === null ? null : hazards.get(item.hazardId) ?? null;
    const events = hazard ? await store.hazards.events(hazard.id) : [];
    rows.push({
      seq: item.seq,
      description: item.description,
      unitName: hazard?.unitName ?? (item.unitId !== null ? units.get(item.unitId) : undefined) ?? item.unitWritten,
      ownerName: hazard?.ownerName ?? '',
      measures: hazard?.measures ?? item.measures ?? '',
      deadline: hazard?.deadline ?? null,
      situation: situationOf(hazard, events),
      state: stateOf(hazard, today),
      closedOn: hazard?.status === 'closed' ? hazard.closedOn : null,
      photos: itemPhotos(item.seq, item.description, events),
    });
  }
  return rows;
}

/** Adds the report sheet to a workbook: a merged title, the as-of line, the header, one row per item. */
export function addReportSheet(book: ExcelJS.Workbook, sheetName: string, batch: Batch, rows: readonly ReportRow[], now: Date): void {
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const title = sheet.addRow([zh.problemList.report.title(batch.title)]);
  sheet.mergeCells(1, 1, 1, REPORT_COLUMNS.length);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const done = rows.filter((r) => r.state === '已完成').length;
  sheet.addRow([zh.problemList.report.asOf(batch, localDate(now), rows.length, done, now)]);
  sheet.mergeCells(2, 1, 2, REPORT_COLUMNS.length);
  const header = sheet.addRow([...REPORT_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const r of rows) {
    const row = sheet.addRow([r.seq, r.description, r.unitName, r.ownerName, r.measures, excelDate(r.deadline), r.situation, r.state, excelDate(r.closedOn)]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  for (const col of [6, 9]) sheet.getColumn(col).numFmt = 'yyyy"年"m"月"d"日"';
  sheet.eachRow((row, n) => {
    if (n < 3) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
}

/**
 * Builds the report of one list, with the items' photos on a sheet of their own (read through the
 * evidence store, `dataDir` on SQLite: on PostgreSQL whichever instance received them), and returns
 * it as bytes named 整改报告-QD-0001-20261213-090000.xlsx, with its rows and how many photos it embeds.
 */
export async function buildRectificationReport(
  store: Store, batch: Batch & { code: string }, now: Date, dataDir: string, scope: readonly number[] | undefined,
): Promise<{ file: OutgoingFile; rows: ReportRow[]; photos: number }> {
  const rows = await reportRows(store, batch, localDate(now), scope);
  const book = new (excel().Workbook)();
  addReportSheet(book, zh.problemList.report.sheetName, batch, rows, now);
  const { embedded } = await addPhotoSheet(book, rows.flatMap((r) => r.photos), evidenceStore(store, dataDir), now);
  const name = `整改报告-${batch.code}-${dayjs(now).tz(ZONE).format('YYYYMMDD-HHmmss')}.xlsx`;
  return { file: { name, data: await workbookBytes(book) }, rows, photos: embedded };
}
