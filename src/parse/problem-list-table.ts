/**
 * Reads a 问题清单 as inspection teams hand it over: a title row or two (often merged across the
 * sheet), a header row that is not on line 1, columns named in a dozen ways, a unit cell merged
 * over its several problems, dates typed as Excel dates or as text, sometimes a second sheet.
 * Pure: the workbook is turned into grids by the caller (src/features/read-problem-list-workbook.ts).
 */
import { parseDeadlineValue } from './parse-deadline.ts';
import type { HazardLevel, LocalDate } from '../domain/types.ts';

/** One cell as read: text, a date (an Excel date cell), a number, or empty. Merged cells carry their master's value. */
export type GridCell = string | number | Date | null;

export interface SheetGrid {
  name: string;
  /** rows[0] is the sheet's row 1 */
  rows: GridCell[][];
  /** what the reader left out of a sheet past its size limit: rows and columns that hold something */
  cut?: SheetCut;
}

/** A sheet cut at the reader's limit: how many rows, and columns, with content were not read. */
export interface SheetCut {
  sheet: string;
  /** the last row and column read */
  maxRows: number;
  maxColumns: number;
  rows: number;
  columns: number;
}

export type ListColumn = 'seq' | 'unit' | 'description' | 'location' | 'category' | 'level' | 'measures' | 'owner' | 'deadline';

/** The usual names of each column, as 督查组 and departments write them. Compared without spaces and brackets. */
const HEADER_NAMES: Record<ListColumn, readonly string[]> = {
  seq: ['序号', '编号', '序', '号'],
  unit: ['单位', '责任单位', '被检查单位', '受检单位', '检查单位名称', '单位名称', '企业名称', '企业', '检查对象', '所属单位', '整改单位', '场所名称'],
  description: ['问题', '存在问题', '存在的问题', '隐患描述', '问题描述', '隐患内容', '隐患问题', '主要问题', '发现问题', '问题隐患', '隐患', '问题及隐患', '隐患名称', '检查发现问题'],
  location: ['位置', '部位', '隐患部位', '隐患位置', '具体位置'],
  category: ['行业', '类别', '行业类别', '隐患类别', '所属行业', '行业领域', '领域', '类型'],
  level: ['等级', '隐患等级', '级别', '隐患级别'],
  measures: ['整改措施', '整改要求', '整改建议', '措施', '整改意见'],
  owner: ['责任人', '整改责任人', '负责人', '整改负责人', '具体责任人'],
  deadline: ['时限', '整改时限', '整改期限', '完成时限', '期限', '完成时间', '整改完成时间', '整改时间', '完成期限', '截止时间', '截止日期'],
};

/** A header row names at least a description column and one other. */
const HEADER_SCAN_ROWS = 15;

function headerKey(text: string): string {
  return text.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*※:：]/g, '');
}

/** Which column a header cell names: an exact usual name first, else the longest usual name it contains. */
export function matchHeader(text: string): ListColumn | null {
  const key = headerKey(text);
  if (!key || key.length > 12) return null;
  for (const column of Object.keys(HEADER_NAMES) as ListColumn[]) if (HEADER_NAMES[column].includes(key)) return column;
  let best: { column: ListColumn; length: number } | null = null;
  for (const column of Object.keys(HEADER_NAMES) as ListColumn[]) {
    for (const name of HEADER_NAMES[column]) {
      if (name.length >= 2 && key.includes(name) && (!best || name.length > best.length)) best = { column, length: name.length };
    }
  }
  return best?.column ?? null;
}

/** One problem of the list as written, before it is matched to the roster. */
export interface ListRow {
  /** sheet and row (`问题清单 第5行`), or `第3项` for a pasted list */
  origin: string;
  /** 序号 as written, or the running number */
  label: string;
  unit: string;
  description: string;
  location: string | null;
  category: string | null;
  level: HazardLevel;
  measures: string | null;
  owner: string | null;
  deadline: LocalDate | null;
  /** a deadline written but not readable as a day (`立即整改`, `长期坚持`) */
  deadlineText: string | null;
}

export interface ListTable {
  /** the title row above the header, if any (`省安委会第三督查组安全生产督查问题清单`) */
  title: string | null;
  /** every text above the first header (title, 督查时间, 督查组): where the list came from */
  preamble: string;
  rows: ListRow[];
  /** sheets read, and sheets without a header that were left out */
  sheetsRead: string[];
  sheetsSkipped: string[];
  /** sheets read only in part: too many rows or columns */
  cuts: SheetCut[];
}

