import { ENTITY_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, Validate, ValidateIf } from 'class-validator';
import { EXPORT_FORMATS, type CreateDeedAwardRequest, type CreateDeedRequest, type DeedAwardQuery, type ExportFormat, type UpdateDeedRequest } from '@wenming/shared';
import { IsCalendarDate, NotBeforeFrom } from '../../../common/dto/date-range.dto';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { toBool } from '../../notices/dto/notice.dto';
import { OptionalUuid, RequiredUuid } from '../../../common/dto/fields';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DeedListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class CreateDeedDto implements CreateDeedRequest {
  @ApiProperty({ example: '零彩礼' })
  @Transform(trim)
  @IsString({ message: '请填写事项名称' })
  @IsNotEmpty({ message: '请填写事项名称' })
  @MaxLength(ENTITY_NAME_MAX, { message: `事项名称最多 ${ENTITY_NAME_MAX} 个字` })
  name: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000, { message: '说明最多 1000 个字' })
  description?: string | null;

  @ApiProperty({ example: 50, description: '每次奖励积分' })
  @Type(() => Number)
  @IsInt({ message: '奖励积分必须是正整数' })
  @Min(1, { message: '奖励积分必须是正整数' })
  @Max(10000, { message: '奖励积分最多 10000' })
  points: number;

  @ApiProperty({ example: 100, description: '每人每年（自然年）该事项最多获得的积分' })
  @Type(() => Number)
  @IsInt({ message: '年度上限必须是正整数' })
  @Min(1, { message: '年度上限必须是正整数' })
  @Max(100000, { message: '年度上限最多 100000' })
  yearlyCap: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class UpdateDeedDto implements UpdateDeedRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '事项名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `事项名称最多 ${ENTITY_NAME_MAX} 个字` })
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000, { message: '说明最多 1000 个字' })
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '奖励积分必须是正整数' })
  @Min(1, { message: '奖励积分必须是正整数' })
  @Max(10000, { message: '奖励积分最多 10000' })
  points?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度上限必须是正整数' })
  @Min(1, { message: '年度上限必须是正整数' })
  @Max(100000, { message: '年度上限最多 100000' })
  yearlyCap?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class CreateDeedAwardDto implements CreateDeedAwardRequest {
  @RequiredUuid()
  deedId: string;

  @RequiredUuid()
  volunteerId: string;

  @ApiPropertyOptional({ example: '女儿出嫁零彩礼，村民代表会议评议通过' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '备注最多 500 个字' })
  note?: string;
}

export class DeedAwardQueryDto extends PaginationQueryDto implements DeedAwardQuery {
  @OptionalUuid({ description: '志愿者所属阵地（含下级）' })
  siteId?: string;

  @OptionalUuid()
  volunteerId?: string;

  @OptionalUuid()
  deedId?: string;

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

export class DeedAwardExportQueryDto extends DeedAwardQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format 只能是 csv 或 xlsx' })
  format: ExportFormat;
}
