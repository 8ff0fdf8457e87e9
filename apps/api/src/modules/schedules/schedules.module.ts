import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesService } from './schedules.service';

/** A series' activities are created, moved and cancelled through the activities module (ActivityChangesService). */
@Module({ imports: [ActivitiesModule], controllers: [SchedulesController], providers: [SchedulesRepository, SchedulesService] })
export class SchedulesModule {}
