import type { ServiceDayScheduleDto } from '@wenming/shared';

/** A schedule row as read by SCHEDULE_SELECT (dates as text, so no time-zone drift). */
export interface ScheduleRow {
  id: string;
  team_id: string;
  team_name: string;
  site_id: string;
  site_name: string;
  address: string;
  title: string;
  category: ServiceDayScheduleDto['category'];
  weekday: number;
  start_time: string;
  end_time: string;
  starts_on: string;
  ends_on: string;
  capacity: number | null;
  skip_dates: string[];
  description: string;
  created_at: Date;
  deleted_at: Date | null;
}

/** FROM clause for SCHEDULE_COLUMNS: the schedule `s` with its team and venue names. Lock with `FOR UPDATE OF s`. */
export const SCHEDULE_FROM = `service_day_schedules s JOIN teams st ON st.id = s.team_id JOIN sites ss ON ss.id = s.site_id`;

export const SCHEDULE_COLUMNS = `s.id, s.team_id, st.name AS team_name, s.site_id, ss.name AS site_name, s.address, s.title, s.category, s.weekday, s.start_time, s.end_time,
  to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.capacity,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(s.skip_dates) AS d ORDER BY d) AS skip_dates,
  s.description, s.created_at, s.deleted_at`;

export function toScheduleDto(r: ScheduleRow): ServiceDayScheduleDto {
  return {
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    siteId: r.site_id,
    siteName: r.site_name,
    address: r.address,
    title: r.title,
    category: r.category,
    weekday: Number(r.weekday),
    startTime: r.start_time,
    endTime: r.end_time,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    capacity: r.capacity === null ? null : Number(r.capacity),
    skipDates: r.skip_dates ?? [],
    description: r.description,
    createdAt: new Date(r.created_at).toISOString(),
    deletedAt: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
  };
}
