import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { loadExcel, utf8WorkbookReader, type ExcelJS } from '../../common/files/excel';
import {
  GENDER_LABELS,
  GENDERS,
  POLITICAL_STATUS_LABELS,
  POLITICAL_STATUSES,
  isValidDate,
  type Gender,
  type PoliticalStatus,
  POLITICAL_STATUS_ALIASES,
  VOLUNTEER_IMPORT_COLUMNS,
} from '@wenming/shared';
import { PHONE_PATTERN } from '@wenming/shared';
import { ID_NUMBER_PATTERN } from './dto/volunteer.dto';

/** Columns of the import sheet: Chinese headers (as in the template) or the API's field names. */
export const IMPORT_COLUMNS = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机', 'phone'],
  gender: ['性别', 'gender'],
  birthDate: ['出生日期', 'birthDate'],
  politicalStatus: ['政治面貌', 'politicalStatus'],
  skills: ['特长', '技能', 'skills'],
  site: ['所属站点', '站点', 'site', 'siteName'],
  idNumber: ['身份证号', 'idNumber'],
  team: ['队伍', 'team', 'teamName'],
} as const;
type Column = keyof typeof IMPORT_COLUMNS;

export interface ImportRow {
  row: number; // 1-based line in the sheet, header = 1
  name: string;
  phone: string | null;
  gender: Gender | null;
  birthDate: string | null;
  politicalStatus: PoliticalStatus | null;
  skills: string[];
  site: string | null;
  idNumber: string | null;
  team: string | null;
}

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

function fromLabel<T extends string>(value: string, values: readonly T[], labels: Record<T, string>): T | undefined {
  if ((values as readonly string[]).includes(value)) return value as T;
  return values.find((v) => labels[v] === value);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
  }
  return String(v);
}

/** Limits of one import, enforced while reading so no upload costs more than a second or a few MB of memory. */
export const IMPORT_LIMITS = {
  /** data rows (non-blank lines after the header) */
  maxRows: 10_000,
  /** highest row index (1-based, header included; blank lines count) and lines of a CSV */
  maxRowIndex: 20_000,
  /** highest column of the header */
  maxColumns: 100,
  /** an .xlsx (zip) may inflate to at most this many bytes in all, and hold at most this many entries */
  maxInflatedBytes: 20 * 1024 * 1024,
  maxZipEntries: 500,
} as const;

/** A file refused for its size or shape; the service turns it into a 400/413 with this text. */
export class ImportFileError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** A sheet record with its 1-based row in the file (header = 1). */
export interface SheetRecord {
  row: number;
  rec: Record<string, string>;
}

const tooManyRows = () => new ImportFileError(413, `一次最多导入 ${IMPORT_LIMITS.maxRows} 行数据，请分批导入`);
const rowIndexTooHigh = (row: number) => new ImportFileError(413, `表格第 ${row} 行超出上限（最多 ${IMPORT_LIMITS.maxRowIndex} 行，含空行），请删除多余的行后分批导入`);

/** A buffer as a stream of small chunks, so parsing yields to other requests between chunks. */
function chunked(buffer: Buffer, size = 64 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= buffer.length) return void this.push(null);
      const end = Math.min(offset + size, buffer.length);
      this.push(buffer.subarray(offset, end));
      offset = end;
    },
  });
}

/**
 * Check a zip (xlsx) without trusting it: the central directory's entry count and declared inflated sizes first
 * (a 1 MB bomb declares its gigabyte and is refused in microseconds), then each entry is inflated with a hard output
 * cap (zlib `maxOutputLength`), so an archive that lies about its sizes is stopped at the cap as well.
 */
