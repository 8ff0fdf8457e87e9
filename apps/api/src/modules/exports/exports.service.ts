import { Inject, Injectable } from '@nestjs/common';
import { stringify as stringifySync } from 'csv-stringify/sync';
import {
  ACTIVITY_CATEGORY_LABELS,
  ACTIVITY_KIND_LABELS,
  STATS_BREAKDOWN_BY_LABELS,
  TEAM_TYPE_LABELS,
  type ExportFormat,
  type ServiceDaysResponse,
  type StatsBreakdownBy,
  type StatsFilter,
} from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ExportsRepository } from './exports.repository';
import { loadExcel } from '../../common/files/excel';

// the SQL builders live in the repository; the export tests import them from here
import { StatsService } from '../stats/stats.service';
import { contentDisposition, shanghaiDateTime } from '../../common/files/content-disposition';

export const STATS_HEADERS = ['活动场次', '服务人次', '志愿者人数', '服务时长(小时)', '服务时长(分钟)', '覆盖群众人次'] as const;
export const SERVICE_DAY_HEADERS = ['日期', '星期', '活动场次', '服务人次', '志愿者人数', '服务时长(小时)', '服务时长(分钟)', '参与队伍数'] as const;
export const BOM = '\ufeff';
export const MIME: Record<ExportFormat, string> = {
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
    const ExcelJS = await loadExcel();
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
