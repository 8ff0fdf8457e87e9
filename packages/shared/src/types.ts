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