export function assertZipWithinLimits(buf: Buffer): void {
  const unreadable = () => new ImportFileError(400, '文件无法读取，请用模板另存为 .xlsx 或 UTF-8 编码的 .csv');
  const tooBig = () => new ImportFileError(413, `表格解压后超过 ${IMPORT_LIMITS.maxInflatedBytes / 1024 / 1024} MB，请删除多余内容或分批导入`);
  // end of central directory: 22 bytes + comment (≤ 65,535), signature 0x06054b50
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw tooBig(); // zip64: far beyond any sheet we accept
  if (entries > IMPORT_LIMITS.maxZipEntries) throw new ImportFileError(413, `压缩包内文件过多（${entries} 个），这不是正常的 .xlsx 表格`);
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw unreadable();
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    total += declared;
    if (declared === 0xffffffff || total > IMPORT_LIMITS.maxInflatedBytes) throw tooBig();
    // the local header's own name/extra lengths locate the data
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (method === 8) {
      try {
        // the cap is the declared size: inflating more than declared is a lie (and is stopped right there)
        inflateRawSync(data, { maxOutputLength: Math.max(declared, 1) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooBig();
        throw unreadable();
      }
    } else if (method !== 0) throw unreadable();
    p += 46 + nameLen + extraLen + commentLen;
  }
}

async function readXlsx(buffer: Buffer): Promise<SheetRecord[]> {
  assertZipWithinLimits(buffer);
  // exceljs' own streaming reader splits a Chinese character that straddles two inflated chunks (U+FFFD): see excel.ts
  const reader = await utf8WorkbookReader(chunked(buffer), {
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers styled as dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const out: SheetRecord[] = [];
  let headers: string[] | undefined;
  let dataRows = 0;
  let last = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const r = Number.isFinite(row.number) && row.number > 0 ? row.number : last + 1;
      last = r;
      if (r > IMPORT_LIMITS.maxRowIndex) throw rowIndexTooHigh(r);
      if (!headers) {
        headers = []; // the first row present is the header
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          if (col <= IMPORT_LIMITS.maxColumns) headers![col] = cellText(cell.value).trim();
        });
        continue;
      }
      const rec: Record<string, string> = {};
      let blank = true;
      headers.forEach((h, col) => {
        if (!h) return;
        const text = cellText(row.getCell(col).value).trim();
        rec[h] = text;
        if (text) blank = false;
      });
      if (blank) continue;
      if (++dataRows > IMPORT_LIMITS.maxRows) throw tooManyRows();
      out.push({ row: r, rec });
    }
    break; // the first worksheet only
  }
  return out;
}

/** Let other requests run: parsing and checking thousands of rows yields the event loop every few hundred. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * CSV (RFC 4180: quotes, "" escapes, line breaks inside quotes, CRLF or LF, UTF-8 with or without BOM) in one pass
 * over the text, yielding the event loop every 500 records; blank lines cost one comparison and keep their row number.
 */
async function readCsv(buffer: Buffer): Promise<SheetRecord[]> {
  // count lines first (a byte scan, ~1 ms per MB): a file of millions of blank lines is refused before any parsing
  let lines = 1;
  for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a, i + 1)) {
    if (++lines > IMPORT_LIMITS.maxRowIndex) throw rowIndexTooHigh(lines);
  }
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\ufffd')) throw new ImportFileError(400, '文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx');
  const out: SheetRecord[] = [];
  let headers: string[] | undefined;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n || (i === n && !headers)) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    // one record
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === 0x22) {
          if (text.charCodeAt(i + 1) === 0x22) {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (c === 0x0a) line++;
        field += text[i++];
        if (field.length > 10_000) throw new ImportFileError(400, `第 ${startLine} 行的内容过长（引号未闭合？）`);
        continue;
      }
      if (c === 0x22 && field.trim() === '') {
        quoted = true;
        field = '';
        i++;
      } else if (c === 0x2c) {
        fields.push(field);
        field = '';
        i++;
      } else if (c === 0x0a || c === 0x0d) {
        fields.push(field);
        if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
        i++;
        line++;
        break;
      } else {
        field += text[i++];
      }
    }
    if (quoted) throw new ImportFileError(400, `第 ${startLine} 行的引号没有闭合`);
    if (fields.length > IMPORT_LIMITS.maxColumns) throw new ImportFileError(400, `第 ${startLine} 行超过 ${IMPORT_LIMITS.maxColumns} 列`);
    if (!headers) {
      headers = fields.map((h) => h.trim());
      continue;
    }
    if (fields.every((f) => !f.trim())) continue; // blank line or empty record
    const rec: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h) rec[h] = (fields[col] ?? '').trim();
    });
    if (out.length >= IMPORT_LIMITS.maxRows) throw tooManyRows();
    out.push({ row: startLine, rec });
    if (out.length % 500 === 0) await yieldToOthers();
    if (i >= n) break;
  }
  return out;
}

/**
 * Parse an uploaded .csv or .xlsx into raw string records keyed by header, streaming, with the limits above enforced
 * while reading (rows, row index, inflated size). Blank lines are skipped and keep their place in the row numbers.
 */
