import type * as ExcelJS from 'exceljs';

export type { ExcelJS };
type ExcelModule = typeof ExcelJS;

let loading: Promise<ExcelModule> | undefined;

/**
 * exceljs, loaded on the first spreadsheet this process reads or writes instead of at start: with its dependency
 * tree (archiver, jszip, unzipper, saxes, …) it is ~28 MB of RSS that an API process serving no XLSX never needs
 * (issue 15: the idle footprint is what the CSV export's peak RSS stands on). Loaded once, then cached.
 */
export function loadExcel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((m) => ((m as { default?: ExcelModule }).default ?? m) as ExcelModule);
  return loading;
}
