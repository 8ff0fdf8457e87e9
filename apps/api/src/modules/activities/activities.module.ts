import { Module } from '@nestjs/common';
import { ActivitiesController, MyActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { ActivityChangesService } from './activity-changes.service';
import { SignupsRepository } from './signups.repository';
import { SignupsService } from './signups.service';

/** Exports ActivityChangesService: the one way another module (service-day schedules) changes activities inside its transaction. */
@Module({
  controllers: [ActivitiesController, MyActivitiesController],
  providers: [ActivitiesRepository, SignupsRepository, ActivityChangesService, ActivitiesService, SignupsService],
  exports: [ActivitiesService, SignupsService, ActivityChangesService],
})
export class ActivitiesModule {}
