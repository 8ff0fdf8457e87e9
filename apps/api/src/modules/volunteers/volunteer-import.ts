import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
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

/** Parse an uploaded .csv or .xlsx into raw string records keyed by header. */
export async function readSheet(buffer: Buffer, filename: string): Promise<Array<Record<string, string>>> {
  if (/\.xlsx$/i.test(filename)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const headers: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = cellText(cell.value).trim()));
    const out: Array<Record<string, string>> = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const rec: Record<string, string> = {};
      headers.forEach((h, col) => {
        if (h) rec[h] = cellText(row.getCell(col).value).trim();
      });
      out.push(rec);
    }
    return out;
  }
  return parse(buffer, { columns: (h: string[]) => h.map((x) => x.trim()), bom: true, skip_empty_lines: false, trim: true, relax_column_count: true });
}

/** Validate and normalise records; every problem becomes an error with its row and field. */
export function normaliseRows(records: Array<Record<string, string>>): { rows: ImportRow[]; errors: ImportError[] } {
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const pick = (rec: Record<string, string>, c: Column) => {
    for (const k of IMPORT_COLUMNS[c]) if (rec[k] !== undefined && rec[k] !== '') return rec[k].trim();
    return '';
  };
  const seenPhones = new Map<string, number>();
  const seenIds = new Map<string, number>();
  records.forEach((rec, i) => {
    const row = i + 2;
    if (Object.values(rec).every((v) => !v)) return; // blank line
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const name = pick(rec, 'name');
    if (!name) err('姓名', '姓名不能为空');
    else if (name.length > 50) err('姓名', '姓名最多 50 个字');
    const phone = pick(rec, 'phone').replace(/\s|-/g, '') || null;
    if (phone && !/^1[3-9]\d{9}$/.test(phone)) err('手机号', `手机号“${phone}”不是 11 位大陆手机号`);
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
  });
  return { rows, errors };
}

/** The import template (issue 11): sheet 志愿者 with the exact headers and one example row, sheet 填写说明 with what each column accepts. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
