import type { ActivityDto, ActivityWithCountsDto, MyActivityDto, SignupDto } from '@wenming/shared';
import type { ActivityEntity } from './activity.entity';
import type { ActivityViewRow } from './activities.repository';
import type { SignupEntity } from './signup.entity';

const iso = (d: Date | string) => new Date(d).toISOString();

/** View row → DTO. Never exposes checkin_secret (the view does not even read it). */
export function toActivityDto(a: ActivityViewRow): ActivityDto {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    category: a.category,
    siteId: a.site_id,
    siteName: a.site_name,
    townId: a.town_id,
    townName: a.town_name,
    address: a.address,
    teamId: a.team_id,
    teamName: a.team_name,
    startsAt: iso(a.starts_at),
    endsAt: iso(a.ends_at),
    capacity: a.capacity === null ? null : Number(a.capacity),
    status: a.status,
    audienceReached: a.audience_reached === null ? null : Number(a.audience_reached),
    scheduleId: a.schedule_id,
    serviceOrderId: a.service_order_id,
    description: a.description,
  };
}

export function toActivityWithCounts(a: ActivityViewRow): ActivityWithCountsDto {
  return {
    ...toActivityDto(a),
    cancelReason: a.cancel_reason,
    confirmedCount: Number(a.confirmed ?? 0),
    waitlistedCount: Number(a.waitlisted ?? 0),
    mySignup: a.my_status ? { status: a.my_status, waitlistPosition: a.my_position === null ? null : Number(a.my_position) } : null,
  };
}

export function toMyActivityDto(a: ActivityViewRow): MyActivityDto {
  return {
    ...toActivityDto(a),
    signupStatus: a.my_status!,
    waitlistPosition: a.my_position === null ? null : Number(a.my_position),
  };
}

/** The audit-log snapshot of an activity (ids only; the names are resolved when the log is read). Never the secret. */
export function activityAudit(a: ActivityEntity) {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    category: a.category,
    siteId: a.siteId,
    address: a.address,
    teamId: a.teamId,
    startsAt: iso(a.startsAt),
    endsAt: iso(a.endsAt),
    capacity: a.capacity,
    status: a.status,
    audienceReached: a.audienceReached,
    scheduleId: a.scheduleId,
    serviceOrderId: a.serviceOrderId,
    description: a.description,
  };
}

export function toSignupDto(s: SignupEntity, volunteerName: string): SignupDto {
  return {
    activityId: s.activityId,
    volunteerId: s.volunteerId,
    volunteerName,
    status: s.status,
    signedUpBy: s.signedUpBy,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}