export async function readSheet(buffer: Buffer, filename: string): Promise<SheetRecord[]> {
  return /\.xlsx$/i.test(filename) ? readXlsx(buffer) : readCsv(buffer);
}

/** Validate and normalise records; every problem becomes an error with its row and field. */
export async function normaliseRows(records: SheetRecord[]): Promise<{ rows: ImportRow[]; errors: ImportError[] }> {
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const pick = (rec: Record<string, string>, c: Column) => {
    for (const k of IMPORT_COLUMNS[c]) if (rec[k] !== undefined && rec[k] !== '') return rec[k].trim();
    return '';
  };
  const seenPhones = new Map<string, number>();
  const seenIds = new Map<string, number>();
  let n = 0;
  for (const { row, rec } of records) {
    if (++n % 500 === 0) await yieldToOthers();
    if (Object.values(rec).every((v) => !v)) continue; // blank line
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const name = pick(rec, 'name');
    if (!name) err('姓名', '姓名不能为空');
    else if (name.length > 50) err('姓名', '姓名最多 50 个字');
    const phone = pick(rec, 'phone').replace(/\s|-/g, '') || null;
    if (phone && !PHONE_PATTERN.test(phone)) err('手机号', `手机号“${phone}”不是 11 位大陆手机号`);
    if (phone && seenPhones.has(phone)) err('手机号', `手机号与第 ${seenPhones.get(phone)} 行重复`);
    if (phone) seenPhones.set(phone, row);
    const g = pick(rec, 'gender');
    const gender = g ? fromLabel(g, GENDERS, GENDER_LABELS) : undefined;
    if (g && !gender) err('性别', `性别“${g}”应为 男 或 女`);
    const birth = pick(rec, 'birthDate').replace(/[/.]/g, '-');
    const birthDate = birth ? birth.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`) : null;
    if (birthDate && !isValidDate(birthDate)) err('出生日期', `出生日期“${birth}”应为 YYYY-MM-DD`);
    const p = pick(rec, 'politicalStatus');
    const politicalStatus = p ? fromLabel(POLITICAL_STATUS_ALIASES[p] ?? p, POLITICAL_STATUSES, POLITICAL_STATUS_LABELS) : undefined;
    if (p && !politicalStatus) err('政治面貌', `政治面貌“${p}”不在可选范围（${Object.values(POLITICAL_STATUS_LABELS).join('、')}）`);
    const idNumber = pick(rec, 'idNumber').toUpperCase() || null;
    if (idNumber && !ID_NUMBER_PATTERN.test(idNumber)) err('身份证号', '身份证号必须是 18 位');
    if (idNumber && seenIds.has(idNumber)) err('身份证号', `身份证号与第 ${seenIds.get(idNumber)} 行重复`);
    if (idNumber) seenIds.set(idNumber, row);
    const skills = pick(rec, 'skills')
      .split(/[,，、;；\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    rows.push({
      row,
      name,
      phone,
      gender: gender ?? null,
      birthDate: birthDate && isValidDate(birthDate) ? birthDate : null,
      politicalStatus: politicalStatus ?? null,
      skills,
      site: pick(rec, 'site') || null,
      idNumber,
      team: pick(rec, 'team') || null,
    });
  }
  return { rows, errors };
}

/** The import template (issue 11): sheet 志愿者 with the exact headers and one example row, sheet 填写说明 with what each column accepts. */
export async function importTemplate(): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  const ws = wb.addWorksheet('志愿者');
  ws.addRow(VOLUNTEER_IMPORT_COLUMNS.map((c) => c.header));
  ws.addRow(VOLUNTEER_IMPORT_COLUMNS.map((c) => c.example));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = Math.max(10, VOLUNTEER_IMPORT_COLUMNS[i].header.length * 2 + 6);
    col.numFmt = '@'; // text: phones and ID numbers keep every digit
  });
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列', '必填', '可填的值']);
  help.getRow(1).font = { bold: true };
  for (const c of VOLUNTEER_IMPORT_COLUMNS) help.addRow([c.header, c.required ? '是' : '否', c.accepts]);
  help.addRow([]);
  help.addRow(['说明', '', '第一行是表头，请勿修改；从第二行起每行一名志愿者（示例行可直接改写或删除）。任何一行有错都不会导入，系统会列出全部错误。']);
  help.getColumn(1).width = 12;
  help.getColumn(2).width = 6;
  help.getColumn(3).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
