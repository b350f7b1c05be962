import type ExcelJS from 'exceljs';
import { loadOnFirstUse } from '../core/load-on-first-use.ts';

/** exceljs, loaded on the first workbook written or read. */
export const excel = loadOnFirstUse<typeof ExcelJS>('exceljs');
