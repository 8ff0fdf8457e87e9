import { ENTITY_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  MEMBERSHIP_ROLES,
  TEAM_TYPES,
  type AddMemberRequest,
  type CreateTeamRequest,
  type MembershipRole,
  type TeamType,
  type UpdateTeamRequest,
} from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';

export class CreateTeamDto implements CreateTeamRequest {
  @ApiProperty({ example: '永清镇红马甲志愿服务队' })
  @IsString()
  @IsNotEmpty({ message: '队伍名称不能为空' })
  @MaxLength(ENTITY_NAME_MAX, { message: `队伍名称最多 ${ENTITY_NAME_MAX} 个字` })
  name: string;

  @ApiProperty({ enum: TEAM_TYPES })
  @IsIn(TEAM_TYPES, { message: `type 只能是 ${TEAM_TYPES.join('/')}` })
  type: TeamType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
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

  @ApiPropertyOptional({ enum: TEAM_TYPES })
  @IsOptional()
  @IsIn(TEAM_TYPES, { message: `type 只能是 ${TEAM_TYPES.join('/')}` })
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
  @ApiPropertyOptional({ enum: TEAM_TYPES })
  @IsOptional()
  @IsIn(TEAM_TYPES, { message: `type 只能是 ${TEAM_TYPES.join('/')}` })
  type?: TeamType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
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
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'volunteerId 不是有效的编号' })
  volunteerId: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES, { message: 'role 只能是 leader 或 member' })
  role?: MembershipRole;
}

export class MembersQueryDto extends PaginationQueryDto {}
