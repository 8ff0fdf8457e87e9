import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, Validate } from 'class-validator';
import type { CheckinRequest, CheckoutRequest, ConfirmAttendanceRequest, ManualAttendanceRequest, RedeemPointsRequest, RejectAttendanceRequest } from '@wenming/shared';
import { IsCalendarDate, NotBeforeFrom } from '../../../common/dto/date-range.dto';
import { LargePageQueryDto } from '../../../common/dto/pagination.dto';
import { RequiredUuid } from '../../../common/dto/fields';

export class CheckinDto implements CheckinRequest {
  @ApiProperty({ example: '042917', description: '队长出示的 6 位签到码' })
  @IsString({ message: '签到码必须是 6 位数字' })
  @Matches(/^\d{6}$/, { message: '签到码必须是 6 位数字' })
  code: string;

  @ApiPropertyOptional({ example: '2026-11-28T09:03:20+08:00', description: '仅离线补传：手机看到签到码的时间（带时区）；签到码须是该分钟或前一分钟的码' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'observedAt 必须是带时区的时间，例如 2026-11-28T09:03:20+08:00' })
  observedAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '离线记录的幂等键（手机生成的 UUID）；同一键重复上传返回同一考勤' })
  @IsOptional()
  @IsUUID('all', { message: 'idempotencyKey 必须是 UUID' })
  idempotencyKey?: string;
}

export class CheckoutDto implements CheckoutRequest {
  @ApiPropertyOptional({ example: '042917', description: '签退时可再次输入签到码（可选）' })
  @IsOptional()
  @IsString({ message: '签到码必须是 6 位数字' })
  @Matches(/^\d{6}$/, { message: '签到码必须是 6 位数字' })
  code?: string;

  @ApiPropertyOptional({ example: '2026-11-28T11:02:00+08:00', description: '仅离线补传：手机看到签到码的时间（带时区）；此时 code 必填' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'observedAt 必须是带时区的时间，例如 2026-11-28T11:02:00+08:00' })
  observedAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '离线记录的幂等键（手机生成的 UUID）' })
  @IsOptional()
  @IsUUID('all', { message: 'idempotencyKey 必须是 UUID' })
  idempotencyKey?: string;
}

export class ManualAttendanceDto implements ManualAttendanceRequest {
  @RequiredUuid()
  volunteerId: string;

  @ApiProperty({ example: '2026-11-28T09:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'checkInAt 必须是带时区的时间，例如 2026-11-28T09:00:00+08:00' })
  checkInAt: string;

  @ApiPropertyOptional({ example: '2026-11-28T11:00:00+08:00', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'checkOutAt 必须是带时区的时间，例如 2026-11-28T11:00:00+08:00' })
  checkOutAt?: string | null;
}

export class ConfirmAttendanceDto implements ConfirmAttendanceRequest {
  @ApiPropertyOptional({ type: [String], description: '要确认的志愿者；不填则确认全部待确认记录' })
  @IsOptional()
  @IsArray({ message: 'volunteerIds 必须是编号数组' })
  @ArrayMaxSize(1000, { message: '一次最多确认 1000 人' })
  @IsUUID('all', { each: true, message: 'volunteerIds 中有无效的编号' })
  volunteerIds?: string[];
}

export class RejectAttendanceDto implements RejectAttendanceRequest {
  @ApiProperty({ example: '未实际参加服务' })
  @IsString({ message: '请填写驳回原因' })
  @IsNotEmpty({ message: '请填写驳回原因' })
  @MaxLength(500, { message: '驳回原因最多 500 个字' })
  reason: string;
}

export class RedeemPointsDto implements RedeemPointsRequest {
  @ApiProperty({ example: 10 })
  @Type(() => Number)
  @IsInt({ message: 'points 必须是正整数（积分为整数）' })
  @Min(1, { message: 'points 必须是正整数（积分为整数）' })
  points: number;

  @ApiProperty({ example: '洗衣粉 1 袋' })
  @IsString({ message: '请填写兑换物品' })
  @IsNotEmpty({ message: '请填写兑换物品' })
  @MaxLength(100, { message: '兑换物品最多 100 个字' })
  item: string;
}

/** The leader's attendance panel: one page may hold the whole activity (pageSize up to 1000). */
export class AttendanceListQueryDto extends LargePageQueryDto {}

/** from/to: inclusive Asia/Shanghai dates of the activities' start. */
export class RecordQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Validate(IsCalendarDate)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Validate(IsCalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;
}
