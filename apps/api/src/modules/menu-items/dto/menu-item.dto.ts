import { ENTITY_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ACTIVITY_CATEGORIES, type ActivityCategory, type CreateMenuItemRequest, type UpdateMenuItemRequest } from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid } from '../../../common/dto/fields';

const CATEGORY_MESSAGE = `category 只能是 ${ACTIVITY_CATEGORIES.join('/')}`;

export class CreateMenuItemDto implements CreateMenuItemRequest {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '实践站；不填或 null 表示全县通用（仅县文明办）' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
  siteId?: string | null;

  @ApiProperty({ example: '理发' })
  @IsString({ message: '服务名称不能为空' })
  @IsNotEmpty({ message: '服务名称不能为空' })
  @Matches(/\S/, { message: '服务名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `服务名称最多 ${ENTITY_NAME_MAX} 个字` })
  title: string;

  @ApiProperty({ enum: ACTIVITY_CATEGORIES })
  @IsIn(ACTIVITY_CATEGORIES, { message: CATEGORY_MESSAGE })
  category: ActivityCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '说明最多 2000 个字' })
  description?: string;

  @ApiProperty({ type: [String], format: 'uuid', description: '可提供此服务的队伍（至少一支）' })
  @IsArray({ message: 'teamIds 必须是队伍编号列表' })
  @ArrayMinSize(1, { message: '至少选择一支提供服务的队伍' })
  @ArrayMaxSize(50, { message: '最多 50 支队伍' })
  @IsUUID('all', { each: true, message: 'teamIds 中有无效的编号' })
  teamIds: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class UpdateMenuItemDto implements UpdateMenuItemRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '服务名称不能为空' })
  @Matches(/\S/, { message: '服务名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `服务名称最多 ${ENTITY_NAME_MAX} 个字` })
  title?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_CATEGORIES })
  @IsOptional()
  @IsIn(ACTIVITY_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: ActivityCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '说明最多 2000 个字' })
  description?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray({ message: 'teamIds 必须是队伍编号列表' })
  @ArrayMinSize(1, { message: '至少选择一支提供服务的队伍' })
  @ArrayMaxSize(50, { message: '最多 50 支队伍' })
  @IsUUID('all', { each: true, message: 'teamIds 中有无效的编号' })
  teamIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}

export class MenuItemQueryDto extends PaginationQueryDto {
  @OptionalUuid({ description: '站点：该站点的菜单（含全县通用项目）' })
  siteId?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_CATEGORIES })
  @IsOptional()
  @IsIn(ACTIVITY_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: ActivityCategory;

  @ApiPropertyOptional({ description: '包含已下架项目（仅管理员）' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeInactive 必须是 true 或 false' })
  includeInactive?: boolean;
}
