import { PERSON_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate } from 'class-validator';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_KINDS,
  TEAM_TYPES,
  type ActivityCategory,
  type ActivityKind,
  type TeamType,
  ORDER_STATUSES,
  PHONE_PATTERN,
  type AcceptOrderRequest,
  type CancelOrderRequest,
  type CreateServiceOrderRequest,
  type DeclineOrderRequest,
  type DispatchOrderRequest,
  type OrderStatus,
  type RateOrderRequest,
} from '@wenming/shared';
import { DateRangeQueryDto, IsCalendarDate } from '../../../common/dto/date-range.dto';
import { PaginationQueryDto, PHONE_MESSAGE } from '../../../common/dto/pagination.dto';
import { OptionalUuid, RequiredUuid, OptionalOneOf } from '../../../common/dto/fields';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateServiceOrderDto implements CreateServiceOrderRequest {
  @RequiredUuid({ description: '服务项目（须在该站点的菜单中且已上架）' })
  menuItemId: string;

  @RequiredUuid({ description: '点单的实践站' })
  siteId: string;

  @ApiProperty({ example: '张桂英' })
  @IsString({ message: '请填写联系人姓名' })
  @IsNotEmpty({ message: '请填写联系人姓名' })
  @Matches(/\S/, { message: '请填写联系人姓名' })
  @MaxLength(PERSON_NAME_MAX, { message: `姓名最多 ${PERSON_NAME_MAX} 个字` })
  requesterName: string;

  @ApiProperty({ example: '13912345678' })
  @IsString({ message: PHONE_MESSAGE })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  requesterPhone: string;

  @ApiProperty({ example: '永清镇东关社区3号楼2单元' })
  @IsString({ message: '请填写服务地址' })
  @IsNotEmpty({ message: '请填写服务地址' })
  @Matches(/\S/, { message: '请填写服务地址' })
  @MaxLength(200, { message: '地址最多 200 个字' })
  address: string;

  @ApiProperty({ example: '2026-12-05', description: '希望服务的日期（Asia/Shanghai），不能早于今天' })
  @Validate(IsCalendarDate)
  preferredDate: string;

  @ApiPropertyOptional({ example: '老人行动不便，请上门' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '备注最多 500 个字' })
  note?: string;
}

export class RateOrderDto implements RateOrderRequest {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'stars 必须是 1 到 5 的整数' })
  @Min(1, { message: 'stars 必须是 1 到 5 的整数' })
  @Max(5, { message: 'stars 必须是 1 到 5 的整数' })
  stars: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '评价最多 500 个字' })
  comment?: string;
}

export class DispatchOrderDto implements DispatchOrderRequest {
  @RequiredUuid({ description: '提供该服务项目的队伍' })
  teamId: string;
}

export class AcceptOrderDto implements AcceptOrderRequest {
  @ApiProperty({ example: '2026-12-05T09:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt 必须是带时区的 ISO 8601 时间' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-05T11:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'endsAt 必须是带时区的 ISO 8601 时间' })
  endsAt: string;

  @ApiPropertyOptional({ description: '活动名称，默认“服务项目名称（菜单式服务）”' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '活动名称不能为空' })
  @Matches(/\S/, { message: '活动名称不能为空' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title?: string;
}

export class ReasonDto implements DeclineOrderRequest, CancelOrderRequest {
  @ApiProperty({ example: '队员本周外出培训，无法上门' })
  @IsString({ message: '请填写原因' })
  @IsNotEmpty({ message: '请填写原因' })
  @Matches(/\S/, { message: '请填写原因' })
  @MaxLength(500, { message: '原因最多 500 个字' })
  reason: string;
}

export class ServiceOrderQueryDto extends PaginationQueryDto {
  @OptionalOneOf(ORDER_STATUSES)
  status?: OrderStatus;

  @OptionalUuid({ description: '阵地（含下级站点）' })
  siteId?: string;

  @OptionalUuid()
  teamId?: string;

  @ApiPropertyOptional({ description: 'true：只看超时未派单/未接单的；false：只看未超时的' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue 必须是 true 或 false' })
  overdue?: boolean;
}

export class OrderStatsQueryDto extends DateRangeQueryDto {
  @OptionalUuid({ description: '乡镇（行政区划编号）' })
  townId?: string;

  @OptionalUuid({ description: '阵地（含下级站点）' })
  siteId?: string;

  // the rest of the dashboard's filters (issue 11): every one applies to orders
  @OptionalUuid({ description: '接单队伍' })
  teamId?: string;

  @OptionalOneOf(TEAM_TYPES, { description: '接单队伍的类型' })
  teamType?: TeamType;

  @OptionalOneOf(ACTIVITY_CATEGORIES, { description: '所点菜单项的服务类别' })
  category?: ActivityCategory;

  @OptionalOneOf(ACTIVITY_KINDS, { description: '活动形式：点单都是 menu_service（菜单式服务），选其他形式时没有点单' })
  kind?: ActivityKind;
}

export class TeamRatingsQueryDto extends OrderStatsQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '至少有几条评价才上榜' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minRated 必须是正整数' })
  @Min(1, { message: 'minRated 必须是正整数' })
  minRated: number = 1;
}
