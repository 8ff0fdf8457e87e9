import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceReviewService } from './attendance-review.service';
import { CheckinService } from './checkin.service';
import { OfflineCheckinService } from './offline-checkin.service';
import { PointsRepository } from './points.repository';
import { PointsService } from './points.service';
import { RecordsController } from './records.controller';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';

@Module({
  imports: [ActivitiesModule],
  controllers: [AttendanceController, RecordsController],
  providers: [AttendanceRepository, PointsRepository, RecordsRepository, CheckinService, AttendanceReviewService, OfflineCheckinService, RecordsService, PointsService],
  exports: [PointsService],
})
export class AttendanceModule {}
