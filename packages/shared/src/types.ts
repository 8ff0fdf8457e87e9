import type {
  ActivityCategory,
  ActivityKind,
  ActivityStatus,
  Gender,
  MembershipRole,
  PoliticalStatus,
  RegionLevel,
  Role,
  SignupStatus,
  SiteLevel,
  TeamType,
  RedemptionStatus,
  PointsEntryKind,
  NoticeKind,
  HonourStatus,
  HonourSubject,
  ScheduledJob,
} from './enums';

export interface Paginated<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LoginRequest {
  phone: string;
  password: string;
}
export interface RegisterRequest {
  name: string;
  phone: string;
  password: string;
  siteId: string;
  /** the one-time code sent to the phone (POST /auth/register/code); required when an SMS provider is configured */
  code?: string;
}
/** POST /auth/register/code */
export interface SendCodeRequest {
  phone: string;
}
export interface SendCodeResponse {
  /** seconds until the code expires */
  expiresIn: number;
  /** seconds before another code may be requested */
  resendAfter: number;
}
/**
 * 202 from POST /auth/register when the phone belongs to a volunteer record staff created and no code proved the
 * phone: a site admin must approve the claim; nothing of the record is returned.
 */
export interface RegisterPendingResponse {
  status: 'pending_approval';
  message: string;
}
/** POST /auth/password (the caller's own password); answers a fresh LoginResponse, earlier tokens stop working */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
export type RegistrationClaimStatus = 'pending' | 'approved' | 'declined';
/** 待确认的注册: a registration that claims an existing volunteer record, for staff to approve or decline. */
export interface RegistrationClaimDto {
  id: string;
  status: RegistrationClaimStatus;
  /** what the registrant typed */
  name: string;
  phone: string;
  siteId: string;
  siteName: string;
  createdAt: string;
  /** the existing record the registrant claims (staff in scope see it to compare) */
  volunteer: { id: string; name: string; siteId: string; siteName: string; idNumber: string | null };
  decidedAt: string | null;
  decidedByName: string | null;
  declineReason: string | null;
}
export interface DeclineClaimRequest {
  reason?: string;
}
export interface UserDto {
  id: string;
  phone: string;
  role: Role;
  siteId: string | null;
  /** name of the site a staff login manages (null for volunteers and the county) */
  siteName: string | null;
  volunteerId: string | null;
  /** the volunteer's name when the login belongs to a volunteer */
  volunteerName: string | null;
  /** a disabled login cannot log in; its tokens stop working */
  disabled: boolean;
  /** a one-time code proved the phone (false for self-registration without an SMS provider and staff-created logins) */
  phoneVerified: boolean;
  createdAt: string;
}
export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: UserDto;
}
export interface CreateUserRequest {
  phone: string;
  password: string;
  role: Role;
  siteId?: string;
}
export interface UpdateUserRequest {
  password?: string;
  role?: Role;
  siteId?: string | null;
  /** true disables the login (its tokens stop working at once), false enables it again */
  disabled?: boolean;
}

export interface RegionDto {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  code: string;
}

export interface SiteDto {
  id: string;
  name: string;
  level: SiteLevel;
  regionId: string;
  regionName: string;
  parentId: string | null;
  /** name of the parent site (null for the county center) */
  parentName: string | null;
  /** the town the site lies in (null for the county center) */
  townId: string | null;
  townName: string | null;
  address: string;
  contactName: string;
  contactPhone: string;
}
export interface CreateSiteRequest {
  name: string;
  level: SiteLevel;
  regionId: string;
  parentId?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}
export type UpdateSiteRequest = Partial<Omit<CreateSiteRequest, 'level' | 'parentId'>>;

