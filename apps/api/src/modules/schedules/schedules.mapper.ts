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
