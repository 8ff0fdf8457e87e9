import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { UUID_PIPE } from '../../common/pipes';
import { ActivitiesService } from './activities.service';
import { ActivityQueryDto, CancelActivityDto, CompleteActivityDto, CreateActivityDto, CreateSignupDto, SignupQueryDto, UpdateActivityDto } from './dto/activity.dto';
import { SignupsService } from './signups.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly signups: SignupsService,
  ) {}

  @Get()
  @ApiOperation({ summary: '活动列表：管理员看本辖区；志愿者看已发布/已完成/已取消的活动和自己带领队伍的草稿' })
  @ApiAnswer('ActivityWithCountsDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: ActivityQueryDto) {
    return this.activities.list(user, q);
  }

  @Post()
  @ApiOperation({ summary: '新建活动（管理员、本队队长）；可补录过去的活动' })
  @ApiAnswer('ActivityWithCountsDto', { status: 201 })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActivityDto) {
    return this.activities.create(user, dto);
  }

  @Get(':id')
  @ApiAnswer('ActivityWithCountsDto')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.activities.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改活动（已取消/已完成的不能改；人数上限不能低于已报名人数）' })
  @ApiAnswer('ActivityWithCountsDto', { errors: [409] })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateActivityDto) {
    return this.activities.update(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消活动（有已确认考勤时 409）；同时取消全部报名' })
  @ApiAnswer('ActivityWithCountsDto', { errors: [409] })
  cancel(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: CancelActivityDto) {
    return this.activities.cancel(user, id, dto.reason);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: '完成活动并登记覆盖群众人次（同值重复提交幂等）；计划结束前完成须 endEarly: true，结束时间改为当前时刻' })
  @ApiAnswer('ActivityWithCountsDto', { errors: [409] })
  complete(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: CompleteActivityDto) {
    return this.activities.complete(user, id, dto.audienceReached, dto.endEarly === true);
  }

  @Get(':id/signups')
  @ApiOperation({ summary: '报名名单（队长、管理员看全部；志愿者只看自己的）' })
  @ApiAnswer('SignupDto', { page: true })
  listSignups(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: SignupQueryDto) {
    return this.signups.list(user, id, q);
  }

  @Post(':id/signups')
  @ApiOperation({ summary: '报名：满员时进入候补（waitlisted）。新报名或重新报名 201；已报名时返回原记录 200' })
  @ApiAnswer('SignupDto', { status: 201, alsoStatus: [200], description: '新报名或重新报名 201；已经报名过（confirmed 或 waitlisted）时 200 返回原记录', errors: [409] })
  async signUp(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: CreateSignupDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { created, signup } = await this.signups.signUp(user, id, dto.volunteerId);
    res.status(created ? 201 : 200);
    return signup;
  }

  @Delete(':id/signups/:volunteerId')
  @HttpCode(200)
  @ApiOperation({ summary: '取消报名（本人，或队长/管理员）；递补最早的候补' })
  @ApiAnswer('SignupDto', { errors: [409] })
  cancelSignup(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Param('volunteerId', UUID_PIPE) volunteerId: string) {
    return this.signups.cancel(user, id, volunteerId);
  }
}

@ApiTags('activities')
@ApiBearerAuth()
@Controller('me')
export class MyActivitiesController {
  constructor(private readonly signups: SignupsService) {}

  @Get('activities')
  @ApiOperation({ summary: '我报名的、尚未结束的活动（含报名状态）' })
  @ApiAnswer('MyActivityDto', { page: true })
  mine(@CurrentUser() user: AuthUser, @Query() q: PaginationQueryDto) {
    return this.signups.mine(user, q);
  }

  @Get('activity-notices')
  @ApiOperation({ summary: '我报名的活动的变更通知（时间、地点调整），新的在前' })
  @ApiAnswer('ActivityNoticeDto', { page: true })
  notices(@CurrentUser() user: AuthUser, @Query() q: PaginationQueryDto) {
    return this.signups.myNotices(user, q);
  }
}
