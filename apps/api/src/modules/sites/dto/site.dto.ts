import { ENTITY_NAME_MAX, PERSON_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SITE_LEVELS, type CreateSiteRequest, type SiteLevel, type UpdateSiteRequest } from '@wenming/shared';
import { CONTACT_PHONE_MESSAGE, CONTACT_PHONE_PATTERN, PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid, RequiredUuid, OptionalOneOf, RequiredOneOf } from '../../../common/dto/fields';

export class CreateSiteDto implements CreateSiteRequest {
  @ApiProperty({ example: '东关社区新时代文明实践站' })
  @IsString()
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `名称最多 ${ENTITY_NAME_MAX} 个字` })
  name: string;

  @RequiredOneOf(SITE_LEVELS)
  level: SiteLevel;

  @RequiredUuid()
  regionId: string;

  @OptionalUuid({ description: '上级阵地；中心无上级' })
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

  @OptionalUuid()
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
  @OptionalOneOf(SITE_LEVELS)
  level?: SiteLevel;

  @OptionalUuid()
  regionId?: string;

  @OptionalUuid()
  parentId?: string;

  @ApiPropertyOptional({ description: '名称、地址或所在乡镇名称包含（公开名录：名称或乡镇）' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
