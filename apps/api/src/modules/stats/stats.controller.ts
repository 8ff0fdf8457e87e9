import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { StatsBreakdownQueryDto, StatsFilterDto } from './dto/stats-query.dto';
import { StatsService } from './stats.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('summary')
  @ApiOperation({ summary: '统计汇总：活动场次、服务人次、志愿者人数、服务时长、覆盖群众人次（管理员看本级及下级，队长看所带队伍）' })
  @ApiAnswer('StatsSummaryResponse', { errors: [404] })
  summary(@CurrentUser() user: AuthUser, @Query() q: StatsFilterDto) {
    return this.stats.summary(user, q);
  }

  @Get('breakdown')
  @ApiOperation({ summary: '分组统计：按乡镇/阵地/队伍/队伍类型/服务类别/活动类型/月/周；各行可加总字段之和等于合计，合计志愿者人数为整体去重' })
  @ApiAnswer('BreakdownResponse', { errors: [404] })
  breakdown(@CurrentUser() user: AuthUser, @Query() q: StatsBreakdownQueryDto) {
    return this.stats.breakdown(user, q);
  }

  @Get('service-days')
  @ApiOperation({ summary: '志愿服务日（周五 service_day 活动）：每个日期一行' })
  @ApiAnswer('ServiceDaysResponse', { errors: [404] })
  serviceDays(@CurrentUser() user: AuthUser, @Query() q: StatsFilterDto) {
    return this.stats.serviceDays(user, q);
  }
}
