import type { ActivityDto, ActivityWithCountsDto, SignupDto } from '@wenming/shared';
import type { ActivityEntity } from './activity.entity';
import type { SignupEntity } from './signup.entity';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Entity → DTO. Never exposes checkin_secret. */
export function toActivityDto(a: ActivityEntity): ActivityDto {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    category: a.category,
    siteId: a.siteId,
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

export function toActivityWithCounts(a: ActivityEntity, counts?: { confirmed: number; waitlisted: number }): ActivityWithCountsDto {
  return {
    ...toActivityDto(a),
    cancelReason: a.cancelReason,
    confirmedCount: counts?.confirmed ?? 0,
    waitlistedCount: counts?.waitlisted ?? 0,
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
