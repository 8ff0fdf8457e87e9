import { addDays, MAX_SCHEDULE_SPAN_DAYS, type ServiceDayScheduleDto } from '@wenming/shared';
import { AppError, type FieldError } from '../../common/errors/app-error';

/** Rules on a whole (merged) schedule: end after start on the same day, endsOn ≥ startsOn, at most two years. */
export function scheduleErrors(s: { startTime: string; endTime: string; startsOn: string; endsOn: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!(s.endTime > s.startTime)) errors.push({ field: 'endTime', message: '结束时间必须晚于开始时间（同一天内）' });
  if (s.endsOn < s.startsOn) errors.push({ field: 'endsOn', message: 'endsOn 不能早于 startsOn' });
  else if (s.endsOn > addDays(s.startsOn, MAX_SCHEDULE_SPAN_DAYS)) errors.push({ field: 'endsOn', message: '一个服务日安排最长两年，请分段创建' });
  return errors;
}

/** A series' plan after a create or an update (merged with the stored schedule). */
export type SchedulePlan = Pick<
  ServiceDayScheduleDto,
  'siteId' | 'address' | 'title' | 'category' | 'weekday' | 'startTime' | 'endTime' | 'startsOn' | 'endsOn' | 'capacity' | 'skipDates' | 'description'
>;

/** Another live activity of the team overlapping one of the series' dates. */
export interface ScheduleClash {
  title: string;
  starts_at: Date;
  ends_at: Date;
  schedule_title: string | null;
}

/** 409 SCHEDULE_OVERLAP naming up to three clashes (Asia/Shanghai times), all of them in `details.clashes`. */
export function scheduleOverlapError(clashes: ScheduleClash[]): AppError {
  const fmt = (d: Date) => {
    const x = new Date(new Date(d).getTime() + 8 * 3600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${x.getUTCFullYear()}-${p(x.getUTCMonth() + 1)}-${p(x.getUTCDate())} ${p(x.getUTCHours())}:${p(x.getUTCMinutes())}`;
  };
  const named = clashes.slice(0, 3).map((c) => `${fmt(c.starts_at)}「${c.title}」${c.schedule_title ? '（服务日安排）' : ''}`);
  const more = clashes.length > 3 ? ` 等 ${clashes.length} 项` : '';
  return new AppError(
    409,
    'SCHEDULE_OVERLAP',
    `与本队已有活动时间重叠：${named.join('、')}${more}。请调整时间或日期（可设为跳过日期）；确需同时进行请勾选“允许时间重叠”`,
    undefined,
    {
      clashes: clashes.map((c) => ({
        title: c.title,
        startsAt: new Date(c.starts_at).toISOString(),
        endsAt: new Date(c.ends_at).toISOString(),
        scheduleTitle: c.schedule_title,
      })),
    },
  );
}
