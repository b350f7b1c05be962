import type ExcelJS from 'exceljs';
import { excel } from './exceljs.ts';
import type { GridCell, SheetCut, SheetGrid } from '../parse/problem-list-table.ts';

/**
 * More rows than any inspection list has: a runaway sheet (formatting to row 1,048,576) is cut
 * here. Rows and columns past the limit that hold something are counted, and the preview says so.
 */
export const MAX_ROWS = 2000;
export const MAX_COLUMNS = 40;

const filled = (value: ExcelJS.CellValue) => {
  const v = valueOf(value);
  return v !== null && String(v).trim() !== '';
};

/** Rows and columns with content past the limits: what reading the sheet left out. */
function cutOf(sheet: ExcelJS.Worksheet): SheetCut | null {
  let rows = 0;
  const columns = new Set<number>();
  sheet.eachRow((row, r) => {
    let beyond = false;
    row.eachCell((cell, c) => {
      if (!filled(cell.value)) return;
      if (r > MAX_ROWS) beyond = true;
      else if (c > MAX_COLUMNS) columns.add(c);
    });
    if (beyond) rows++;
  });
  return rows > 0 || columns.size > 0 ? { sheet: sheet.name, maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS, rows, columns: columns.size } : null;
}

/** What a cell shows, as text, a date or a number: rich text joined, formulas by their result, hyperlinks by their text. */
function valueOf(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return valueOf((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return null;
}

/**
 * The sheets of an .xlsx as grids of cell values, every cell of a merged range carrying the
 * range's value (a unit merged over its three problems belongs to each of them).
 */
export async function readWorkbookGrids(data: Buffer): Promise<SheetGrid[]> {
  const book = new (excel().Workbook)();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const grids: SheetGrid[] = [];
  book.eachSheet((sheet) => {
    const rows: GridCell[][] = [];
    const last = Math.min(sheet.rowCount, MAX_ROWS);
    const width = Math.min(sheet.columnCount, MAX_COLUMNS);
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      const cells: GridCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        cells.push(valueOf(cell.isMerged ? cell.master.value : cell.value));
      }
      rows.push(cells);
    }
    const cut = sheet.rowCount > MAX_ROWS || sheet.columnCount > MAX_COLUMNS ? cutOf(sheet) : null;
    grids.push({ name: sheet.name, rows, ...(cut ? { cut } : {}) });
  });
  return grids;
}
