import { ENTITY_NAME_MAX, PERSON_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SITE_LEVELS, type CreateSiteRequest, type SiteLevel, type UpdateSiteRequest } from '@wenming/shared';
import { CONTACT_PHONE_MESSAGE, CONTACT_PHONE_PATTERN, PaginationQueryDto } from '../../../common/dto/pagination.dto';

export class CreateSiteDto implements CreateSiteRequest {
  @ApiProperty({ example: '东关社区新时代文明实践站' })
  @IsString()
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `名称最多 ${ENTITY_NAME_MAX} 个字` })
  name: string;

  @ApiProperty({ enum: SITE_LEVELS })
  @IsIn(SITE_LEVELS, { message: `level 只能是 ${SITE_LEVELS.join('/')}` })
  level: SiteLevel;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'regionId 不是有效的编号' })
  regionId: string;

  @ApiPropertyOptional({ format: 'uuid', description: '上级阵地；中心无上级' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId 不是有效的编号' })
  parentId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '地址最多 200 个字' })
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_NAME_MAX, { message: `联系人最多 ${PERSON_NAME_MAX} 个字` })
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CONTACT_PHONE_PATTERN, { message: CONTACT_PHONE_MESSAGE })
  contactPhone?: string;
}

export class UpdateSiteDto implements UpdateSiteRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `名称最多 ${ENTITY_NAME_MAX} 个字` })
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 不是有效的编号' })
  regionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '地址最多 200 个字' })
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_NAME_MAX, { message: `联系人最多 ${PERSON_NAME_MAX} 个字` })
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CONTACT_PHONE_PATTERN, { message: CONTACT_PHONE_MESSAGE })
  contactPhone?: string;
}

export class SiteQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: SITE_LEVELS })
  @IsOptional()
  @IsIn(SITE_LEVELS, { message: `level 只能是 ${SITE_LEVELS.join('/')}` })
  level?: SiteLevel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 不是有效的编号' })
  regionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId 不是有效的编号' })
  parentId?: string;

  @ApiPropertyOptional({ description: '名称或地址包含' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
