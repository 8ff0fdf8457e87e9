import { Module } from '@nestjs/common';
import { ActivitiesController, MyActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { ActivityChangesService } from './activity-changes.service';
import { CheckinActivityRepository } from './checkin-activity.repository';
import { CheckinActivityService } from './checkin-activity.service';
import { OrderActivityRepository } from './order-activity.repository';
import { OrderActivityService } from './order-activity.service';
import { SignupsRepository } from './signups.repository';
import { SignupsService } from './signups.service';

/**
 * Exports the ways other modules change activities inside their own transaction: ActivityChangesService (service-day
 * schedules), OrderActivityService (an accepted service order's activity), CheckinActivityService (walk-in sign-ups
 * and the code's first showing, from attendance).
 */
@Module({
  controllers: [ActivitiesController, MyActivitiesController],
  providers: [
    ActivitiesRepository,
    SignupsRepository,
    OrderActivityRepository,
    CheckinActivityRepository,
    ActivityChangesService,
    ActivitiesService,
    SignupsService,
    OrderActivityService,
    CheckinActivityService,
  ],
  exports: [ActivitiesService, SignupsService, ActivityChangesService, OrderActivityService, CheckinActivityService],
})
export class ActivitiesModule {}
