import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { PointsService } from './points.service';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';

@Module({ controllers: [AttendanceController, RecordsController], providers: [AttendanceService, RecordsService, PointsService], exports: [PointsService] })
export class AttendanceModule {}
