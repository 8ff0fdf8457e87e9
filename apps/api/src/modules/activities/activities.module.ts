import { Module } from '@nestjs/common';
import { ActivitiesController, MyActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { CheckinActivityRepository } from './checkin-activity.repository';
import { CheckinActivityService } from './checkin-activity.service';
import { OrderActivityService } from './order-activity.service';
import { OrderActivityRepository } from './order-activity.repository';
import { SignupsService } from './signups.service';

@Module({
  controllers: [ActivitiesController, MyActivitiesController],
  providers: [ActivitiesService, SignupsService, OrderActivityService, OrderActivityRepository, CheckinActivityService, CheckinActivityRepository],
  exports: [ActivitiesService, SignupsService, OrderActivityService, CheckinActivityService],
})
export class ActivitiesModule {}
