import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { DeedsController } from './deeds.controller';
import { DeedsService } from './deeds.service';

@Module({ imports: [AttendanceModule], controllers: [DeedsController], providers: [DeedsService] })
export class DeedsModule {}