/** An entry of the public site directory (GET /sites/directory): names and place, no contacts. */
export type SiteDirectoryEntryDto = Pick<SiteDto, 'id' | 'name' | 'level' | 'parentId' | 'parentName' | 'regionId' | 'regionName' | 'townId' | 'townName' | 'address'>;
export interface TeamDto {
  id: string;
  name: string;
  type: TeamType;
  siteId: string;
  siteName: string;
  /** the town of the team's home site (null for county-level teams) */
  townName: string | null;
  description: string;
  archived: boolean;
  memberCount?: number;
}
export interface CreateTeamRequest {
  name: string;
  type: TeamType;
  siteId: string;
  description?: string;
}
export interface UpdateTeamRequest {
  name?: string;
  type?: TeamType;
  description?: string;
  archived?: boolean;
}

export interface VolunteerDto {
  id: string;
  name: string;
  phone: string | null;
  gender: Gender | null;
  birthDate: string | null;
  politicalStatus: PoliticalStatus | null;
  skills: string[];
  siteId: string;
  /** the volunteer's home station */
  siteName: string;
  townName: string | null;
  idNumber: string | null; // always masked
  volunteerNumber: string;
  hasLogin: boolean;
  /** teams the volunteer belongs to */
  teams: VolunteerTeamDto[];
}
export interface VolunteerTeamDto {
  id: string;
  name: string;
  role: MembershipRole;
}
export interface CreateVolunteerRequest {
  name: string;
  phone?: string;
  gender?: Gender;
  birthDate?: string;
  politicalStatus?: PoliticalStatus;
  skills?: string[];
  siteId?: string;
  idNumber?: string;
  teamId?: string;
}
export type UpdateVolunteerRequest = Partial<Omit<CreateVolunteerRequest, 'teamId'>>;

export interface MembershipDto {
  teamId: string;
  volunteerId: string;
  role: MembershipRole;
  volunteer: VolunteerDto;
  joinedAt: string;
}
export interface AddMemberRequest {
  volunteerId: string;
  role?: MembershipRole;
}
/** A leader adds an existing volunteer of the county by the exact 11-digit phone (no search of strangers). */
export interface AddMemberByPhoneRequest {
  phone: string;
}

