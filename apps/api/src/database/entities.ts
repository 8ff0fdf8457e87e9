import { MenuItemEntity, MenuItemTeamEntity } from '../modules/menu-items/menu-item.entity';
import { ServiceOrderEntity } from '../modules/service-orders/service-order.entity';
import { ActivityEntity } from '../modules/activities/activity.entity';
import { SignupEntity } from '../modules/activities/signup.entity';
import { AttendanceEntity } from '../modules/attendance/attendance.entity';
import { PointsLedgerEntity } from '../modules/attendance/points-ledger.entity';
import { ServiceDayScheduleEntity } from '../modules/schedules/service-day-schedule.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { RegionEntity } from '../modules/regions/region.entity';
import { SiteEntity } from '../modules/sites/site.entity';
import { TeamMembershipEntity } from '../modules/teams/team-membership.entity';
import { TeamEntity } from '../modules/teams/team.entity';
import { UserEntity } from '../modules/users/user.entity';
import { VolunteerEntity } from '../modules/volunteers/volunteer.entity';

/** Every entity; later modules append theirs here. */
export const ENTITIES = [
  RegionEntity,
  SiteEntity,
  TeamEntity,
  TeamMembershipEntity,
  VolunteerEntity,
  UserEntity,
  AuditEntryEntity,
  ServiceDayScheduleEntity,
  ActivityEntity,
  SignupEntity,
  AttendanceEntity,
  MenuItemEntity,
  MenuItemTeamEntity,
  ServiceOrderEntity,
  PointsLedgerEntity,
];
