import type {
  ActivityCategory,
  ActivityKind,
  ActivityStatus,
  Gender,
  MembershipRole,
  PoliticalStatus,
  RegionLevel,
  Role,
  SiteLevel,
  TeamType,
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
}
export interface UserDto {
  id: string;
  phone: string;
  role: Role;
  siteId: string | null;
  volunteerId: string | null;
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
  parentId: string | null;
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

export interface TeamDto {
  id: string;
  name: string;
  type: TeamType;
  siteId: string;
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
  idNumber: string | null; // always masked
  volunteerNumber: string;
  hasLogin: boolean;
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

export interface ActivityDto {
  id: string;
  title: string;
  kind: ActivityKind;
  category: ActivityCategory;
  siteId: string;
  teamId: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  status: ActivityStatus;
  audienceReached: number | null;
  scheduleId: string | null;
  serviceOrderId: string | null;
  description: string;
}

/* ---- attendance, records, points ---- */
import type { AttendanceMethod, AttendanceStatus } from './enums';

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
}
export interface CheckoutRequest {
  code?: string;
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
  confirmedAt: string | null;
  rejectedReason: string | null;
}
export interface AttendanceListItemDto extends AttendanceDto {
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
  points: number;
  entries: RecordEntryDto[];
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
