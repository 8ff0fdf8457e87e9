import { stringify as stringifySync } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { loadExcel } from './excel';
import type { ExportFormat } from '@wenming/shared';
import { contentDisposition, shanghaiDateTime } from './content-disposition';

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface TableFile {
  buffer: Buffer;
  contentType: string;
  disposition: string;
}

/**
 * A small table as CSV (UTF-8 with BOM, CRLF) or XLSX: a title, a line of filters, the generation time, the header
 * and the rows. For bounded lists (a station's redemptions, deed awards, no-show rows); big exports stream instead.
 */
export async function tableFile(
  format: ExportFormat,
  t: { title: string; filter: string; header: string[]; rows: unknown[][]; fileName: string; asciiName: string; now?: Date },
): Promise<TableFile> {
  const now = t.now ?? new Date();
  const meta = [[t.title], [t.filter], [`生成时间：${shanghaiDateTime(now)}（北京时间）`], []];
  let buffer: Buffer;
  if (format === 'csv') {
    buffer = Buffer.from('\ufeff' + stringifySync([...meta, t.header, ...t.rows], { record_delimiter: 'windows' }), 'utf8');
  } else {
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Wenming';
    wb.created = now;
    const ws = wb.addWorksheet(t.title.slice(0, 31));
    meta.forEach((m) => ws.addRow(m));
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.addRow(t.header).font = { bold: true };
    t.rows.forEach((r) => ws.addRow(r));
    for (let i = 1; i <= t.header.length; i++) ws.getColumn(i).width = 16;
    buffer = Buffer.from(await wb.xlsx.writeBuffer());
  }
  return { buffer, contentType: MIME[format], disposition: contentDisposition(`${t.fileName}.${format}`, `${t.asciiName}.${format}`) };
}

/** Send a TableFile (or any generated file) as the answer, never cached. */
export function sendTableFile(reply: FastifyReply, f: Pick<TableFile, 'buffer' | 'contentType' | 'disposition'>): FastifyReply {
  return reply.header('Content-Type', f.contentType).header('Content-Disposition', f.disposition).header('Cache-Control', 'no-store').send(f.buffer);
}
