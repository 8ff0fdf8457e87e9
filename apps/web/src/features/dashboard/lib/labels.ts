/**
 * Dashboard wording and label helpers kept inside the feature (issue 11): ISO week labels, the five-star rule,
 * the notes of the orders panel.
 */
import { ACTIVITY_KIND_LABELS } from '@/lib/i18n';
import type { ActivityKind, StatsBreakdownBy } from '@wenming/shared';

export const BY_LABELS: Record<StatsBreakdownBy, string> = {
  town: '按乡镇',
  site: '按阵地',
  team: '按队伍',
  teamType: '按队伍类型',
  category: '按服务类别',
  kind: '按活动形式',
  month: '按月',
  week: '按周',
};
export const BY_COLUMN: Record<StatsBreakdownBy, string> = {
  town: '乡镇',
  site: '阵地',
  team: '队伍',
  teamType: '队伍类型',
  category: '服务类别',
  kind: '活动形式',
  month: '月份',
  week: '周',
};

/** Monday of ISO week `week` of ISO year `year` (UTC date). */
export function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = jan4.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  return new Date(Date.UTC(year, 0, 4 - (dow - 1) + (week - 1) * 7));
}

/** '2025-W14' → '2025年第14周 (3月31日–4月6日)'; a key of another shape is returned as it is. */
export function weekLabel(key: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return key;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const mon = isoWeekMonday(year, week);
  const sun = new Date(mon.getTime() + 6 * 86400_000);
  const md = (d: Date) => `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const yearOf = (d: Date) => (d.getUTCFullYear() !== year ? `${d.getUTCFullYear()}年` : '');
  return `${year}年第${week}周 (${yearOf(mon)}${md(mon)}–${yearOf(sun)}${md(sun)})`;
}

/** '2026-03' → '2026年3月'. */
export function monthLabel(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${m[1]}年${Number(m[2])}月` : key;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
/** '2026-03-06' → '3月6日 星期五' style pieces. */
export function weekdayOf(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

/** A team needs this many rated orders to be ranked among the five-star teams. */
export const MIN_RATED_FOR_RANK = 3;
export const FIVE_STAR_RULE = `按居民对点单服务的平均评分（1–5 星）排名，评分相同时评价数多的在前；评价少于 ${MIN_RATED_FOR_RANK} 条的队伍列在后面，标注“评价较少”，不参与排名。`;

/** Plain words on what the orders panel counts under the current filter; `ignored` when the filter rules orders out. */
export function ordersNotes(f: { kind?: ActivityKind; from?: string; to?: string }): { info: string; empty?: string } {
  const info = '点单按点单日期统计；乡镇、阵地指点单的站点，队伍指接单队伍，服务类别指所点菜单项的类别。';
  if (f.kind && f.kind !== 'menu_service') {
    return {
      info,
      empty: `点单都是“${ACTIVITY_KIND_LABELS.menu_service}”，所选活动形式“${ACTIVITY_KIND_LABELS[f.kind]}”没有点单，下面的数字均为 0；要看点单情况，请清除“活动形式”或选择“${ACTIVITY_KIND_LABELS.menu_service}”。`,
    };
  }
  return { info };
}
