import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  type ActivityCategory,
  type ActivityKind,
  type ActivityQuery,
  type ActivityStatus,
  type CancelActivityRequest,
  type CompleteActivityRequest,
  type CreateActivityRequest,
  type CreateSignupRequest,
  type UpdateActivityRequest,
} from '@wenming/shared';
import { DateRangeQueryDto } from '../../../common/dto/date-range.dto';
import { LargePageQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid, RequiredUuid, OptionalOneOf, RequiredOneOf } from '../../../common/dto/fields';

/** An instant: ISO 8601 date-time with an explicit offset (Z or ±hh:mm). */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = (f: string) => `${f} 必须是带时区的时间，例如 2026-12-04T09:00:00+08:00`;

export class CreateActivityDto implements CreateActivityRequest {
  @ApiProperty({ example: '东关社区文明劝导' })
  @IsString()
  @IsNotEmpty({ message: '活动名称不能为空' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title: string;

  @RequiredOneOf(ACTIVITY_KINDS)
  kind: ActivityKind;

  @RequiredOneOf(ACTIVITY_CATEGORIES)
  category: ActivityCategory;

  @RequiredUuid()
  teamId: string;

  @OptionalUuid({ description: '活动地点（任一新时代文明实践阵地）；不填为队伍所属阵地' })
  siteId?: string;

  @ApiPropertyOptional({ example: '东关广场', maxLength: 100, description: '具体地点（可选），最多 100 个字' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'address 必须是文字' })
  @MaxLength(100, { message: '具体地点最多 100 个字' })
  address?: string;

  @ApiProperty({ example: '2026-12-04T09:00:00+08:00', description: 'ISO 8601，带时区' })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('startsAt') })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('startsAt') })
  startsAt: string;

  @ApiProperty({ example: '2026-12-04T11:30:00+08:00', description: '晚于 startsAt，最长 24 小时' })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('endsAt') })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('endsAt') })
  endsAt: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: '人数上限；null 表示不限' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity 必须是正整数或 null（不限）' })
  @Min(1, { message: 'capacity 至少为 1；不限人数请传 null' })
  capacity?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: '活动说明最多 5000 个字' })
  description?: string;

  @ApiPropertyOptional({ enum: ['draft', 'published'], default: 'published' })
  @IsOptional()
  @IsIn(['draft', 'published'], { message: 'status 只能是 draft 或 published' })
  status?: 'draft' | 'published';
}

export class UpdateActivityDto implements UpdateActivityRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '活动名称不能为空' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: '活动说明最多 5000 个字' })
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '活动地点（任一新时代文明实践阵地）；不填为队伍所属阵地' })
  // absent = unchanged; null is not a venue (400, not a NOT NULL violation)
  @ValidateIf((_, v) => v !== undefined)
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
  siteId?: string;

  @ApiPropertyOptional({ example: '东关广场', maxLength: 100, description: '具体地点（可选），最多 100 个字' })
  @ValidateIf((_, v) => v !== undefined)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'address 必须是文字' })
  @MaxLength(100, { message: '具体地点最多 100 个字' })
  address?: string;

  @ApiPropertyOptional({ example: '2026-12-04T09:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('startsAt') })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('startsAt') })
  startsAt?: string;

  @ApiPropertyOptional({ example: '2026-12-04T11:30:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('endsAt') })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('endsAt') })
  endsAt?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity 必须是正整数或 null（不限）' })
  @Min(1, { message: 'capacity 至少为 1；不限人数请传 null' })
  capacity?: number | null;

  @OptionalOneOf(ACTIVITY_CATEGORIES)
  category?: ActivityCategory;

  @ApiPropertyOptional({ enum: ['published'], description: '只能把草稿发布' })
  @IsOptional()
  @IsIn(['published'], { message: 'status 只能改为 published（发布草稿）；取消和完成请用对应操作' })
  status?: 'published';
}

export class ActivityQueryDto extends DateRangeQueryDto implements ActivityQuery {
  @OptionalUuid({ description: '活动地点在该乡镇（乡镇一级行政区划）' })
  townId?: string;

  @OptionalUuid({ description: '活动地点（阵地）' })
  siteId?: string;

  @OptionalUuid()
  teamId?: string;

  @OptionalOneOf(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @OptionalOneOf(ACTIVITY_CATEGORIES)
  category?: ActivityCategory;

  @OptionalOneOf(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc', description: '按开始时间排序；浏览即将开始的活动用 from=今天&sort=asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'sort 只能是 asc 或 desc' })
  sort?: 'asc' | 'desc';
}

export class CancelActivityDto implements CancelActivityRequest {
  @ApiProperty({ example: '天气原因' })
  @IsString({ message: 'reason 必须是文字' })
  @IsNotEmpty({ message: '请填写取消原因' })
  @MaxLength(500, { message: '取消原因最多 500 个字' })
  reason: string;
}

export class CompleteActivityDto implements CompleteActivityRequest {
  @ApiProperty({ minimum: 0, example: 120, description: '覆盖群众人次' })
  @IsInt({ message: 'audienceReached 必须是不小于 0 的整数' })
  @Min(0, { message: 'audienceReached 必须是不小于 0 的整数' })
  audienceReached: number;

  @ApiPropertyOptional({ description: '活动尚未到计划结束时间时必须为 true（确认提前结束）；结束时间改为完成的时刻' })
  @IsOptional()
  @IsBoolean({ message: 'endEarly 必须是 true 或 false' })
  endEarly?: boolean;
}

export class CreateSignupDto implements CreateSignupRequest {
  @OptionalUuid({ description: '不填为本人报名；队长/管理员可为他人报名' })
  volunteerId?: string;
}

export class SignupQueryDto extends LargePageQueryDto {
  @ApiPropertyOptional({ enum: ['confirmed', 'waitlisted', 'cancelled'] })
  @IsOptional()
  @IsIn(['confirmed', 'waitlisted', 'cancelled'], { message: 'status 只能是 confirmed/waitlisted/cancelled' })
  status?: 'confirmed' | 'waitlisted' | 'cancelled';
}
