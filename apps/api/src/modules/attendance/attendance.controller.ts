import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, DeferSessionCheck, Session } from '../../common/auth/decorators';
import { DeferredSession, resolveSession } from '../../common/auth/session';
import { UUID_PIPE } from '../../common/pipes';
import { AppError } from '../../common/errors/app-error';
import { AttendanceReviewService } from './attendance-review.service';
import { CheckinService } from './checkin.service';
import { OfflineCheckinService } from './offline-checkin.service';
import { AttendanceListQueryDto, CheckinDto, CheckoutDto, ConfirmAttendanceDto, ManualAttendanceDto, RejectAttendanceDto } from './dto/attendance.dto';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('activities/:id')
export class AttendanceController {
  constructor(
    private readonly attendance: CheckinService,
    private readonly review: AttendanceReviewService,
    private readonly offline: OfflineCheckinService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @Get('checkin-code')
  @ApiOperation({ summary: '当前签到码与二维码内容（队长、管理员）；每 60 秒更换' })
  @ApiAnswer('CheckinCodeResponse', { errors: [409] })
  checkinCode(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.attendance.checkinCode(user, id);
  }

  @Get('checkin-codes')
  @ApiOperation({ summary: '离线大屏用：本活动签到/签退时间内（最多 12 小时）每分钟的签到码（队长、管理员；记入操作日志）' })
  @ApiAnswer('CheckinCodeListResponse', { errors: [409] })
  checkinCodes(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.offline.checkinCodes(user, id);
  }

  @Post('checkin')
  @DeferSessionCheck()
  @HttpCode(200)
  @ApiOperation({ summary: '志愿者扫码签到（活动开始前 30 分钟至结束）；重复签到返回同一记录；带 observedAt 为离线补传（按该分钟的签到码核验）' })
  @ApiAnswer('AttendanceDto', { errors: [409, 429] })
  async checkin(@Session() session: DeferredSession, @Param('id', UUID_PIPE) id: string, @Body() dto: CheckinDto) {
    // the live check-in checks the login inside its one statement; an offline record checks it first, as the guard did
    if (dto.observedAt) return this.offline.checkin(await resolveSession(this.db, session), id, dto.code, new Date(dto.observedAt), dto.idempotencyKey ?? null);
    return this.attendance.checkin(session, id, dto.code, dto.idempotencyKey ?? null);
  }

  @Post('checkout')
  @DeferSessionCheck()
  @HttpCode(200)
  @ApiOperation({ summary: '志愿者签退（签到后至活动结束后 60 分钟）；重复签退返回同一记录' })
  @ApiAnswer('AttendanceDto', { errors: [409, 429] })
  async checkout(@Session() session: DeferredSession, @Param('id', UUID_PIPE) id: string, @Body() dto: CheckoutDto) {
    // the live check-out checks the login inside its one statement (as the check-in); an offline record checks it first
    if (dto.observedAt) {
      const user = await resolveSession(this.db, session);
      if (!dto.code) throw AppError.validation([{ field: 'code', message: '离线签退须填写当时看到的签到码' }]);
      return this.offline.checkout(user, id, dto.code, new Date(dto.observedAt), dto.idempotencyKey ?? null);
    }
    return this.attendance.checkout(session, id, dto.code, dto.idempotencyKey ?? null);
  }

  @Get('attendance')
  @ApiOperation({ summary: '活动考勤名单（队长、管理员），手机号脱敏' })
  @ApiAnswer('AttendanceListItemDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: AttendanceListQueryDto) {
    return this.review.list(user, id, q);
  }

  @Post('attendance')
  @ApiOperation({ summary: '补录或更正考勤（队长、管理员）；确认后不可更正' })
  @ApiAnswer('AttendanceDto', { status: 201, errors: [409] })
  manual(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: ManualAttendanceDto) {
    return this.review.manual(user, id, dto);
  }

  @Post('attendance/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: '确认考勤（不传 volunteerIds 则确认全部待确认记录），计算服务时长并记积分' })
  @ApiAnswer('ConfirmAttendanceResponse', { errors: [409] })
  confirm(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: ConfirmAttendanceDto) {
    return this.review.confirm(user, id, dto.volunteerIds);
  }

  @Post('attendance/:volunteerId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '驳回考勤（已确认的也可驳回，时长不再计入并扣回积分）' })
  @ApiAnswer('AttendanceDto', { errors: [409] })
  reject(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Param('volunteerId', UUID_PIPE) volunteerId: string, @Body() dto: RejectAttendanceDto) {
    return this.review.reject(user, id, volunteerId, dto.reason);
  }
}
