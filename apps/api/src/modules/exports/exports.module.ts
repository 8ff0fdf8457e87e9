import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { ExportsController } from './exports.controller';
import { AttendanceExportService } from './attendance-export.service';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';

@Module({ imports: [StatsModule], controllers: [ExportsController], providers: [ExportsService, AttendanceExportService, ExportsRepository] })
export class ExportsModule {}
