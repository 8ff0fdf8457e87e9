import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  ACTIVITY_CATEGORY_LABELS,
  ACTIVITY_KIND_LABELS,
  ATTENDANCE_STATUS_LABELS,
  STATS_BREAKDOWN_BY_LABELS,
  TEAM_TYPE_LABELS,
  maskPhone,
  minutesToHours,
  type ExportFormat,
  type ServiceDaysResponse,
  type StatsBreakdownBy,
  type StatsFilter,
} from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { ResolvedFilter } from '../stats/stats-scope';
import { ExportsRepository, type AttendanceExportRow } from './exports.repository';

// the SQL builders live in the repository; the export tests import them from here
export { attendanceCopySql, attendanceExportSql, inlineParams, type AttendanceExportRow } from './exports.repository';
import { StatsService } from '../stats/stats.service';
import { contentDisposition, shanghaiDateTime } from '../../common/files/content-disposition';

export const STATS_HEADERS = ['活动场次', '服务人次', '志愿者人数', '服务时长(小时)', '服务时长(分钟)', '覆盖群众人次'] as const;
export const SERVICE_DAY_HEADERS = ['日期', '星期', '活动场次', '服务人次', '志愿者人数', '服务时长(小时)', '服务时长(分钟)', '参与队伍数'] as const;
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
const BOM = '\ufeff';
const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

@Injectable()
export class ExportsService {
  constructor(
    private readonly repo: ExportsRepository,
    private readonly stats: StatsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 筛选条件 in words, with names instead of ids. */
  async describeFilter(f: StatsFilter): Promise<string> {
    const parts: string[] = [];
    parts.push(`时间：${f.from ?? '最早'} 至 ${f.to ?? '最近'}（按活动开始日期）`);
    const name = async (table: 'regions' | 'sites' | 'teams', id: string) => (await this.repo.nameOf(table, id)) ?? id;
    if (f.townId) parts.push(`乡镇：${await name('regions', f.townId)}`);
    if (f.siteId) parts.push(`阵地：${await name('sites', f.siteId)}（含下级）`);
    if (f.teamId) parts.push(`队伍：${await name('teams', f.teamId)}`);
    if (f.teamType) parts.push(`队伍类型：${TEAM_TYPE_LABELS[f.teamType]}`);
    if (f.category) parts.push(`服务类别：${ACTIVITY_CATEGORY_LABELS[f.category]}`);
    if (f.kind) parts.push(`活动类型：${ACTIVITY_KIND_LABELS[f.kind]}`);
    return `筛选条件：${parts.join('；')}`;
  }

  /** The statistics table as a file: title rows, header, one row per group, 合计. */
  async statsFile(user: AuthUser, q: StatsFilter & { by: StatsBreakdownBy; format: ExportFormat }, now = new Date()) {
    const { by, format, ...f } = q;
    const r = await this.stats.resolve(user, f);
    const b = await this.stats.breakdownResolved(r, by);
    const title = `${this.config.countyName}新时代文明实践志愿服务统计（按${STATS_BREAKDOWN_BY_LABELS[by]}）`;
    const meta = [[title], [await this.describeFilter(r.filter)], [`生成时间：${shanghaiDateTime(now)}（北京时间）`], []];
    const header = [STATS_BREAKDOWN_BY_LABELS[by], ...STATS_HEADERS];
    const line = (label: string, x: typeof b.total) => [label, x.activities, x.personTimes, x.volunteers, x.serviceHours, x.serviceMinutes, x.audienceReached];
    const body = b.rows.map((row) => line(row.label, row));
    const totalRow = line('合计', b.total);
    const note = [['说明：合计行的志愿者人数为筛选范围内去重人数，不等于各行之和；服务时长以分钟为准，小时数为四舍五入到一位小数。']];
    const base = `志愿服务统计_按${STATS_BREAKDOWN_BY_LABELS[by]}${dateStamp(r.filter)}`;
    const ascii = `wenming-stats-${by}${asciiStamp(r.filter)}`;
    return tableFile({ sheet: '统计', meta, header, body, totalRow, note, format, now, name: base, ascii });
  }

  /**
   * 志愿服务日 as a file: one row per date (what GET /stats/service-days answers, same filters and scope), 合计 last
   * (its 志愿者人数 and 参与队伍数 are distinct over the whole filter, as the API's total).
   */
  async serviceDaysFile(user: AuthUser, q: StatsFilter & { format: ExportFormat }, now = new Date()) {
    const { format, ...f } = q;
    const d = await this.stats.serviceDays(user, f);
    const meta = [
      [`${this.config.countyName}新时代文明实践志愿服务日统计`],
      [await this.describeFilter(d.filter)],
      [`生成时间：${shanghaiDateTime(now)}（北京时间）`],
      [],
    ];
    const header = [...SERVICE_DAY_HEADERS];
    const line = (label: string, weekday: string, x: ServiceDaysResponse['total']) => [
      label,
      weekday,
      x.activities,
      x.personTimes,
      x.volunteers,
      x.serviceHours,
      x.serviceMinutes,
      x.teams,
    ];
    const body = d.rows.map((row) => line(row.date, weekdayLabel(row.date), row));
    const totalRow = line('合计', `${d.rows.length}天`, d.total);
    const note = [['说明：志愿服务日为周五的“志愿服务日”类活动（按活动开始日期，北京时间）；合计行的志愿者人数、参与队伍数为筛选范围内去重数，不等于各行之和。']];
    return tableFile({
      sheet: '志愿服务日',
      meta,
      header,
      body,
      totalRow,
      note,
      format,
      now,
      name: `志愿服务日统计${dateStamp(d.filter)}`,
      ascii: `wenming-service-days${asciiStamp(d.filter)}`,
    });
  }

  /**
   * Attendance detail rows. CSV on PostgreSQL: `COPY (…) TO STDOUT WITH CSV` streamed through pg-copy-streams with
   * masking, labels and hours done in SQL, piped (back-pressured) to the response after the BOM, title and header
   * written by us — the rows never become JavaScript objects. XLSX, and CSV on the embedded database (PGlite
   * buffers a whole statement's output, so one COPY would hold the whole file in memory): streamed from a
   * server-side cursor (FETCH 1000 in a read-only transaction), written to
   * the response as they come: memory stays flat whatever the size. Scope is resolved before the first byte.
   */
  async streamAttendance(user: AuthUser, q: StatsFilter & { format: ExportFormat }, res: Response, now = new Date()): Promise<void> {
    const { format, ...f } = q;
    const r = await this.stats.resolve(user, f);
    const stamp = `${r.filter.from ?? ''}${r.filter.from || r.filter.to ? '至' : ''}${r.filter.to ?? ''}`;
    res.setHeader('Content-Type', MIME[format]);
    res.setHeader(
      'Content-Disposition',
      contentDisposition(
        `志愿服务考勤明细${stamp ? `_${stamp}` : ''}.${format}`,
        `wenming-attendance${r.filter.from ? `-${r.filter.from}` : ''}${r.filter.to ? `-${r.filter.to}` : ''}.${format}`,
      ),
    );
    res.setHeader('Cache-Control', 'no-store');
    const title = [['志愿服务考勤明细'], [await this.describeFilter(r.filter)], [`生成时间：${shanghaiDateTime(now)}（北京时间）；手机号已脱敏`], []];

    if (format === 'csv' && !this.config.embedded) return this.copyAttendanceCsv(r, res, title);

    let sink: { write(row: unknown[]): Promise<void>; end(): Promise<void> };
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
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: false });
      const ws = wb.addWorksheet('考勤明细');
      sink = {
        async write(row) {
          ws.addRow(row).commit();
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
        if (format === 'xlsx' && res.writableNeedDrain) await once(res, 'drain');
      });
      await sink.end();
      if (!res.writableEnded) res.end();
    } catch (err) {
      res.destroy(err as Error);
    }
  }

  /** CSV through COPY TO STDOUT: BOM + title + header first, then the server's own CSV with CRLF record ends. */
  private async copyAttendanceCsv(r: ResolvedFilter, res: Response, title: string[][]): Promise<void> {
    try {
      res.write(BOM + stringifySync([...title, ATTENDANCE_HEADERS], { record_delimiter: 'windows' }));
      await this.repo.copyAttendanceCsv(r, crlf(), res);
    } catch (err) {
      res.destroy(err as Error);
    }
  }
}

