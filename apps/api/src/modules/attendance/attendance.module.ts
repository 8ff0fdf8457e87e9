import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { OfflineCheckinService } from './offline-checkin.service';
import { PointsService } from './points.service';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';

@Module({ controllers: [AttendanceController, RecordsController], providers: [AttendanceService, OfflineCheckinService, RecordsService, PointsService], exports: [PointsService] })
export class AttendanceModule {}
