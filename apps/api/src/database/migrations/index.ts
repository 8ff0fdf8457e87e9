import { Foundation1764380000000 } from './1764380000000-foundation';
import { Activities1764380000100 } from './1764380000100-activities';
import { PointsLedger1764380000200 } from './1764380000200-points-ledger';
import { ServiceOrders1764380000300 } from './1764380000300-service-orders';
import { StatsRollups1764380000400 } from './1764380000400-stats-rollups';
import { StatsVolunteerDays1764380000500 } from './1764380000500-stats-volunteer-days';
import { ActivityVenue1764390000100 } from './1764390000100-activity-venue';
import { OfflineCheckin1764390000200 } from './1764390000200-offline-checkin';
import { Accounts1764390000300 } from './1764390000300-accounts';
import { StatsVolunteerTeamDays1764390000500 } from './1764390000500-stats-volunteer-team-days';
import { PointsSupermarket1764390000600 } from './1764390000600-points-supermarket';
import { JoinRequestsAndActivityNotices1764390000700 } from './1764390000700-join-requests-and-activity-notices';
import { CheckinOneStatement1764900100000 } from './1764900100000-checkin-one-statement';
import { StatsPeriodBits1764900200000 } from './1764900200000-stats-period-bits';
import { InstanceKeys1764900400000 } from './1764900400000-instance-keys';
import { StatsDerivedDims1764900500000 } from './1764900500000-stats-derived-dims';
import { CheckoutOneStatement1764900600000 } from './1764900600000-checkout-one-statement';
import { StatsPeriodCounts1765000100000 } from './1765000100000-stats-period-counts';

/** Every migration in order; later modules append theirs. Never edit a landed one. */
export const MIGRATIONS = [
  Foundation1764380000000,
  Activities1764380000100,
  PointsLedger1764380000200,
  ServiceOrders1764380000300,
  StatsRollups1764380000400,
  StatsVolunteerDays1764380000500,
  ActivityVenue1764390000100,
  OfflineCheckin1764390000200,
  Accounts1764390000300,
  StatsVolunteerTeamDays1764390000500,
  PointsSupermarket1764390000600,
  JoinRequestsAndActivityNotices1764390000700,
  CheckinOneStatement1764900100000,
  StatsPeriodBits1764900200000,
  InstanceKeys1764900400000,
  StatsDerivedDims1764900500000,
  CheckoutOneStatement1764900600000,
  StatsPeriodCounts1765000100000,
];
