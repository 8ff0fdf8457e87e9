import { once } from 'node:events';
import { PassThrough, Transform, type Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { ATTENDANCE_STATUS_LABELS, maskPhone, minutesToHours, type ExportFormat, type StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { contentDisposition, shanghaiDateTime } from '../../common/files/content-disposition';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { ResolvedFilter } from '../stats/stats-scope';
import { StatsService } from '../stats/stats.service';
import { ExportsRepository, type AttendanceExportRow } from './exports.repository';
import { BOM, ExportsService, MIME } from './exports.service';
import { loadExcel } from '../../common/files/excel';

/** The attendance detail export (考勤明细): streamed, memory flat whatever the size, phones masked. */

export const ATTENDANCE_HEADERS = [
  '活动日期',
  '活动名称',
  '队伍',
  '阵地',
  '乡镇',
  '志愿者',
  '手机号',
  '签到时间',
  '签退时间',
  '服务时长(分钟)',
  '服务时长(小时)',
  '状态',
];

@Injectable()
export class AttendanceExportService {
  constructor(
    private readonly repo: ExportsRepository,
    private readonly stats: StatsService,
    private readonly files: ExportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Attendance detail rows. CSV on PostgreSQL: `COPY (…) TO STDOUT WITH CSV` streamed through pg-copy-streams with
   * masking, labels and hours done in SQL, piped (back-pressured) to the response after the BOM, title and header
   * written by us — the rows never become JavaScript objects. XLSX, and CSV on the embedded database (PGlite
   * buffers a whole statement's output, so one COPY would hold the whole file in memory): streamed from a
   * server-side cursor (FETCH 1000 in a read-only transaction), written to
   * the response as they come: memory stays flat whatever the size. Scope is resolved before the first byte.
   */
  async streamAttendance(user: AuthUser, q: StatsFilter & { format: ExportFormat }, reply: FastifyReply, now = new Date()): Promise<void> {
    const { format, ...f } = q;
    const r = await this.stats.resolve(user, f);
    const stamp = `${r.filter.from ?? ''}${r.filter.from || r.filter.to ? '至' : ''}${r.filter.to ?? ''}`;
    reply.header('Content-Type', MIME[format]);
    reply.header(
      'Content-Disposition',
      contentDisposition(
        `志愿服务考勤明细${stamp ? `_${stamp}` : ''}.${format}`,
        `wenming-attendance${r.filter.from ? `-${r.filter.from}` : ''}${r.filter.to ? `-${r.filter.to}` : ''}.${format}`,
      ),
    );
    reply.header('Cache-Control', 'no-store');
    const title = [['志愿服务考勤明细'], [await this.files.describeFilter(r.filter)], [`生成时间：${shanghaiDateTime(now)}（北京时间）；手机号已脱敏`], []];
    // the file is written into this stream, which Fastify sends (compressed when the client asks) with back-pressure:
    // a write that fills it waits for 'drain'; a client that goes away destroys it ('close'), which ends the export
    const res = new PassThrough({ highWaterMark: 64 * 1024 });
    void reply.send(res);

    if (format === 'csv' && !this.config.embedded) return this.copyAttendanceCsv(r, res, title);

    let sink: { write(row: unknown[]): Promise<void>; drain?(): Promise<void>; end(): Promise<void> };
    if (format === 'csv') {
      const csv = stringify({ record_delimiter: 'windows' });
      csv.pipe(res);
      res.write(BOM);
      sink = {
        async write(row) {
          if (!csv.write(row)) await drain(csv, res);
        },
        async end() {
          csv.end();
          await once(csv, 'end');
        },
      };
    } else {
      const ExcelJS = await loadExcel();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: false });
      const ws = wb.addWorksheet('考勤明细');
      sink = {
        async write(row) {
          ws.addRow(row).commit();
        },
        async drain() {
          // exceljs' sheet stream writes into the zip entry without honouring back-pressure: wait for the entry's
          // input (deflated on the thread pool) as well as for the response, or rows pile up in memory while
          // deflate lags behind (+120 MB at 230k rows before this)
          for (const pipe of sheetPipes(ws)) if (pipe._writableState?.needDrain) await once(pipe, 'drain');
          if (res.writableNeedDrain) await once(res, 'drain');
        },
        async end() {
          ws.commit();
          await wb.commit();
        },
      };
    }
    try {
      for (const t of title) await sink.write(t);
      await sink.write(ATTENDANCE_HEADERS);
      await this.repo.forEachAttendanceBatch(r, async (rows) => {
        for (const x of rows) await sink.write(attendanceLine(x));
        await sink.drain?.();
      });
      await sink.end();
      if (!res.writableEnded) res.end();
    } catch (err) {
      res.destroy(err as Error);
    }
  }

  /** CSV through COPY TO STDOUT: BOM + title + header first, then the server's own CSV with CRLF record ends. */
  private async copyAttendanceCsv(r: ResolvedFilter, res: Writable, title: string[][]): Promise<void> {
    try {
      res.write(BOM + stringifySync([...title, ATTENDANCE_HEADERS], { record_delimiter: 'windows' }));
      await this.repo.copyAttendanceCsv(r, crlf(), res);
    } catch (err) {
      res.destroy(err as Error);
    }
  }
}

/** A readable-stream (v2/v3, archiver's) writable side: no writableNeedDrain, but the same state and 'drain'. */
type EntryInput = NodeJS.EventEmitter & { _writableState?: { needDrain: boolean } };

/**
 * The streams exceljs pipes a worksheet's XML into: archiver's PassThrough in front of the entry's deflate. exceljs'
 * StreamBuf ignores their write() answer, so the export waits on them itself.
 */
function sheetPipes(ws: unknown): EntryInput[] {
  const stream = (ws as { stream?: { pipes?: EntryInput[] } }).stream;
  return stream?.pipes ?? [];
}

/** Wait until the stringifier drains (the response consumed it) or the client went away; no listener left behind. */
function drain(src: Writable, res: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      src.off('drain', done);
      res.off('close', done);
      resolve();
    };
    src.once('drain', done);
    res.once('close', done);
  });
}

export function attendanceLine(x: AttendanceExportRow): unknown[] {
  return [
    x.day,
    x.title,
    x.team,
    x.site,
    x.town,
    x.name,
    maskPhone(x.phone) ?? '',
    x.check_in ?? '',
    x.check_out ?? '',
    x.minutes ?? '',
    x.minutes === null ? '' : minutesToHours(x.minutes),
    ATTENDANCE_STATUS_LABELS[x.status] ?? x.status,
  ];
}

/** LF → CRLF (COPY ends records with LF; the file has always used CRLF, as csv-stringify's 'windows'). */
export function crlf(): Transform {
  const LF = 0x0a;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      let n = 0;
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) n++;
      if (!n) return cb(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length + n);
      let from = 0;
      let at = 0;
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
        at += chunk.copy(out, at, from, i);
        out[at++] = 0x0d;
        out[at++] = LF;
        from = i + 1;
      }
      chunk.copy(out, at, from);
      cb(null, out);
    },
  });
}
