import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { PointsShopModule } from '../points-shop/points-shop.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceReviewService } from './attendance-review.service';
import { CheckinService } from './checkin.service';
import { OfflineCheckinService } from './offline-checkin.service';
import { PointsService } from './points.service';
import { RecordsController } from './records.controller';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';

@Module({
  imports: [ActivitiesModule, PointsShopModule],
  controllers: [AttendanceController, RecordsController],
  providers: [AttendanceRepository, RecordsRepository, CheckinService, AttendanceReviewService, OfflineCheckinService, RecordsService, PointsService],
  exports: [PointsService],
})
export class AttendanceModule {}
