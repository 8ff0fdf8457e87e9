import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, Validate, ValidateIf } from 'class-validator';
import {
  ACTIVITY_CATEGORIES,
  TIME_OF_DAY_PATTERN,
  type ActivityCategory,
  type CreateServiceDayScheduleRequest,
  type UpdateServiceDayScheduleRequest,
} from '@wenming/shared';
import { IsCalendarDate } from '../../../common/dto/date-range.dto';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid, RequiredUuid, OptionalOneOf, RequiredOneOf } from '../../../common/dto/fields';

class ScheduleFields {
  @OptionalUuid({ description: '服务地点（任一阵地）；不填为队伍所属阵地' })
  siteId?: string;

  @ApiPropertyOptional({ example: '东关广场', maxLength: 100, description: '具体地点（可选），最多 100 个字' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'address 必须是文字' })
  @MaxLength(100, { message: '具体地点最多 100 个字' })
  address?: string;

  @ApiProperty({ example: '东关社区周五志愿服务日' })
  @IsString()
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxLength(200, { message: '名称最多 200 个字' })
  title: string;

  @RequiredOneOf(ACTIVITY_CATEGORIES)
  category: ActivityCategory;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, default: 5, description: 'ISO 星期：1 周一 … 7 周日；默认 5（周五）' })
  @IsOptional()
  @IsInt({ message: 'weekday 必须是 1 到 7 的整数（1 周一 … 7 周日）' })
  @Min(1, { message: 'weekday 必须是 1 到 7 的整数（1 周一 … 7 周日）' })
  @Max(7, { message: 'weekday 必须是 1 到 7 的整数（1 周一 … 7 周日）' })
  weekday?: number;

  @ApiProperty({ example: '09:00', description: 'HH:mm，北京时间' })
  @Matches(TIME_OF_DAY_PATTERN, { message: 'startTime 必须是 HH:mm，例如 09:00' })
  startTime: string;

  @ApiProperty({ example: '11:30', description: 'HH:mm，晚于 startTime（同一天）' })
  @Matches(TIME_OF_DAY_PATTERN, { message: 'endTime 必须是 HH:mm，例如 11:30' })
  endTime: string;

  @ApiProperty({ example: '2026-12-01' })
  @Validate(IsCalendarDate)
  startsOn: string;

  @ApiProperty({ example: '2027-06-30', description: '含当天；最长两年' })
  @Validate(IsCalendarDate)
  endsOn: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity 必须是正整数或 null（不限）' })
  @Min(1, { message: 'capacity 至少为 1；不限人数请传 null' })
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['2027-01-29'], description: '跳过的日期（如春节）' })
  @IsOptional()
  @IsArray({ message: 'skipDates 必须是日期列表' })
  @ArrayMaxSize(200, { message: 'skipDates 最多 200 个' })
  @Validate(IsCalendarDate, { each: true, message: 'skipDates 的每一项必须是有效日期 YYYY-MM-DD' })
  skipDates?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: '说明最多 5000 个字' })
  description?: string;

  @ApiPropertyOptional({ description: '与本队其他活动时间重叠时仍然保存（默认 false：409 SCHEDULE_OVERLAP 并列出冲突）' })
  @IsOptional()
  @IsBoolean({ message: 'allowOverlap 必须是 true 或 false' })
  allowOverlap?: boolean;
}

export class CreateScheduleDto extends ScheduleFields implements CreateServiceDayScheduleRequest {
  @RequiredUuid()
  teamId: string;
}

export class UpdateScheduleDto implements UpdateServiceDayScheduleRequest {
  @ApiPropertyOptional({ format: 'uuid', description: '服务地点（任一阵地）；不填为队伍所属阵地' })
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxLength(200, { message: '名称最多 200 个字' })
  title?: string;

  @OptionalOneOf(ACTIVITY_CATEGORIES)
  category?: ActivityCategory;

  @ApiPropertyOptional({ minimum: 1, maximum: 7 })
  @IsOptional()
  @IsInt({ message: 'weekday 必须是 1 到 7 的整数（1 周一 … 7 周日）' })
  @Min(1, { message: 'weekday 必须是 1 到 7 的整数（1 周一 … 7 周日）' })
  @Max(7, { message: 'weekday 必须是 1 到 7 的整数（1 周一 … 7 周日）' })
  weekday?: number;

  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @Matches(TIME_OF_DAY_PATTERN, { message: 'startTime 必须是 HH:mm，例如 09:00' })
  startTime?: string;

  @ApiPropertyOptional({ example: '11:30' })
  @IsOptional()
  @Matches(TIME_OF_DAY_PATTERN, { message: 'endTime 必须是 HH:mm，例如 11:30' })
  endTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Validate(IsCalendarDate)
  startsOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Validate(IsCalendarDate)
  endsOn?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity 必须是正整数或 null（不限）' })
  @Min(1, { message: 'capacity 至少为 1；不限人数请传 null' })
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'skipDates 必须是日期列表' })
  @ArrayMaxSize(200, { message: 'skipDates 最多 200 个' })
  @Validate(IsCalendarDate, { each: true, message: 'skipDates 的每一项必须是有效日期 YYYY-MM-DD' })
  skipDates?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: '说明最多 5000 个字' })
  description?: string;

  @ApiPropertyOptional({ description: '与本队其他活动时间重叠时仍然保存（默认 false：409 SCHEDULE_OVERLAP 并列出冲突）' })
  @IsOptional()
  @IsBoolean({ message: 'allowOverlap 必须是 true 或 false' })
  allowOverlap?: boolean;
}

export class ScheduleQueryDto extends PaginationQueryDto {
  @OptionalUuid()
  teamId?: string;
}
