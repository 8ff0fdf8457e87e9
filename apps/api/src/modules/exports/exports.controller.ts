import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { AttendanceExportQueryDto, ServiceDaysExportQueryDto, StatsExportQueryDto } from '../stats/dto/stats-query.dto';
import { AttendanceExportService } from './attendance-export.service';
import { ExportsService } from './exports.service';
import { ApiFile } from '../../openapi/api-answer';
import { sendTableFile } from '../../common/files/table-file';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly attendanceExport: AttendanceExportService,
  ) {}

  @Get('stats')
  @ApiOperation({ summary: '导出统计表（xlsx/csv）：中文表头、合计行、筛选条件和生成时间' })
  @ApiFile(['csv', 'xlsx'], { description: '统计表（中文表头，末行合计）；CSV 为带 BOM 的 UTF-8', errors: [404] })
  async stats(@CurrentUser() user: AuthUser, @Query() q: StatsExportQueryDto, @Res() res: FastifyReply) {
    const file = await this.exports.statsFile(user, q);
    return sendTableFile(res, file);
  }

  @Get('service-days')
  @ApiOperation({ summary: '导出志愿服务日统计（xlsx/csv）：每个日期一行，末行合计；筛选与范围同 /stats/service-days' })
  @ApiFile(['csv', 'xlsx'], { description: '志愿服务日统计表（中文表头，末行合计）；CSV 为带 BOM 的 UTF-8', errors: [404] })
  async serviceDays(@CurrentUser() user: AuthUser, @Query() q: ServiceDaysExportQueryDto, @Res() res: FastifyReply) {
    const file = await this.exports.serviceDaysFile(user, q);
    return sendTableFile(res, file);
  }

  @Get('attendance')
  @ApiOperation({ summary: '导出考勤明细（csv/xlsx，流式，手机号脱敏）' })
  @ApiFile(['csv', 'xlsx'], { description: '考勤明细（手机号脱敏），流式输出；CSV 为带 BOM 的 UTF-8', errors: [404] })
  attendance(@CurrentUser() user: AuthUser, @Query() q: AttendanceExportQueryDto, @Res() res: FastifyReply) {
    return this.attendanceExport.streamAttendance(user, q, res);
  }
}
