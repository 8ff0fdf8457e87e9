import { ENTITY_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, Validate, ValidateIf } from 'class-validator';
import {
  EXPORT_FORMATS,
  POINTS_ENTRY_KINDS,
  REDEMPTION_STATUSES,
  type CancelRedemptionRequest,
  type CreateGoodsRequest,
  type CreateRedemptionRequest,
  type ExportFormat,
  type GoodsQuery,
  type PointsEntryKind,
  type PointsLedgerQuery,
  type RedemptionQuery,
  type RedemptionStatus,
  type UpdateGoodsRequest,
} from '@wenming/shared';
import { IsCalendarDate, NotBeforeFrom } from '../../../common/dto/date-range.dto';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { toBool } from '../../notices/dto/notice.dto';
import { OptionalUuid, RequiredUuid, OptionalOneOf } from '../../../common/dto/fields';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class GoodsQueryDto extends PaginationQueryDto implements GoodsQuery {
  @OptionalUuid({ description: '该阵地的商品（含全县通用商品）' })
  siteId?: string;

  @ApiPropertyOptional({ description: '只看上架（true）或下架（false）；志愿者只能看上架商品' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;

  @ApiPropertyOptional({ description: '商品名称关键字' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '关键字最多 50 个字' })
  q?: string;
}

export class CreateGoodsDto implements CreateGoodsRequest {
  @ApiProperty({ example: '大米 5 斤' })
  @Transform(trim)
  @IsString({ message: '请填写商品名称' })
  @IsNotEmpty({ message: '请填写商品名称' })
  @MaxLength(ENTITY_NAME_MAX, { message: `商品名称最多 ${ENTITY_NAME_MAX} 个字` })
  name: string;

  @ApiPropertyOptional({ nullable: true, example: 'https://img.example.cn/rice.jpg' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^(https?:\/\/|\/)\S+$/, { message: '图片地址必须是 http(s) 链接或站内路径' })
  @MaxLength(500, { message: '图片地址最多 500 个字符' })
  imageUrl?: string | null;

  @ApiProperty({ example: 20, description: '兑换所需积分（正整数）' })
  @Type(() => Number)
  @IsInt({ message: '兑换积分必须是正整数' })
  @Min(1, { message: '兑换积分必须是正整数' })
  @Max(100000, { message: '兑换积分最多 100000' })
  pointsPrice: number;

  @ApiProperty({ example: 50, description: '库存（件）' })
  @Type(() => Number)
  @IsInt({ message: '库存必须是 0 或正整数' })
  @Min(0, { message: '库存必须是 0 或正整数' })
  @Max(1000000, { message: '库存最多 1000000' })
  stock: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '供应阵地；不填或 null 为全县通用（仅县文明办）' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
  siteId?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class UpdateGoodsDto implements UpdateGoodsRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '请填写商品名称' })
  @IsNotEmpty({ message: '商品名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `商品名称最多 ${ENTITY_NAME_MAX} 个字` })
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^(https?:\/\/|\/)\S+$/, { message: '图片地址必须是 http(s) 链接或站内路径' })
  @MaxLength(500, { message: '图片地址最多 500 个字符' })
  imageUrl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '兑换积分必须是正整数' })
  @Min(1, { message: '兑换积分必须是正整数' })
  @Max(100000, { message: '兑换积分最多 100000' })
  pointsPrice?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '库存必须是 0 或正整数' })
  @Min(0, { message: '库存必须是 0 或正整数' })
  @Max(1000000, { message: '库存最多 1000000' })
  stock?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
  siteId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class CreateRedemptionDto implements CreateRedemptionRequest {
  @RequiredUuid()
  goodsId: string;
}

export class CancelRedemptionDto implements CancelRedemptionRequest {
  @ApiPropertyOptional({ example: '商品破损，改日再领' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '取消原因最多 500 个字' })
  reason?: string;
}

export class RedemptionQueryDto extends PaginationQueryDto implements RedemptionQuery {
  @OptionalUuid({ description: '领取阵地（含下级）' })
  siteId?: string;

  @OptionalOneOf(REDEMPTION_STATUSES)
  status?: RedemptionStatus;

  @ApiPropertyOptional({ example: '2026-01-01', description: '申请日期起（含）' })
  @IsOptional()
  @Validate(IsCalendarDate)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '申请日期止（含）' })
  @IsOptional()
  @Validate(IsCalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;

  @ApiPropertyOptional({ description: '志愿者姓名或手机号' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '关键字最多 50 个字' })
  q?: string;
}

export class RedemptionExportQueryDto extends RedemptionQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format 只能是 csv 或 xlsx' })
  format: ExportFormat;
}

export class PointsLedgerQueryDto extends PaginationQueryDto implements PointsLedgerQuery {
  @OptionalOneOf(POINTS_ENTRY_KINDS)
  kind?: PointsEntryKind;
}