/** `_2026-01-01至2026-03-31` (or '') for the Chinese file name. */
function dateStamp(f: StatsFilter): string {
  const stamp = `${f.from ?? ''}${f.from || f.to ? '至' : ''}${f.to ?? ''}`;
  return stamp ? `_${stamp}` : '';
}

/** `-2026-01-01-2026-03-31` (or '') for the ASCII fallback name. */
function asciiStamp(f: StatsFilter): string {
  return `${f.from ? `-${f.from}` : ''}${f.to ? `-${f.to}` : ''}`;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
/** 星期五 for '2026-03-06' (a calendar date, no time zone involved). */
export function weekdayLabel(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

/** A small table (title rows, header, rows, bold 合计, note) as CSV (BOM, CRLF) or XLSX, with its headers. */
async function tableFile(o: {
  sheet: string;
  meta: unknown[][];
  header: string[];
  body: unknown[][];
  totalRow: unknown[];
  note: unknown[][];
  format: ExportFormat;
  now: Date;
  name: string;
  ascii: string;
}) {
  let buffer: Buffer;
  if (o.format === 'csv') {
    buffer = Buffer.from(BOM + stringifySync([...o.meta, o.header, ...o.body, o.totalRow, ...o.note], { record_delimiter: 'windows' }), 'utf8');
  } else {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Wenming';
    wb.created = o.now;
    const ws = wb.addWorksheet(o.sheet);
    o.meta.forEach((m) => ws.addRow(m));
    ws.getRow(1).font = { bold: true, size: 14 };
    const h = ws.addRow(o.header);
    h.font = { bold: true };
    o.body.forEach((row) => ws.addRow(row));
    ws.addRow(o.totalRow).font = { bold: true };
    o.note.forEach((n) => ws.addRow(n));
    ws.getColumn(1).width = 28;
    for (let i = 2; i <= o.header.length; i++) ws.getColumn(i).width = 14;
    buffer = Buffer.from(await wb.xlsx.writeBuffer());
  }
  return { buffer, contentType: MIME[o.format], disposition: contentDisposition(`${o.name}.${o.format}`, `${o.ascii}.${o.format}`) };
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
