/**
 * Response shapes the web reads that packages/shared does not (yet) declare.
 * They follow docs DESIGN.md; fields marked optional are extras the UI shows when the
 * API sends them. When shared gains these types, import them from '@wenming/shared' instead.
 */
import type {
  ActivityCategory,
  ActivityDto,
  ActivityKind,
  AttendanceMethod,
  AttendanceStatus,
  CreateServiceDayScheduleRequest,
  ServiceDayScheduleChangeResponse,
  ServiceDayScheduleDto,
  OrderStatus,
  SignupStatus,
  VolunteerDto,
} from '@wenming/shared';

export interface ActivityView extends ActivityDto {
  confirmedCount?: number;
  waitlistedCount?: number;
  /** The calling volunteer's own signup, when the API tells. */
  mySignupStatus?: SignupStatus | null;
}

export interface SignupView {
  activityId: string;
  volunteerId: string;
  status: SignupStatus;
  createdAt?: string;
  volunteer?: Pick<VolunteerDto, 'id' | 'name' | 'phone'> & Partial<VolunteerDto>;
  volunteerName?: string;
}

export interface AttendanceView {
  id?: string;
  activityId: string;
  volunteerId: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  method: AttendanceMethod;
  minutes: number | null;
  status: AttendanceStatus;
  confirmedBy?: string | null;
  confirmedAt?: string | null;
  rejectedReason?: string | null;
  volunteer?: Pick<VolunteerDto, 'id' | 'name'> & Partial<VolunteerDto>;
  volunteerName?: string;
}

export type { CheckinCodeResponse } from '@wenming/shared';

/** Service-day schedules: the shared contract types (the list may add the team's name). */
export type ScheduleView = ServiceDayScheduleDto & { teamName?: string };
export type CreateScheduleBody = CreateServiceDayScheduleRequest;
export type ScheduleSaveResponse = ServiceDayScheduleChangeResponse;

export interface MenuItemView {
  id: string;
  siteId: string | null;
  title: string;
  category: ActivityCategory;
  description: string;
  teamIds: string[];
  active: boolean;
  siteName?: string;
}

export interface ServiceOrderView {
  id: string;
  menuItemId: string;
  siteId: string;
  requesterName: string;
  requesterPhone: string;
  address: string;
  preferredDate: string | null;
  note: string | null;
  status: OrderStatus;
  teamId: string | null;
  activityId: string | null;
  rating: number | null;
  ratingComment: string | null;
  orderedAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  ratedAt: string | null;
  trackingToken?: string;
  overdue?: boolean;
  declineReason?: string | null;
  menuItemTitle?: string;
  menuItem?: { id: string; title: string; category?: ActivityCategory };
  siteName?: string;
  teamName?: string;
  /** Tracking view only: the service activity created on acceptance. */
  activity?: { title: string; startsAt: string; endsAt: string } | null;
}

export interface CreateOrderBody {
  menuItemId: string;
  siteId: string;
  requesterName: string;
  requesterPhone: string;
  address: string;
  preferredDate?: string;
  note?: string;
}

export interface StatsFigures {
  activities: number;
  personTimes: number;
  volunteers: number;
  serviceMinutes: number;
  serviceHours: number;
  audienceReached: number;
}

export interface StatsRow extends Partial<StatsFigures> {
  key?: string;
  id?: string;
  label?: string;
  name?: string;
  date?: string;
  month?: string;
}

export interface BreakdownResponse {
  rows: StatsRow[];
  total: StatsFigures;
}

export type StatsBy = 'month' | 'town' | 'teamType' | 'site' | 'team' | 'category' | 'kind' | 'week';

export interface StatsFilter {
  from?: string;
  to?: string;
  townId?: string;
  siteId?: string;
  teamId?: string;
  teamType?: string;
  category?: ActivityCategory;
  kind?: ActivityKind;
}

export interface RecordEntry {
  activityId: string;
  title: string;
  /** Asia/Shanghai date of the activity's start (what the API sends). */
  date?: string;
  startsAt?: string;
  endsAt?: string;
  minutes: number;
  hours?: number;
  kind?: ActivityKind;
  category?: ActivityCategory;
  teamName?: string;
  status?: AttendanceStatus;
}

export interface VolunteerRecord {
  totalHours: number;
  totalMinutes?: number;
  personTimes: number;
  star: number;
  points: number;
  entries: RecordEntry[];
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: Array<{ row: number; field?: string; message: string; value?: unknown }>;
}

export interface AuditEntryView {
  id: string;
  actorUserId: string | null;
  actorPhone?: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: string;
}
