import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { sendTableFile } from '../../common/files/table-file';
import { NoShowExportQueryDto, NoShowQueryDto } from './dto/report.dto';
import { ReportsService } from './reports.service';
import { ApiAnswer, ApiFile } from '../../openapi/api-answer';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/no-shows')
  @ApiOperation({ summary: '爽约统计（报名成功、活动已结束、无签到记录），按队伍或志愿者；管理员（辖区）、队长（本队）' })
  @ApiAnswer('NoShowReportDto')
  noShows(@CurrentUser() user: AuthUser, @Query() q: NoShowQueryDto) {
    return this.reports.noShows(user, q);
  }

  @Get('exports/no-shows')
  @ApiOperation({ summary: '导出爽约统计（csv/xlsx）' })
  @ApiFile(['csv', 'xlsx'])
  async export(@CurrentUser() user: AuthUser, @Query() q: NoShowExportQueryDto, @Res() res: FastifyReply) {
    sendTableFile(res, await this.reports.noShowFile(user, q));
  }

  @Get('reports/at-risk')
  @ApiOperation({ summary: '需要关注的活动：48 小时内开始且报名不足一半，或开始 10 分钟仍未出示签到码' })
  @ApiAnswer('AtRiskActivityDto', { array: true })
  atRisk(@CurrentUser() user: AuthUser) {
    return this.reports.atRisk(user);
  }
}
