import { ENTITY_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MEMBERSHIP_ROLES, TEAM_TYPES, type AddMemberRequest, type CreateTeamRequest, type MembershipRole, type TeamType, type UpdateTeamRequest } from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid, RequiredUuid, OptionalOneOf, RequiredOneOf } from '../../../common/dto/fields';

export class CreateTeamDto implements CreateTeamRequest {
  @ApiProperty({ example: '永清镇红马甲志愿服务队' })
  @IsString()
  @IsNotEmpty({ message: '队伍名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `队伍名称最多 ${ENTITY_NAME_MAX} 个字` })
  name: string;

  @RequiredOneOf(TEAM_TYPES)
  type: TeamType;

  @RequiredUuid()
  siteId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '简介最多 2000 个字' })
  description?: string;
}

export class UpdateTeamDto implements UpdateTeamRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '队伍名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `队伍名称最多 ${ENTITY_NAME_MAX} 个字` })
  name?: string;

  @OptionalOneOf(TEAM_TYPES)
  type?: TeamType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '简介最多 2000 个字' })
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'archived 必须是 true 或 false' })
  archived?: boolean;
}

export class TeamQueryDto extends PaginationQueryDto {
  @OptionalOneOf(TEAM_TYPES)
  type?: TeamType;

  @OptionalUuid()
  siteId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '包含已归档队伍' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'archived 必须是 true 或 false' })
  archived?: boolean;
}

export class AddMemberDto implements AddMemberRequest {
  @RequiredUuid()
  volunteerId: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES, { message: 'role 只能是 leader 或 member' })
  role?: MembershipRole;
}

export class MembersQueryDto extends PaginationQueryDto {}