/** 招募: a team as a volunteer looking for one sees it (no member list, no personal data). */
export interface TeamDirectoryEntryDto {
  id: string;
  name: string;
  type: TeamType;
  siteId: string;
  siteName: string;
  townName: string | null;
  description: string;
  memberCount: number;
  /** the caller is already a member (or leader) */
  isMember: boolean;
  /** the caller's latest join request for this team, if any */
  joinRequestStatus: JoinRequestStatus | null;
}
export interface CreateJoinRequestRequest {
  /** a few words to the leader (optional) */
  message?: string;
}
export interface JoinRequestDto {
  id: string;
  teamId: string;
  teamName: string;
  volunteerId: string;
  volunteerName: string;
  /** masked: 138****0004 */
  volunteerPhone: string;
  status: JoinRequestStatus;
  message: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A change of time or place of an activity the volunteer signed up for (一条站内通知). */
export interface ActivityNoticeDto {
  id: string;
  activityId: string;
  activityTitle: string;
  kind: 'rescheduled';
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface MeResponse {
  user: UserDto;
  volunteer: VolunteerDto | null;
  teamsLed: TeamDto[];
  teams: Array<TeamDto & { membershipRole: MembershipRole }>;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
}
/** GET /health/live: the process answers (the database is not asked). */
export interface HealthLiveResponse {
  status: 'ok';
}
/** GET /health/ready: 200 when the database is up and the app is not stopping; 503 otherwise (with Retry-After). */
export interface HealthReadyResponse extends HealthResponse {
  /** true while the app drains requests before stopping */
  draining?: boolean;
}

export interface ActivityDto {
  id: string;
  title: string;
  kind: ActivityKind;
  category: ActivityCategory;
  /** the venue: the practice site where the activity happens */
  siteId: string;
  siteName: string;
  /** town of the venue (null when the venue is the county center) */
  townId: string | null;
  townName: string | null;
  /** the exact spot at the venue, e.g. 东关广场 ('' when not given) */
  address: string;
  teamId: string;
  teamName: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  status: ActivityStatus;
  audienceReached: number | null;
  scheduleId: string | null;
  serviceOrderId: string | null;
  description: string;
}

// ---- menu-style service: menu items and service orders (issue 5) ----
// (a second import keeps this section append-only, so parallel branches merge cleanly)
import type { OrderStatus } from './enums';
import type { JoinRequestStatus } from './enums';

export interface MenuItemTeamDto {
  id: string;
  name: string;
}

export interface MenuItemDto {
  id: string;
  /** null = county-wide (every station offers it) */
  siteId: string | null;
  siteName: string | null;
  title: string;
  category: ActivityCategory;
  description: string;
  teamIds: string[];
  teams: MenuItemTeamDto[];
  active: boolean;
  createdAt: string;
}

export interface CreateMenuItemRequest {
  /** a station; null or absent = county-wide (county admin only) */
  siteId?: string | null;
  title: string;
  category: ActivityCategory;
  description?: string;
  teamIds: string[];
  active?: boolean;
}

export type UpdateMenuItemRequest = Partial<Omit<CreateMenuItemRequest, 'siteId'>>;

export interface DeleteMenuItemResponse {
  id: string;
  /** true: removed; false: orders reference it, so it was deactivated instead */
  deleted: boolean;
  active: boolean;
}

export interface CreateServiceOrderRequest {
  menuItemId: string;
  siteId: string;
  requesterName: string;
  requesterPhone: string;
  address: string;
  preferredDate: string;
  note?: string;
}

export interface CreateServiceOrderResponse {
  id: string;
  trackingToken: string;
  status: OrderStatus;
}

export interface ServiceOrderDto {
  id: string;
  menuItemId: string;
  menuItemTitle: string;
  category: ActivityCategory;
  siteId: string;
  siteName: string;
  requesterName: string;
  requesterPhone: string;
  address: string;
  preferredDate: string;
  note: string;
  status: OrderStatus;
  teamId: string | null;
  teamName: string | null;
  activityId: string | null;
  rating: number | null;
  ratingComment: string | null;
  declineReason: string | null;
  cancelReason: string | null;
  orderedAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  ratedAt: string | null;
  cancelledAt: string | null;
  overdue: boolean;
  overdueSince: string | null;
}

/** What the resident sees by tracking token: only their own order, phone masked, no volunteer data. */
export interface ServiceOrderTrackingDto {
  status: OrderStatus;
  statusLabel: string;
  menuItemTitle: string;
  category: ActivityCategory;
  siteName: string;
  requesterName: string;
  requesterPhone: string;
  preferredDate: string;
  teamName: string | null;
  activity: { title: string; startsAt: string; endsAt: string; status: ActivityStatus } | null;
  rating: number | null;
  ratingComment: string | null;
  cancelReason: string | null;
  orderedAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  ratedAt: string | null;
  cancelledAt: string | null;
}

export interface RateOrderRequest {
  stars: number;
  comment?: string;
}
export interface DispatchOrderRequest {
  teamId: string;
}
export interface AcceptOrderRequest {
  startsAt: string;
  endsAt: string;
  title?: string;
}
export interface DeclineOrderRequest {
  reason: string;
}
export interface CancelOrderRequest {
  reason: string;
}

export interface OrderStatsDto {
  byStatus: Record<OrderStatus, number>;
  total: number;
  overdue: number;
  averageRating: number | null;
  ratedCount: number;
  averageHoursToDispatch: number | null;
  averageHoursToAccept: number | null;
}

export interface TeamRatingDto {
  teamId: string;
  teamName: string;
  siteId: string;
  siteName: string;
  averageRating: number;
  ratedCount: number;
}

export interface MySignupDto {
  status: SignupStatus;
  /** 1-based place in the waitlist (null unless waitlisted) */
  waitlistPosition: number | null;
}
export interface ActivityWithCountsDto extends ActivityDto {
  /** Confirmed sign-ups. */
  confirmedCount: number;
  /** Waitlisted sign-ups (候补). */
  waitlistedCount: number;
  cancelReason: string | null;
  /** the calling volunteer's own sign-up (null when none, or the caller is not a volunteer) */
  mySignup: MySignupDto | null;
}
export interface CreateActivityRequest {
  title: string;
  kind: ActivityKind;
  category: ActivityCategory;
  teamId: string;
  /** venue (any practice site); default the team's site */
  siteId?: string;
  /** the exact spot, e.g. 东关广场 */
  address?: string;
  /** ISO 8601 with offset. */
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  description?: string;
  /** default published */
  status?: 'draft' | 'published';
}
export interface UpdateActivityRequest {
  title?: string;
  description?: string;
  siteId?: string;
  address?: string;
  startsAt?: string;
  endsAt?: string;
  capacity?: number | null;
  category?: ActivityCategory;
  /** only draft → published */
  status?: 'published';
}
export interface ActivityQuery {
  from?: string;
  to?: string;
  /** venue in this town */
  townId?: string;
  /** venue */
  siteId?: string;
  teamId?: string;
  kind?: ActivityKind;
  category?: ActivityCategory;
  status?: ActivityStatus;
  /** by startsAt; default desc */
  sort?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}
export interface CancelActivityRequest {
  reason: string;
}
export interface CompleteActivityRequest {
  audienceReached: number;
  /** Required (true) to complete an activity before its planned end: `endsAt` becomes the moment of completion. */
  endEarly?: boolean;
}

export interface SignupDto {
  activityId: string;
  volunteerId: string;
  volunteerName: string;
  status: SignupStatus;
  signedUpBy: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface CreateSignupRequest {
  /** absent: the caller signs up; a leader/admin passes someone else's id */
  volunteerId?: string;
}
export interface MyActivityDto extends ActivityDto {
  signupStatus: SignupStatus;
  waitlistPosition: number | null;
}

export interface ServiceDayScheduleDto {
  id: string;
  teamId: string;
  teamName: string;
  /** venue of the occurrences */
  siteId: string;
  siteName: string;
  address: string;
  title: string;
  category: ActivityCategory;
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string;
  capacity: number | null;
  skipDates: string[];
  description: string;
  createdAt: string;
  deletedAt: string | null;
}
export interface CreateServiceDayScheduleRequest {
  teamId: string;
  /** venue; default the team's site */
  siteId?: string;
  address?: string;
  title: string;
  category: ActivityCategory;
  /** ISO weekday 1–7, default 5 (Friday) */
  weekday?: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string;
  capacity?: number | null;
  skipDates?: string[];
  description?: string;
  /** true = create/keep occurrences even where they overlap another activity of the same team (otherwise 409 SCHEDULE_OVERLAP) */
  allowOverlap?: boolean;
}
export type UpdateServiceDayScheduleRequest = Partial<Omit<CreateServiceDayScheduleRequest, 'teamId'>>;
export interface ServiceDayScheduleChangeResponse {
  schedule: ServiceDayScheduleDto;
  /** activities created by this request (new occurrence dates) */
  generated: ActivityDto[];
  /** future, unattended occurrences rewritten to the new times/title/category/capacity */
  updated: ActivityDto[];
  /** ids of the occurrences this request cancelled (dates that left the schedule, or all future ones on delete) */
  cancelled: string[];
}

// ---- statistics and exports (issue 6) ----

export const STATS_BREAKDOWN_BY = ['town', 'site', 'team', 'teamType', 'category', 'kind', 'month', 'week'] as const;
export type StatsBreakdownBy = (typeof STATS_BREAKDOWN_BY)[number];
/** Chinese column header of each breakdown key (exports). */
export const STATS_BREAKDOWN_BY_LABELS: Record<StatsBreakdownBy, string> = {
  town: '乡镇',
  site: '阵地',
  team: '队伍',
  teamType: '队伍类型',
  category: '服务类别',
  kind: '活动类型',
  month: '月份',
  week: '周',
};
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Filters of /stats/* and /exports/*; from/to are inclusive Asia/Shanghai dates of the activity's start. */
export interface StatsFilter {
  from?: string;
  to?: string;
  townId?: string;
  siteId?: string;
  teamId?: string;
  teamType?: TeamType;
  category?: ActivityCategory;
  kind?: ActivityKind;
}

export interface StatsFigures {
  /** completed activities */
  activities: number;
  /** confirmed attendance records (服务人次) */
  personTimes: number;
  /** distinct volunteers with confirmed attendance */
  volunteers: number;
  /** confirmed minutes, exact */
  serviceMinutes: number;
  /** serviceMinutes / 60, half up, one decimal */
  serviceHours: number;
  /** sum of completed activities' audienceReached (覆盖群众人次) */
  audienceReached: number;
}

export interface StatsSummaryResponse extends StatsFigures {
  filter: StatsFilter;
}

export interface StatsBreakdownQuery extends StatsFilter {
  by: StatsBreakdownBy;
}

export interface BreakdownRow extends StatsFigures {
  /** id (town/site/team), enum value (teamType/category/kind), 'YYYY-MM' or 'YYYY-Www'; null = county level (no town) */
  key: string | null;
  label: string;
}

export interface BreakdownResponse {
  by: StatsBreakdownBy;
  filter: StatsFilter;
  rows: BreakdownRow[];
  total: StatsFigures;
  notes: string;
}

export interface ServiceDayRow {
  date: string;
  activities: number;
  personTimes: number;
  volunteers: number;
  serviceMinutes: number;
  serviceHours: number;
  /** distinct teams with a completed service-day activity or confirmed attendance that day */
  teams: number;
}

export interface ServiceDaysResponse {
  filter: StatsFilter;
  rows: ServiceDayRow[];
  total: Omit<ServiceDayRow, 'date'>;
}

export interface StatsExportQuery extends StatsBreakdownQuery {
  format: ExportFormat;
}
export interface AttendanceExportQuery extends StatsFilter {
  format: ExportFormat;
}
/** GET /exports/service-days (issue 11): the /stats/service-days filters + format. */
export interface ServiceDaysExportQuery extends StatsFilter {
  format: ExportFormat;
}

/* ---- attendance, records, points ---- */
import type { AttendanceMethod, AttendanceStatus } from './enums';
import type { ApiErrorBody } from './errors';

export interface CheckinCodeResponse {
  /** 6 digits; rotates every 60 s. */
  code: string;
  /** End of the code's 60-s step (the previous code is still accepted for one more step). */
  expiresAt: string;
  /** The web app's check-in URL: `${publicBaseUrl}/checkin/<activityId>?code=<code>` (relative when no base URL is configured). */
  qrPayload: string;
}
export interface CheckinRequest {
  code: string;
  /** Only for a record made offline and sent later: when the phone saw the code (ISO 8601 with offset). */
  observedAt?: string;
  /** The record's idempotency key (uuid made on the phone); a replay with the same key answers the same attendance. */
  idempotencyKey?: string;
}
export interface CheckoutRequest {
  /** Optional online; required with `observedAt` (the code proves the claimed minute). */
  code?: string;
  observedAt?: string;
  idempotencyKey?: string;
}
export interface AttendanceDto {
  activityId: string;
  volunteerId: string;
  checkInAt: string;
  checkOutAt: string | null;
  method: AttendanceMethod;
  minutes: number | null;
  status: AttendanceStatus;
  confirmedBy: string | null;
  /** name of whoever confirmed or rejected it */
  confirmedByName: string | null;
  confirmedAt: string | null;
  rejectedReason: string | null;
  /** When a check-in made offline reached the server (null for a live check-in); `checkInAt` is the claimed minute. */
  receivedAt: string | null;
  /** When a check-out made offline reached the server (null for a live check-out). */
  checkOutReceivedAt: string | null;
}
export interface AttendanceListItemDto extends AttendanceDto {
  /** True when the check-in or the check-out was made offline and arrived later (receivedAt/checkOutReceivedAt set). */
  late: boolean;
  volunteerName: string;
  /** 138****0004 */
  volunteerPhone: string | null;
}
export interface ManualAttendanceRequest {
  volunteerId: string;
  checkInAt: string;
  checkOutAt?: string | null;
}
export interface ConfirmAttendanceRequest {
  volunteerIds?: string[];
}
export interface ConfirmAttendanceResponse {
  confirmed: number;
}
export interface RejectAttendanceRequest {
  reason: string;
}
export interface RecordEntryDto {
  activityId: string;
  title: string;
  /** Asia/Shanghai date of the activity's start. */
  date: string;
  teamName: string;
  /** venue name */
  siteName: string;
  minutes: number | null;
  hours: number | null;
  status: AttendanceStatus;
}
export interface VolunteerRecordDto {
  volunteerId: string;
  name: string;
  volunteerNumber: string;
  totalHours: number;
  totalMinutes: number;
  personTimes: number;
  star: number;
  /** whole points (issue 13) */
  points: number;
  entries: RecordEntryDto[];
  /** approved honours (先进典型) of this volunteer, newest first (issue 13) */
  honours: VolunteerHonourDto[];
}
export interface VolunteerHonourDto {
  id: string;
  title: string;
  year: number;
}
export interface RedeemPointsRequest {
  points: number;
  item: string;
}
export interface PointsLedgerEntryDto {
  id: string;
  volunteerId: string;
  delta: number;
  balanceAfter: number;
  reason: string;
  attendanceId: string | null;
  createdAt: string;
}

/* ---- audit log, imports, errors (issue 10: one contract) ---- */
export interface AuditEntryDto {
  id: string;
  actorUserId: string | null;
  /** the actor's name (volunteer name, or the staff login's role and site); null for system changes */
  actorName: string | null;
  /** e.g. attendance.confirm; Chinese label in AUDIT_ACTION_LABELS */
  action: string;
  /** e.g. attendance; Chinese label in AUDIT_ENTITY_LABELS */
  entity: string;
  entityId: string;
  /** the changed thing as the database names it now, where its snapshot does not say (attendance: "李秀兰 · 周五志愿服务日"); null otherwise */
  entityName: string | null;
  before: unknown;
  after: unknown;
  at: string;
}
export interface ImportRowError {
  /** 1-based row of the file (the header is row 1) */
  row: number;
  field?: string;
  message: string;
}
export interface VolunteerImportResponse {
  created: number;
  updated: number;
  errors: ImportRowError[];
}
/** The 400 answer of POST /volunteers/import when rows are bad (code IMPORT_ROWS_INVALID): the error body plus every bad row; nothing was imported. */
export interface VolunteerImportErrorBody extends ApiErrorBody, VolunteerImportResponse {}

/* ---- offline check-in ---- */
/** One minute's code: valid during [stepStart, stepStart + 60 s) and, as "the previous code", the minute after. */
export interface CheckinCodeStep {
  stepStart: string;
  code: string;
}
/** GET /activities/:id/checkin-codes: the codes for the rest of the check-in/check-out window (at most 12 h ahead). */
export interface CheckinCodeListResponse {
  activityId: string;
  stepSeconds: number;
  /** The QR payload of a step is `qrPayloadBase + code`. */
  qrPayloadBase: string;
  /** First and last instant the list covers (the end of the last step). */
  from: string;
  until: string;
  /** The server's clock when it answered: the screen corrects its own clock by the difference. */
  serverTime: string;
  codes: CheckinCodeStep[];
}
/** A check-in or check-out kept on the phone while it had no network (IndexedDB), sent later. */
export interface OfflineCheckinRecord {
  /** The idempotency key. */
  id: string;
  activityId: string;
  action: 'checkin' | 'checkout';
  code: string;
  observedAt: string;
}
/* ---- 积分超市, notices, deeds, honours, reports (issue 13) ---- */
/** Points: POINTS_PER_HOUR × minutes / 60 per confirmed attendance, rounded DOWN to a whole point. */

/** GET /me/points, GET /volunteers/:id/points */
export interface PointsAccountDto {
  volunteerId: string;
  volunteerName: string;
  /** available balance (held points already taken off) */
  balance: number;
  /** points held by redemptions still `requested` */
  held: number;
  /** sums over the whole ledger, by kind (positive numbers) */
  earned: number;
  deeds: number;
  spent: number;
}
/** GET /me/points/ledger, GET /volunteers/:id/points/ledger ?kind&page&pageSize */
export interface PointsLedgerQuery {
  kind?: PointsEntryKind;
  page?: number;
  pageSize?: number;
}
export interface PointsLedgerItemDto {
  id: string;
  volunteerId: string;
  kind: PointsEntryKind;
  /** whole points, negative for a hold */
  delta: number;
  balanceAfter: number;
  reason: string;
  attendanceId: string | null;
  redemptionId: string | null;
  deedAwardId: string | null;
  createdAt: string;
}

/** GET /goods ?siteId&active&q&page&pageSize — siteId of a station includes county-wide goods */
export interface GoodsQuery {
  siteId?: string;
  active?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}
export interface GoodsDto {
  id: string;
  /** null = county-wide (县中心统一供应) */
  siteId: string | null;
  siteName: string | null;
  name: string;
  imageUrl: string | null;
  pointsPrice: number;
  stock: number;
  active: boolean;
  createdAt: string;
}
export interface CreateGoodsRequest {
  name: string;
  imageUrl?: string | null;
  pointsPrice: number;
  stock: number;
  /** null or absent = county-wide (county admin only) */
  siteId?: string | null;
  active?: boolean;
}
export type UpdateGoodsRequest = Partial<CreateGoodsRequest>;
/** DELETE /goods/:id — goods with redemptions are taken off the shelf instead of deleted */
export interface DeleteGoodsResponse {
  id: string;
  deleted: boolean;
  active: boolean;
}

/** POST /redemptions (volunteer) */
export interface CreateRedemptionRequest {
  goodsId: string;
}
export interface RedemptionDto {
  id: string;
  goodsId: string;
  goodsName: string;
  volunteerId: string;
  volunteerName: string;
  /** 138****0004 */
  volunteerPhone: string | null;
  /** pickup station: the goods' site, or the volunteer's home station for county-wide goods */
  siteId: string;
  siteName: string;
  points: number;
  status: RedemptionStatus;
  requestedAt: string;
  /** when a `requested` redemption expires (requestedAt + REDEMPTION_EXPIRY_DAYS) */
  expiresAt: string;
  fulfilledBy: string | null;
  fulfilledByName: string | null;
  fulfilledAt: string | null;
  /** cancelled or expired at */
  closedAt: string | null;
  cancelReason: string | null;
}
/** GET /redemptions (staff in scope; pickup list = ?status=requested&siteId) and GET /me/redemptions */
export interface RedemptionQuery {
  siteId?: string;
  status?: RedemptionStatus;
  from?: string;
  to?: string;
  /** volunteer name or phone */
  q?: string;
  page?: number;
  pageSize?: number;
}
/** POST /redemptions/:id/cancel */
export interface CancelRedemptionRequest {
  reason?: string;
}

/** GET /notices ?unread&page&pageSize (unread first, then newest) */
export interface NoticeQuery {
  unread?: boolean;
  page?: number;
  pageSize?: number;
}
export interface NoticeDto {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** web route to open, e.g. /activities/<id> */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface UnreadCountDto {
  count: number;
}
export interface ReadAllResponse {
  updated: number;
}

/** 村规民约 deeds (county-configured) */
export interface DeedDto {
  id: string;
  name: string;
  description: string | null;
  points: number;
  /** most points one person may get from this deed in one calendar year (Asia/Shanghai) */
  yearlyCap: number;
  active: boolean;
}
export interface CreateDeedRequest {
  name: string;
  description?: string | null;
  points: number;
  yearlyCap: number;
  active?: boolean;
}
export type UpdateDeedRequest = Partial<CreateDeedRequest>;
/** POST /deed-awards (site admin / county admin, volunteer in scope) */
export interface CreateDeedAwardRequest {
  deedId: string;
  volunteerId: string;
  note?: string;
}
export interface DeedAwardDto {
  id: string;
  deedId: string;
  deedName: string;
  volunteerId: string;
  volunteerName: string;
  /** the volunteer's home station */
  siteId: string;
  siteName: string;
  points: number;
  note: string | null;
  awardedBy: string;
  awardedByName: string | null;
  at: string;
}
/** GET /deed-awards, GET /exports/deed-awards ?format */
export interface DeedAwardQuery {
  siteId?: string;
  volunteerId?: string;
  deedId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** 先进典型 */
export interface HonourDto {
  id: string;
  subject: HonourSubject;
  volunteerId: string | null;
  volunteerName: string | null;
  teamId: string | null;
  teamName: string | null;
  title: string;
  year: number;
  citation: string | null;
  status: HonourStatus;
  townId: string | null;
  townName: string | null;
  nominatedBy: string;
  nominatedByName: string | null;
  nominatedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
}
export interface CreateHonourRequest {
  subject: HonourSubject;
  volunteerId?: string;
  teamId?: string;
  title: string;
  year: number;
  citation?: string;
}
export interface RejectHonourRequest {
  reason?: string;
}
/** GET /honours ?status&year&townId&subject&page&pageSize (staff in scope) */
export interface HonourQuery {
  status?: HonourStatus;
  subject?: HonourSubject;
  year?: number;
  townId?: string;
  page?: number;
  pageSize?: number;
}
/** GET /honours/suggestions?year — star volunteers and five-star (highly rated, busy) teams */
export interface HonourSuggestionDto {
  subject: HonourSubject;
  volunteerId: string | null;
  teamId: string | null;
  name: string;
  siteName: string;
  /** e.g. "4星志愿者，累计 1024 小时" */
  reason: string;
  suggestedTitle: string;
}
/** GET /public/honours ?townId&year (no login; approved only; names only) */
export interface PublicHonourDto {
  id: string;
  subject: HonourSubject;
  name: string;
  title: string;
  year: number;
  townId: string | null;
  townName: string | null;
}

/** GET /reports/no-shows ?by=team|volunteer&from&to&siteId&teamId; GET /exports/no-shows adds format */
export interface NoShowQuery {
  by: 'team' | 'volunteer';
  from?: string;
  to?: string;
  siteId?: string;
  teamId?: string;
}
export interface NoShowRowDto {
  teamId: string;
  teamName: string;
  /** set when by=volunteer */
  volunteerId: string | null;
  volunteerName: string | null;
  /** confirmed sign-ups of ended activities */
  confirmedSignups: number;
  /** of those, with no attendance record at all */
  noShows: number;
  /** noShows / confirmedSignups, 0–1, 3 decimals */
  rate: number;
}
export interface NoShowReportDto {
  rows: NoShowRowDto[];
  total: { confirmedSignups: number; noShows: number; rate: number };
}
/** GET /reports/at-risk (leader: own teams; site admin: subtree; county admin: all) */
export type AtRiskReason = 'under_filled' | 'no_checkin_code';
export interface AtRiskActivityDto {
  activityId: string;
  title: string;
  teamId: string;
  teamName: string;
  siteId: string;
  siteName: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  confirmed: number;
  reason: AtRiskReason;
}
export const AT_RISK_REASON_LABELS: Record<AtRiskReason, string> = {
  under_filled: '48 小时内开始，报名不足一半',
  no_checkin_code: '已开始 10 分钟仍未出示签到码',
};

/** POST /jobs/:job/run (county admin) and `cli.js run-job <job>` */
export interface JobRunResultDto {
  job: ScheduledJob;
  /** the period the run covers, e.g. 2026-11-30 for the reminder of 2026-12-01's activities */
  period: string;
  /** false when that period had already run (another process or an earlier call) */
  ran: boolean;
  /** notices written or redemptions expired */
  affected: number;
}
