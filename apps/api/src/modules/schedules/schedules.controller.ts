import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateScheduleDto, ScheduleQueryDto, UpdateScheduleDto } from './dto/schedule.dto';
import { SchedulesService } from './schedules.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('service-day-schedules')
@ApiBearerAuth()
@Controller('service-day-schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @ApiOperation({ summary: '志愿服务日安排列表（管理员本辖区；队长本队）' })
  @ApiAnswer('ServiceDayScheduleDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: ScheduleQueryDto) {
    return this.schedules.list(user, q);
  }

  @Post()
  @ApiOperation({ summary: '新建每周服务日安排，按日期生成 service_day 活动 → {schedule, generated, updated: [], cancelled: []}' })
  @ApiAnswer('ServiceDayScheduleChangeResponse', { status: 201 })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateScheduleDto) {
    return this.schedules.create(user, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改安排：只改未来且无考勤的场次；移出范围的场次取消，新日期新建' })
  @ApiAnswer('ServiceDayScheduleChangeResponse', { errors: [409] })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateScheduleDto) {
    return this.schedules.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: '删除安排：取消未来且无考勤的场次，答复 200 {schedule(deletedAt), generated: [], cancelled}' })
  @ApiAnswer('ServiceDayScheduleChangeResponse', { errors: [409] })
  remove(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.schedules.remove(user, id);
  }
}
