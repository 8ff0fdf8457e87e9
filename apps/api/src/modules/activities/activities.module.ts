import { Module } from '@nestjs/common';
import { ActivitiesController, MyActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { SignupsService } from './signups.service';

@Module({ controllers: [ActivitiesController, MyActivitiesController], providers: [ActivitiesService, SignupsService], exports: [ActivitiesService, SignupsService] })
export class ActivitiesModule {}
