import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCHEDULED_JOBS, type ScheduledJob } from '@wenming/shared';
import { Roles } from '../../common/auth/decorators';
import { AppError } from '../../common/errors/app-error';
import { RunJobDto } from './dto/job.dto';
import { JobsService } from './jobs.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post(':job/run')
  @HttpCode(200)
  @Roles('county_admin')
  @ApiOperation({ summary: '立即运行定时任务（县文明办）：activity-reminders / order-overdue / redemption-expiry；同一时段只运行一次' })
  @ApiAnswer('JobRunResultDto')
  run(@Param('job') job: string, @Body() dto: RunJobDto) {
    if (!(SCHEDULED_JOBS as readonly string[]).includes(job)) throw AppError.badRequest('BAD_REQUEST', `没有名为 ${job} 的任务；可选：${SCHEDULED_JOBS.join('、')}`);
    if (dto.date && job !== 'activity-reminders') throw AppError.validation([{ field: 'date', message: '只有活动提醒可以指定日期' }]);
    return this.jobs.run(job as ScheduledJob, { date: dto.date });
  }
}
