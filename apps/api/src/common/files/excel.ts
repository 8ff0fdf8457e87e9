import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
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

type WorkbookReaderOptions = ConstructorParameters<ExcelModule['stream']['xlsx']['WorkbookReader']>[1];

/** The parts of exceljs 4.4.0's WorkbookReader (lib/stream/xlsx/workbook-reader.js) that the fix below wraps. */
interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/** Chunks of bytes as text, a character split between two chunks joined again (StringDecoder keeps the partial bytes). */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

let Utf8WorkbookReader: (new (input: Readable, options: WorkbookReaderOptions) => ExcelJS.stream.xlsx.WorkbookReader) | undefined;

/**
 * exceljs' streaming XLSX reader with whole characters. exceljs 4.4.0 turns every inflated chunk of a zip entry into
 * text on its own (`lib/utils/parse-sax.js`: `TextDecoder.decode(chunk)` without `{stream: true}`), so a Chinese
 * character (3 bytes in UTF-8) that straddles two chunks comes out as U+FFFD: 李秀兰 → 李��兰 in roughly one cell
 * per 16 KB chunk of shared strings or sheet XML (exceljs issues #2063, #2084, #2316; the fix PRs are unmerged).
 * This subclass hands exceljs text instead of bytes — the entries of the workbook's parts in string mode, the
 * worksheets (read straight from the zip or from exceljs' temporary file) through a StringDecoder — and exceljs
 * passes strings through untouched. It wraps private methods of exactly 4.4.0 (package.json pins it);
 * test/e2e/volunteer-import-cjk.e2e-spec.ts fails if an upgrade changes them and the split comes back.
 */
export async function utf8WorkbookReader(input: Readable, options: WorkbookReaderOptions): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  if (!Utf8WorkbookReader) {
    const { stream } = await loadExcel();
    const Base = stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: WorkbookReaderOptions) => ReaderInternals;
    class Utf8Reader extends Base {
      override _parseRels(entry: Readable) {
        return super._parseRels(entry.setEncoding('utf8'));
      }
      override _parseWorkbook(entry: Readable) {
        return super._parseWorkbook(entry.setEncoding('utf8'));
      }
      override _parseSharedStrings(entry: Readable) {
        return super._parseSharedStrings(entry.setEncoding('utf8'));
      }
      override _parseStyles(entry: Readable) {
        return super._parseStyles(entry.setEncoding('utf8'));
      }
      override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
        return super._parseWorksheet(utf8Chunks(iterator), sheetNo);
      }
      override _parseHyperlinks(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
        return super._parseHyperlinks(utf8Chunks(iterator), sheetNo);
      }
    }
    Utf8WorkbookReader = Utf8Reader as unknown as typeof Utf8WorkbookReader;
  }
  return new Utf8WorkbookReader!(input, options);
}