function cellText(cell: GridCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(/\s+/g, ' ').trim();
}

/** An Excel date cell holds the local day at UTC midnight; a bare number is an Excel serial day. */
function cellDate(cell: GridCell | undefined): LocalDate | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number' && cell > 30000 && cell < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

/** `2026年12月15日`, `2026.12.15`, `2026/12/15`, `12月15日前`, `3天内`: the day, or null. */
export function readDeadline(text: string, now: Date): LocalDate | null {
  // `立即整改`, `长期坚持` in a list are demands, not days: the department names the day
  if (/立即|马上|即刻|立行立改|长期|持续|常态/.test(text)) return null;
  const full = /(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})/.exec(text);
  if (full) {
    const [, y, m, d] = full;
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return parseDeadlineValue(text, now);
}

function findHeader(rows: readonly GridCell[][]): { index: number; columns: Map<number, ListColumn> } | null {
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const columns = new Map<number, ListColumn>();
    const taken = new Set<ListColumn>();
    (rows[i] ?? []).forEach((cell, c) => {
      if (typeof cell !== 'string') return;
      const column = matchHeader(cell);
      // a merged title reads the same in every cell: only its first cell counts, and it is no header
      if (column && !taken.has(column)) {
        columns.set(c, column);
        taken.add(column);
      }
    });
    if (taken.has('description') && taken.size >= 2) return { index: i, columns };
  }
  return null;
}

/** `同上`, `〃`: the cell above's value. */
const DITTO = /^(?:同上|〃|”|")$/;
/** Rows below the list that are not problems: totals, notes, signatures. */
const FOOTER = /^(?:合计|小计|总计|备注|说明|注[:：]|填表人|审核人|联系人|制表)/;

/** Reads every sheet that has a header row; the title is the first text above the first header. */
export function readListTable(sheets: readonly SheetGrid[], now: Date): ListTable | null {
  const table: ListTable = { title: null, preamble: '', rows: [], sheetsRead: [], sheetsSkipped: [], cuts: [] };
  for (const sheet of sheets) {
    const header = findHeader(sheet.rows);
    if (!header) {
      if (sheet.rows.some((r) => r.some((c) => cellText(c) !== ''))) table.sheetsSkipped.push(sheet.name);
      continue;
    }
    table.sheetsRead.push(sheet.name);
    if (sheet.cut) table.cuts.push(sheet.cut);
    if (table.sheetsRead.length === 1) {
      const above = sheet.rows.slice(0, header.index).map((row) => row.map(cellText).find((t) => t !== '')).filter((t): t is string => Boolean(t));
      table.title = above[0] ?? null;
      table.preamble = above.join(' ');
    }
    const previous: Partial<Record<ListColumn, GridCell>> = {};
    for (let r = header.index + 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      const value: Partial<Record<ListColumn, GridCell>> = {};
      for (const [c, column] of header.columns) {
        const cell = row[c] ?? null;
        value[column] = typeof cell === 'string' && DITTO.test(cell.trim()) ? previous[column] ?? null : cell;
      }
      Object.assign(previous, value);
      const description = cellText(value.description);
      const first = row.map(cellText).find((t) => t !== '') ?? '';
      if (!description || FOOTER.test(first)) continue;
      // a header row repeated on a page break is no problem
      if (matchHeader(description) === 'description') continue;
      const deadlineWritten = cellText(value.deadline);
      const deadline = cellDate(value.deadline) ?? (deadlineWritten ? readDeadline(deadlineWritten, now) : null);
      const levelText = cellText(value.level);
      table.rows.push({
        origin: `${sheet.name} 第${r + 1}行`,
        label: cellText(value.seq) || String(table.rows.length + 1),
        unit: cellText(value.unit),
        description,
        location: cellText(value.location) || null,
        category: cellText(value.category) || null,
        level: /重大/.test(levelText) || /重大(?:事故)?隐患/.test(description) ? 'major' : 'general',
        measures: cellText(value.measures) || null,
        owner: cellText(value.owner).replace(/^@/, '') || null,
        deadline,
        deadlineText: deadline ? null : deadlineWritten || null,
      });
    }
  }
  return table.sheetsRead.length > 0 ? table : null;
}
